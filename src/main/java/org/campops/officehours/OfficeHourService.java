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
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.schedule.Moment;
import org.campops.schedule.MomentSource;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Office hours: scheduling (with conflict confirmation), RSVPs, reminders at fixed offsets, the
 * agenda of open questions, the start post, cancel and reschedule. Each moment is one Quartz
 * trigger derived from the row that fans out to the channel and every RSVP.
 */
public final class OfficeHourService implements MomentSource {
    private static final Logger LOG = LoggerFactory.getLogger(OfficeHourService.class);
    public static final int MIN_DURATION = 10;
    public static final int MAX_TITLE = 100;
    public static final int MAX_DESCRIPTION = 1000;
    private static final Pattern CHANNEL = Pattern.compile("<#(\\d{5,25})>|(\\d{17,20})");
    public static final String FEATURE = "officehour";
    private static final String ANNOUNCED = "oh.announced";
    private static final String EVENT = "oh.event";
    /** How long a command waits for its post to go out before answering "saved, posting shortly". */
    private static final Duration SHOW_RESULT_WITHIN = Duration.ofMillis(2500);
    private static final String AGENDA = "agenda";
    private static final String START = "start";

    private final Database db;
    private final OfficeHourRepository repo = new OfficeHourRepository();
    private final Moments moments;
    private final Outbox outbox;
    private final Notifier notifier;
    private final Clock clock;
    private final CampConfig.OfficeHourSettings settings;
    private final QaService qa;
    private final Locale postLocale;
    private final String campName;

    public OfficeHourService(Database db, Moments moments, Outbox outbox, Notifier notifier, Clock clock, CampConfig config,
                             QaService qa) {
        this.db = db;
        this.moments = moments;
        this.outbox = outbox;
        this.notifier = notifier;
        this.clock = clock;
        this.settings = config.officeHours();
        this.qa = qa;
        this.postLocale = config.camp().locale();
        this.campName = config.camp().name();
        registerHandlers();
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

    /**
     * Announces a pending office hour: in one transaction it becomes SCHEDULED and its announcement
     * and scheduled event are queued; then its moments are planned. Waits briefly for the
     * announcement, so the reply can say whether it is out.
     */
    private OfficeHour publish(long id) {
        Instant now = clock.instant();
        // Claimed first, so a double-pressed "Schedule anyway" announces once.
        OfficeHour o = db.inTransaction(c -> {
            if (!repo.setStatus(c, id, OfficeHour.Status.PENDING, OfficeHour.Status.SCHEDULED)) {
                return null;
            }
            OfficeHour found = repo.find(c, id).orElseThrow();
            outbox.enqueue(c, announceKey(found), Payload.thread(found.channelId(), found.title(),
                    OfficeHourPosts.announcement(found, 0, postLocale).withAttachments(List.of(ics(found))), List.of()),
                    ANNOUNCED + ":" + id, now);
            outbox.enqueue(c, "oh:" + id + ":event", Payload.createEvent(event(found)), EVENT + ":" + id, now);
            return found;
        });
        if (o == null) {
            throw new UserError("oh.error.pendingGone");
        }
        moments.plan(FEATURE, id);
        Optional<Delivery> announced = outbox.awaitFinal(announceKey(o), SHOW_RESULT_WITHIN);
        if (announced.isPresent() && announced.get().status() == Delivery.Status.FAILED) {
            throw new UserError("oh.error.postFailed");
        }
        outbox.awaitFinal("oh:" + id + ":event", SHOW_RESULT_WITHIN);
        return find(id).orElseThrow();
    }

    private static String announceKey(OfficeHour o) {
        return "oh:" + o.id() + ":announce";
    }

    /** Fills in the announcement's ids once Discord created it; a failed announcement cancels the session. */
    private void registerHandlers() {
        outbox.onSent(ANNOUNCED, new Outbox.SentHandler() {
            @Override
            public void onSent(java.sql.Connection c, String ref, Delivery d, String result) throws java.sql.SQLException {
                Notifier.StartedThread t = Outbox.readResult(result, Notifier.StartedThread.class);
                repo.setAnnouncement(c, Long.parseLong(ref), t.messageChannelId(), t.messageId(), t.threadId());
            }

            @Override
            public void onFailed(java.sql.Connection c, String ref, Delivery d, String error) throws java.sql.SQLException {
                LOG.warn("office hour {} could not be announced, so it is cancelled: {}", ref, error);
                repo.setStatus(c, Long.parseLong(ref), OfficeHour.Status.SCHEDULED, OfficeHour.Status.CANCELLED);
            }
        });
        outbox.onSent(EVENT, new Outbox.SentHandler() {
            @Override
            public void onSent(java.sql.Connection c, String ref, Delivery d, String result) throws java.sql.SQLException {
                long id = Long.parseLong(ref);
                repo.setEvent(c, id, result);
                Optional<OfficeHour> o = repo.find(c, id);
                if (o.isPresent() && o.get().status() == OfficeHour.Status.CANCELLED) {
                    // Cancelled while its event was being created.
                    outbox.enqueue(c, "oh:" + id + ":event:cancel", Payload.cancelEvent(result));
                }
            }

            @Override
            public void onFailed(java.sql.Connection c, String ref, Delivery d, String error) {
                // The announcement and reminders still work; only Discord's event list misses it.
                LOG.warn("office hour {}: scheduled event not created: {}", ref, error);
            }
        });
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

    public Optional<OfficeHour> find(long id) {
        return db.inTransaction(c -> repo.find(c, id));
    }

    public List<OfficeHour> upcoming() {
        return db.inTransaction(c -> repo.upcoming(c, clock.instant()));
    }

    /** The scheduled office hours {@code userId} hosts or pressed RSVP for, ending after {@code since} (calendar feeds). */
    public List<OfficeHour> ofMember(String userId, Instant since) {
        return db.inTransaction(c -> repo.ofMember(c, userId, since));
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
        return db.inTransaction(c -> {
            boolean attending = repo.toggleRsvp(c, id, userId, clock.instant());
            int count = repo.rsvps(c, id).size();
            OfficeHour now = repo.find(c, id).orElseThrow();
            if (now.messageId() != null) {
                outbox.enqueue(c, "oh:" + id + ":edit:" + java.util.UUID.randomUUID(), Payload.edit(now.messageChannelId(),
                        now.messageId(), OfficeHourPosts.announcement(now, count, postLocale).withAttachments(List.of(ics(now)))));
            }
            return new Rsvp(o, attending, count);
        });
    }

    public OfficeHour cancel(long id, Caller by) {
        OfficeHour o = manageable(id, by);
        boolean cancelled = db.inTransaction(c -> {
            if (!repo.setStatus(c, id, OfficeHour.Status.SCHEDULED, OfficeHour.Status.CANCELLED)) {
                return false;
            }
            OfficeHour current = repo.find(c, id).orElseThrow();
            String key = "oh:" + id + ":cancel";
            if (current.eventId() != null) {
                outbox.enqueue(c, key + ":event", Payload.cancelEvent(current.eventId()));
            }
            if (current.messageId() != null) {
                outbox.enqueue(c, key + ":edit", Payload.edit(current.messageChannelId(), current.messageId(),
                        OfficeHourPosts.cancelledAnnouncement(current, postLocale)));
            }
            dmAll(c, current, key, OfficeHourPosts.cancelledDm(current, postLocale));
            return true;
        });
        if (!cancelled) {
            throw new UserError("oh.error.notScheduled", id);
        }
        moments.unplan(FEATURE, id);
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
        OfficeHour moved = db.inTransaction(c -> {
            repo.moveStart(c, id, newStart);
            OfficeHour m = repo.find(c, id).orElseThrow();
            String key = m.keyPrefix() + ":moved";
            if (m.eventId() != null) {
                outbox.enqueue(c, key + ":event", Payload.updateEvent(m.eventId(), event(m)));
            }
            if (m.messageId() != null) {
                outbox.enqueue(c, key + ":edit", Payload.edit(m.messageChannelId(), m.messageId(),
                        OfficeHourPosts.announcement(m, repo.rsvps(c, id).size(), postLocale).withAttachments(List.of(ics(m)))));
            }
            dmAll(c, m, key, OfficeHourPosts.movedDm(m, o.startAt(), postLocale));
            return m;
        });
        moments.plan(FEATURE, id);
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

    @Override
    public String feature() {
        return FEATURE;
    }

    /** The moments still ahead (a session scheduled 5 minutes ahead gets no 1-hour reminder). */
    @Override
    public List<Moment> planned(long rowId) {
        Instant now = clock.instant();
        return find(rowId).filter(o -> o.status() == OfficeHour.Status.SCHEDULED).map(this::momentsOf).orElse(List.of())
                .stream().filter(m -> m.due().isAfter(now)).toList();
    }

    /**
     * The moments still ahead of every scheduled office hour that have not fired yet (missed ones are
     * not replayed at start; one that fired a moment early has its posts queued already).
     */
    @Override
    public List<Moment> allPlanned() {
        Instant now = clock.instant();
        return db.inTransaction(repo::allScheduled).stream()
                .flatMap(o -> momentsOf(o).stream().filter(m -> m.due().isAfter(now))
                        .filter(m -> !outbox.anyWithPrefix(o.keyPrefix() + ":" + m.kind())))
                .toList();
    }

    private List<Moment> momentsOf(OfficeHour o) {
        return moments(o).entrySet().stream().map(e -> new Moment(FEATURE, o.id(), e.getKey(), e.getValue())).toList();
    }

    /** Fires moment {@code kind} of office hour {@code id} as planned now (tests fire moments by hand). */
    public void fire(long id, String kind) {
        Instant due = find(id).map(this::moments).map(m -> m.get(kind)).orElse(Instant.EPOCH);
        fire(new Moment(FEATURE, id, kind, due));
    }

    /**
     * Fires one moment: re-reads the row (cancelled or moved rows post nothing) and queues the
     * channel post and one DM per RSVP in one transaction. Delivery keys hold the office hour, the
     * moment and the start time, so a re-fired trigger queues nothing and a rescheduled session is
     * reminded again; a crash mid fan-out resumes with the recipients not yet sent.
     */
    @Override
    public void fire(Moment moment) {
        long id = moment.rowId();
        String kind = moment.kind();
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Optional<OfficeHour> found = repo.find(c, id);
            if (found.isEmpty() || found.get().status() != OfficeHour.Status.SCHEDULED) {
                return null;
            }
            OfficeHour o = found.get();
            Instant due = moments(o).get(kind);
            if (due == null || !due.equals(moment.due())) {
                LOG.info("office hour {}: stale trigger {} ignored", id, kind);
                return null;
            }
            boolean late = START.equals(kind) ? now.isAfter(o.endAt()) : now.isAfter(o.startAt());
            if (late || supersededReminder(o, kind, now)) {
                LOG.info("office hour {}: {} is past its use, skipped", id, kind);
                return null;
            }
            String key = o.keyPrefix() + ":" + kind;
            if (AGENDA.equals(kind)) {
                List<Question> open = qa.unanswered().stream().filter(q -> o.topic().equalsIgnoreCase(q.topic())).toList();
                outbox.enqueue(c, key, Payload.send(o.threadId() != null ? o.threadId() : o.channelId(),
                        OfficeHourPosts.agenda(o, open, qa::link, postLocale)), null, due);
                return null;
            }
            String text = START.equals(kind) ? OfficeHourPosts.starting(o, postLocale)
                    : OfficeHourPosts.reminder(o, Duration.between(due, o.startAt()), postLocale);
            outbox.enqueue(c, key + ":channel", Payload.post(o.channelId(), text, List.of()), null, due);
            dmAll(c, o, key, text);
            return null;
        });
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

    /** One DM per RSVP, each its own outbox row (closed DMs of one member never keep the others from hearing). */
    private void dmAll(java.sql.Connection c, OfficeHour o, String key, String text) throws java.sql.SQLException {
        Instant now = clock.instant();
        for (String user : repo.rsvps(c, o.id())) {
            outbox.enqueue(c, key + ":dm:" + user, Payload.dm(user, text), null, now);
        }
    }

    /** All upcoming office hours as one .ics file. */
    public Reply.Attachment calendar() {
        return new Reply.Attachment("campops-officehours.ics", "text/calendar",
                OfficeHourCalendar.ics(upcoming(), campName, clock.instant()));
    }
}
