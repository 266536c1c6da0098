package org.campops.officehours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.chat.Caller;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.qa.QaService;
import org.campops.qa.Question;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Office hours: scheduling (with conflict confirmation), RSVPs, reminders at fixed offsets, the
 * agenda of open questions, the start post, cancel and reschedule. Each moment is one Quartz
 * trigger derived from the row that fans out to the channel and every RSVP.
 */
public final class OfficeHourService {
    private static final Logger LOG = LoggerFactory.getLogger(OfficeHourService.class);
    public static final int MIN_DURATION = 10;
    public static final int MAX_TITLE = 100;
    public static final int MAX_DESCRIPTION = 1000;
    private static final Pattern CHANNEL = Pattern.compile("<#(\\d{5,25})>|(\\d{17,20})");
    private static final String AGENDA = "agenda";
    private static final String START = "start";

    private final Database db;
    private final OfficeHourRepository repo = new OfficeHourRepository();
    private final Scheduling scheduling;
    private final Notifier notifier;
    private final Clock clock;
    private final CampConfig.OfficeHourSettings settings;
    private final QaService qa;
    private final Locale postLocale;
    private final String campName;

    public OfficeHourService(Database db, Scheduling scheduling, Notifier notifier, Clock clock, CampConfig config, QaService qa) {
        this.db = db;
        this.scheduling = scheduling;
        this.notifier = notifier;
        this.clock = clock;
        this.settings = config.officeHours();
        this.qa = qa;
        this.postLocale = config.camp().locale();
        this.campName = config.camp().name();
    }

    /** What an organizer or mentor asked for. */
    public record Request(Caller by, String title, Instant start, int durationMinutes, String hostId, String where,
                         String topic, String description) {
    }

    /** Scheduled, or held back because the host is busy then. */
    public sealed interface Outcome {
        /** Announced, with its event and triggers. */
        record Scheduled(OfficeHour officeHour) implements Outcome {
        }

        /** The host has other sessions then; {@code pendingId} awaits confirmation. */
        record Conflict(long pendingId, List<OfficeHour> clashes) implements Outcome {
        }
    }

    /** An RSVP toggled: whether the member now attends, and how many do. */
    public record Rsvp(OfficeHour officeHour, boolean attending, int count) {
    }

    public List<String> topics() {
        return qa.topics();
    }

    public Outcome schedule(Request r) {
        String title = r.title() == null ? "" : r.title().strip();
        if (!Texts.isVisible(title)) {
            throw new UserError("oh.error.emptyTitle");
        }
        if (title.length() > MAX_TITLE) {
            throw new UserError("oh.error.titleTooLong", MAX_TITLE, title.length());
        }
        if (r.durationMinutes() < MIN_DURATION || r.durationMinutes() > settings.maxDurationMinutes()) {
            throw new UserError("oh.error.duration", MIN_DURATION, settings.maxDurationMinutes(), r.durationMinutes());
        }
        String host = r.hostId() == null ? r.by().userId() : r.hostId();
        if (!r.by().has(Role.ORGANIZER)) {
            if (!host.equals(r.by().userId())) {
                throw new UserError("oh.error.forOthers");
            }
            if (!settings.mentorsMaySchedule()) {
                throw new UserError("oh.error.mentorsMayNot");
            }
        }
        if (!r.start().isAfter(clock.instant())) {
            throw new UserError("when.error.PAST", Texts.timestamp(r.start()));
        }
        String topic = null;
        if (r.topic() != null && !r.topic().isBlank()) {
            topic = qa.topics().stream().filter(t -> t.equalsIgnoreCase(r.topic().strip())).findFirst()
                    .orElseThrow(() -> new UserError("qa.error.unknownTopic", r.topic().strip(), String.join(", ", qa.topics())));
        }
        String description = !Texts.isVisible(r.description()) ? null : r.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new UserError("oh.error.descriptionTooLong", MAX_DESCRIPTION, description.length());
        }
        String voice = null;
        String location = null;
        if (Texts.isVisible(r.where())) {
            Matcher m = CHANNEL.matcher(r.where().strip());
            if (m.matches()) {
                voice = m.group(1) != null ? m.group(1) : m.group(2);
                Notifier.ChannelKind kind = notifier.channelKind(voice);
                if (kind != Notifier.ChannelKind.VOICE && kind != Notifier.ChannelKind.UNCHECKED) {
                    throw new UserError("oh.error.whereNotVoice");
                }
            } else if (r.where().strip().length() > 500) {
                throw new UserError("oh.error.whereTooLong");
            } else {
                location = r.where().strip();
            }
        }
        Instant now = clock.instant();
        OfficeHour draft = new OfficeHour(0, title, host, r.start(), r.durationMinutes(), voice, location, topic, description,
                OfficeHour.Status.PENDING, settings.channel(), null, null, null, null, r.by().userId(), now);
        List<OfficeHour> clashes = clashes(host, draft.startAt(), draft.endAt(), -1);
        long id = db.inTransaction(c -> {
            repo.deletePendingBefore(c, now.minus(Duration.ofDays(1)));
            return repo.insert(c, draft);
        });
        if (!clashes.isEmpty()) {
            return new Outcome.Conflict(id, clashes);
        }
        return new Outcome.Scheduled(publish(id));
    }

    /** "Schedule anyway" after a conflict. */
    public OfficeHour confirm(long pendingId, Caller by) {
        OfficeHour o = pending(pendingId, by);
        if (!o.startAt().isAfter(clock.instant())) {
            db.inTransaction(c -> {
                repo.delete(c, pendingId);
                return null;
            });
            throw new UserError("when.error.PAST", Texts.timestamp(o.startAt()));
        }
        return publish(o.id());
    }

    /** "Don't schedule" after a conflict. */
    public void discard(long pendingId, Caller by) {
        pending(pendingId, by);
        db.inTransaction(c -> {
            repo.delete(c, pendingId);
            return null;
        });
    }

    private OfficeHour pending(long id, Caller by) {
        OfficeHour o = find(id).filter(x -> x.status() == OfficeHour.Status.PENDING)
                .orElseThrow(() -> new UserError("oh.error.pendingGone"));
        if (!o.createdBy().equals(by.userId())) {
            throw new UserError("oh.error.pendingGone");
        }
        return o;
    }

    private List<OfficeHour> clashes(String host, Instant start, Instant end, long except) {
        return db.inTransaction(c -> repo.scheduledOfHost(c, host)).stream()
                .filter(o -> o.id() != except && o.overlaps(start, end)).toList();
    }

    private OfficeHour publish(long id) {
        // Claimed first, so a double-pressed "Schedule anyway" announces once.
        if (!db.inTransaction(c -> repo.setStatus(c, id, OfficeHour.Status.PENDING, OfficeHour.Status.PUBLISHING))) {
            throw new UserError("oh.error.pendingGone");
        }
        OfficeHour o = find(id).orElseThrow();
        Notifier.StartedThread thread;
        try {
            thread = notifier.startThread(o.channelId(), o.title(),
                    OfficeHourPosts.announcement(o, 0, postLocale).withAttachments(List.of(ics(o))), List.of());
        } catch (RuntimeException e) {
            LOG.warn("office hour {} could not be announced: {}", id, e.getMessage());
            db.inTransaction(c -> {
                repo.delete(c, id);
                return null;
            });
            throw new UserError("oh.error.postFailed");
        }
        String eventId = null;
        try {
            eventId = notifier.createEvent(event(o));
        } catch (RuntimeException e) {
            // The announcement and reminders still work; only Discord's event list misses it.
            LOG.warn("office hour {}: scheduled event not created: {}", id, e.getMessage());
        }
        String event = eventId;
        db.inTransaction(c -> {
            repo.publish(c, id, thread.messageChannelId(), thread.messageId(), thread.threadId(), event);
            return null;
        });
        OfficeHour published = find(id).orElseThrow();
        scheduleMoments(published);
        return published;
    }

    private Notifier.EventDetails event(OfficeHour o) {
        return new Notifier.EventDetails(o.title(), o.description() == null ? o.topic() : o.description(), o.startAt(),
                o.endAt(), o.voiceChannelId(), o.location());
    }

    private Reply.Attachment ics(OfficeHour o) {
        return new Reply.Attachment("officehour-" + o.id() + ".ics", "text/calendar",
                OfficeHourCalendar.ics(List.of(o), campName, clock.instant()));
    }

    /** The moments of an office hour: each reminder offset, the agenda and the start. */
    Map<String, Instant> moments(OfficeHour o) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (Duration d : settings.remindBefore()) {
            out.put("remind-" + d, o.startAt().minus(d));
        }
        if (o.topic() != null) {
            out.put(AGENDA, o.startAt().minus(settings.agendaBefore()));
        }
        out.put(START, o.startAt());
        return out;
    }

    private void scheduleMoments(OfficeHour o) {
        Instant now = clock.instant();
        moments(o).forEach((kind, due) -> {
            if (due.isAfter(now)) {
                scheduling.once(OfficeHour.jobKey(o.id(), kind), OfficeHourJob.class,
                        Map.of(OfficeHourJob.ID, String.valueOf(o.id()), OfficeHourJob.KIND, kind), due);
            }
        });
    }

    private void unscheduleMoments(OfficeHour o) {
        for (String kind : moments(o).keySet()) {
            scheduling.cancel(OfficeHour.jobKey(o.id(), kind));
        }
        scheduling.cancel(OfficeHour.jobKey(o.id(), AGENDA));
    }

    public Optional<OfficeHour> find(long id) {
        return db.inTransaction(c -> repo.find(c, id));
    }

    public List<OfficeHour> upcoming() {
        return db.inTransaction(c -> repo.upcoming(c, clock.instant()));
    }

    public int rsvpCount(long id) {
        return db.inTransaction(c -> repo.rsvps(c, id)).size();
    }

    public Rsvp toggleRsvp(long id, String userId) {
        OfficeHour o = find(id).filter(x -> x.status() == OfficeHour.Status.SCHEDULED)
                .orElseThrow(() -> new UserError("oh.error.notScheduled", id));
        if (!o.endAt().isAfter(clock.instant())) {
            throw new UserError("oh.error.over", id);
        }
        Rsvp rsvp = db.inTransaction(c -> {
            boolean attending = repo.toggleRsvp(c, id, userId, clock.instant());
            return new Rsvp(o, attending, repo.rsvps(c, id).size());
        });
        refreshAnnouncement(o, rsvp.count());
        return rsvp;
    }

    private void refreshAnnouncement(OfficeHour o, int count) {
        if (o.messageId() == null) {
            return;
        }
        try {
            notifier.edit(o.messageChannelId(), o.messageId(),
                    OfficeHourPosts.announcement(o, count, postLocale).withAttachments(List.of(ics(o))));
        } catch (RuntimeException e) {
            LOG.warn("office hour {}: announcement not updated: {}", o.id(), e.getMessage());
        }
    }

    public OfficeHour cancel(long id, Caller by) {
        OfficeHour o = manageable(id, by);
        if (!db.inTransaction(c -> repo.setStatus(c, id, OfficeHour.Status.SCHEDULED, OfficeHour.Status.CANCELLED))) {
            throw new UserError("oh.error.notScheduled", id);
        }
        unscheduleMoments(o);
        if (o.eventId() != null) {
            try {
                notifier.cancelEvent(o.eventId());
            } catch (RuntimeException e) {
                LOG.warn("office hour {}: scheduled event not cancelled: {}", id, e.getMessage());
            }
        }
        if (o.messageId() != null) {
            try {
                notifier.edit(o.messageChannelId(), o.messageId(), OfficeHourPosts.cancelledAnnouncement(o, postLocale));
            } catch (RuntimeException e) {
                LOG.warn("office hour {}: announcement not updated: {}", id, e.getMessage());
            }
        }
        dmAll(o, OfficeHourPosts.cancelledDm(o, postLocale));
        return find(id).orElseThrow();
    }

    public OfficeHour reschedule(long id, Instant newStart, Caller by) {
        OfficeHour o = manageable(id, by);
        if (!newStart.isAfter(clock.instant())) {
            throw new UserError("when.error.PAST", Texts.timestamp(newStart));
        }
        Instant newEnd = newStart.plus(Duration.ofMinutes(o.durationMinutes()));
        List<OfficeHour> clashes = clashes(o.hostId(), newStart, newEnd, id);
        if (!clashes.isEmpty()) {
            throw new UserError("oh.error.rescheduleClash", clashes.get(0).id(), Texts.defuse(clashes.get(0).title()),
                    Texts.timestamp(clashes.get(0).startAt()));
        }
        unscheduleMoments(o);
        db.inTransaction(c -> {
            repo.moveStart(c, id, newStart);
            return null;
        });
        OfficeHour moved = find(id).orElseThrow();
        scheduleMoments(moved);
        if (moved.eventId() != null) {
            try {
                notifier.updateEvent(moved.eventId(), event(moved));
            } catch (RuntimeException e) {
                LOG.warn("office hour {}: scheduled event not moved: {}", id, e.getMessage());
            }
        }
        refreshAnnouncement(moved, rsvpCount(id));
        dmAll(moved, OfficeHourPosts.movedDm(moved, o.startAt(), postLocale));
        return moved;
    }

    /** Only the host or an organizer manages a scheduled office hour. */
    private OfficeHour manageable(long id, Caller by) {
        OfficeHour o = find(id).filter(x -> x.status() == OfficeHour.Status.SCHEDULED)
                .orElseThrow(() -> new UserError("oh.error.notScheduled", id));
        if (!o.hostId().equals(by.userId()) && !by.has(Role.ORGANIZER)) {
            throw new UserError("oh.error.notYours", id);
        }
        if (!o.endAt().isAfter(clock.instant())) {
            throw new UserError("oh.error.over", id);
        }
        return o;
    }

    /**
     * Fires one moment: re-reads the row (cancelled or moved rows post nothing), claims the delivery
     * key of (office hour, moment, start time), then posts to the channel and DMs every RSVP.
     */
    public void fire(long id, String kind) {
        Optional<OfficeHour> found = find(id);
        if (found.isEmpty() || found.get().status() != OfficeHour.Status.SCHEDULED) {
            return;
        }
        OfficeHour o = found.get();
        Instant due = moments(o).get(kind);
        Instant now = clock.instant();
        if (due == null || now.isBefore(due.minusSeconds(60))) {
            LOG.info("office hour {}: stale trigger {} ignored", id, kind);
            return;
        }
        boolean late = START.equals(kind) ? now.isAfter(o.endAt()) : now.isAfter(o.startAt());
        if (late || supersededReminder(o, kind, now)) {
            LOG.info("office hour {}: {} is past its use, skipped", id, kind);
            return;
        }
        if (!db.inTransaction(c -> repo.claimDelivery(c, id, kind, o.startAt(), now))) {
            return;
        }
        if (AGENDA.equals(kind)) {
            List<Question> open = qa.unanswered().stream().filter(q -> o.topic().equalsIgnoreCase(q.topic())).toList();
            try {
                notifier.send(o.threadId(), OfficeHourPosts.agenda(o, open, qa::link, postLocale));
            } catch (RuntimeException e) {
                LOG.warn("office hour {}: agenda not posted, retrying in 5 minutes: {}", id, e.getMessage());
                db.inTransaction(c -> {
                    repo.unclaimDelivery(c, id, kind, o.startAt());
                    return null;
                });
                Instant retry = now.plus(Duration.ofMinutes(5));
                if (retry.isBefore(o.startAt())) {
                    scheduling.once(OfficeHour.jobKey(id, kind), OfficeHourJob.class,
                            Map.of(OfficeHourJob.ID, String.valueOf(id), OfficeHourJob.KIND, kind), retry);
                }
            }
            return;
        }
        String text = START.equals(kind) ? OfficeHourPosts.starting(o, postLocale)
                : OfficeHourPosts.reminder(o, Duration.between(due, o.startAt()), postLocale);
        try {
            notifier.post(o.channelId(), text);
        } catch (RuntimeException e) {
            // The RSVPs still hear it.
            LOG.warn("office hour {}: channel post for {} failed: {}", id, kind, e.getMessage());
        }
        dmAll(o, text);
    }

    /** After downtime, only the nearest missed reminder goes out, not all of them at once. */
    private boolean supersededReminder(OfficeHour o, String kind, Instant now) {
        if (!kind.startsWith("remind-")) {
            return false;
        }
        Duration before = Duration.parse(kind.substring("remind-".length()));
        return settings.remindBefore().stream()
                .anyMatch(d -> d.compareTo(before) < 0 && !o.startAt().minus(d).isAfter(now));
    }

    private void dmAll(OfficeHour o, String text) {
        for (String user : db.inTransaction(c -> repo.rsvps(c, o.id()))) {
            try {
                notifier.dm(user, text);
            } catch (RuntimeException e) {
                // Closed DMs must not keep the others from hearing.
                LOG.info("office hour {}: DM to {} failed: {}", o.id(), user, e.getMessage());
            }
        }
    }

    /** All upcoming office hours as one .ics file. */
    public Reply.Attachment calendar() {
        return new Reply.Attachment("campops-officehours.ics", "text/calendar",
                OfficeHourCalendar.ics(upcoming(), campName, clock.instant()));
    }

    /** At start: every scheduled office hour has its future triggers (the database is the truth). */
    public void ensureScheduled() {
        for (OfficeHour o : db.inTransaction(repo::allScheduled)) {
            Instant now = clock.instant();
            moments(o).forEach((kind, due) -> {
                String key = OfficeHour.jobKey(o.id(), kind);
                if (due.isAfter(now) && scheduling.nextFire(key) == null) {
                    scheduling.once(key, OfficeHourJob.class,
                            Map.of(OfficeHourJob.ID, String.valueOf(o.id()), OfficeHourJob.KIND, kind), due);
                }
            });
        }
    }
}
