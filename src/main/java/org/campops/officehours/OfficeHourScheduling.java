package org.campops.officehours;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.chat.ButtonId;
import org.campops.chat.Caller;
import org.campops.chat.Notifier;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.officehours.OfficeHourService.Outcome;
import org.campops.officehours.OfficeHourService.Request;
import org.campops.qa.QaService;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduling and publishing: a request is checked and stored PENDING; when the host is free then (or
 * the organizer confirms the clash) it is published: SCHEDULED, with its announcement and scheduled
 * event queued in one transaction and its moments planned. The results of both posts come back here.
 */
final class OfficeHourScheduling {
    private static final Logger LOG = LoggerFactory.getLogger(OfficeHourScheduling.class);
    private static final Pattern CHANNEL = Pattern.compile("<#(\\d{5,25})>|(\\d{17,20})");
    private static final String ANNOUNCED = "oh.announced";
    private static final String EVENT = "oh.event";
    /** How long a command waits for its post to go out before answering "saved, posting shortly". */
    private static final Duration SHOW_RESULT_WITHIN = Duration.ofMillis(2500);

    private final Database db;
    private final OfficeHourRepository repo = new OfficeHourRepository();
    private final Moments moments;
    private final Outbox outbox;
    private final Notifier notifier;
    private final Clock clock;
    private final CampConfig.OfficeHourSettings settings;
    private final QaService qa;
    private final OfficeHourAnnouncement announcement;

    OfficeHourScheduling(
            Database db,
            Moments moments,
            Outbox outbox,
            Notifier notifier,
            Clock clock,
            CampConfig config,
            QaService qa,
            OfficeHourAnnouncement announcement) {
        this.db = db;
        this.moments = moments;
        this.outbox = outbox;
        this.notifier = notifier;
        this.clock = clock;
        this.settings = config.officeHours();
        this.qa = qa;
        this.announcement = announcement;
        registerHandlers();
    }

    Outcome schedule(Request r) {
        String title = r.title() == null ? "" : r.title().strip();
        if (!Texts.isVisible(title)) {
            throw new UserError("oh.error.emptyTitle");
        }
        if (title.length() > OfficeHourService.MAX_TITLE) {
            throw new UserError("oh.error.titleTooLong", OfficeHourService.MAX_TITLE, title.length());
        }
        if (r.durationMinutes() < OfficeHourService.MIN_DURATION
                || r.durationMinutes() > settings.maxDurationMinutes()) {
            throw new UserError(
                    "oh.error.duration",
                    OfficeHourService.MIN_DURATION,
                    settings.maxDurationMinutes(),
                    r.durationMinutes());
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
            String wanted = r.topic().strip();
            topic = qa.topics().stream()
                    .filter(t -> t.equalsIgnoreCase(wanted))
                    .findFirst()
                    .orElseThrow(() -> new UserError("qa.error.unknownTopic", wanted, String.join(", ", qa.topics())));
        }
        String description = r.description() == null || !Texts.isVisible(r.description())
                ? null
                : r.description().strip();
        if (description != null && description.length() > OfficeHourService.MAX_DESCRIPTION) {
            throw new UserError("oh.error.descriptionTooLong", OfficeHourService.MAX_DESCRIPTION, description.length());
        }
        String voice = null;
        String location = null;
        if (r.where() != null && Texts.isVisible(r.where())) {
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
        OfficeHour draft = new OfficeHour(
                0,
                title,
                host,
                r.start(),
                r.durationMinutes(),
                voice,
                location,
                topic,
                description,
                OfficeHour.Status.PENDING,
                settings.channel(),
                null,
                null,
                null,
                null,
                r.by().userId(),
                now);
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
    OfficeHour confirm(long pendingId, Caller by) {
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
    void discard(long pendingId, Caller by) {
        pending(pendingId, by);
        db.inTransaction(c -> {
            repo.delete(c, pendingId);
            return null;
        });
    }

    private OfficeHour pending(long id, Caller by) {
        OfficeHour o = find(id).filter(x -> x.status() == OfficeHour.Status.PENDING)
                .orElseThrow(() -> new ButtonId.Invalid("no pending office hour " + id));
        if (!o.createdBy().equals(by.userId())) {
            throw new ButtonId.Invalid("pending office hour " + id + " is not the member's");
        }
        return o;
    }

    /** The host's scheduled office hours that overlap {@code start}..{@code end}, but office hour {@code except}. */
    List<OfficeHour> clashes(String host, Instant start, Instant end, long except) {
        return db.inTransaction(c -> repo.scheduledOfHost(c, host)).stream()
                .filter(o -> o.id() != except && o.overlaps(start, end))
                .toList();
    }

    private Optional<OfficeHour> find(long id) {
        return db.inTransaction(c -> repo.find(c, id));
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
            outbox.enqueue(
                    c,
                    announceKey(found),
                    Payload.thread(found.channelId(), found.title(), announcement.post(found, 0), List.of()),
                    ANNOUNCED + ":" + id,
                    now);
            outbox.enqueue(
                    c,
                    new OfficeHourKey.Event(id, false),
                    Payload.createEvent(announcement.event(found)),
                    EVENT + ":" + id,
                    now);
            return found;
        });
        if (o == null) {
            // Another press of "Schedule anyway" claimed it first: the one refusal of a stale button.
            throw new org.campops.chat.ButtonId.Invalid("office hour " + id + " is not pending any more");
        }
        moments.plan(OfficeHourService.FEATURE, id);
        Optional<Delivery> announced = outbox.awaitFinal(announceKey(o).text(), SHOW_RESULT_WITHIN);
        if (announced.isPresent() && announced.get().status() == Delivery.Status.FAILED) {
            throw new UserError("oh.error.postFailed");
        }
        outbox.awaitFinal(new OfficeHourKey.Event(id, false).text(), SHOW_RESULT_WITHIN);
        return find(id).orElseThrow();
    }

    private static OfficeHourKey announceKey(OfficeHour o) {
        return new OfficeHourKey.Announce(o.id());
    }

    /** Fills in the announcement's ids once Discord created it; a failed announcement cancels the session. */
    private void registerHandlers() {
        outbox.onSent(ANNOUNCED, new Outbox.SentHandler() {
            @Override
            public void onSent(Handle c, String ref, Delivery d, @Nullable String result) throws SQLException {
                Notifier.StartedThread t = Outbox.readResult(
                        Objects.requireNonNull(result, "a started thread"), Notifier.StartedThread.class);
                repo.setAnnouncement(c, Long.parseLong(ref), t.messageChannelId(), t.messageId(), t.threadId());
            }

            @Override
            public void onFailed(Handle c, String ref, Delivery d, @Nullable String error) throws SQLException {
                LOG.warn("office hour {} could not be announced, so it is cancelled: {}", ref, error);
                repo.setStatus(c, Long.parseLong(ref), OfficeHour.Status.SCHEDULED, OfficeHour.Status.CANCELLED);
            }
        });
        outbox.onSent(EVENT, new Outbox.SentHandler() {
            @Override
            public void onSent(Handle c, String ref, Delivery d, @Nullable String result) throws SQLException {
                long id = Long.parseLong(ref);
                Objects.requireNonNull(result, "a created event's id");
                repo.setEvent(c, id, result);
                Optional<OfficeHour> o = repo.find(c, id);
                if (o.isPresent() && o.get().status() == OfficeHour.Status.CANCELLED) {
                    // Cancelled while its event was being created.
                    outbox.enqueue(c, new OfficeHourKey.Event(id, true), Payload.cancelEvent(result));
                }
            }

            @Override
            public void onFailed(Handle c, String ref, Delivery d, @Nullable String error) {
                // The announcement and reminders still work; only Discord's event list misses it.
                LOG.warn("office hour {}: scheduled event not created: {}", ref, error);
            }
        });
    }
}
