package org.campops.officehours;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.campops.chat.Caller;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.qa.QaService;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;

/**
 * Office hours, the entry the commands use: what is scheduled, and the parts that change it, each
 * one idea: {@link OfficeHourScheduling} (requests, conflicts, publishing), {@link OfficeHourRsvps},
 * {@link OfficeHourChanges} (cancel, reschedule) and {@link OfficeHourMoments} (reminders, agenda,
 * start: the {@code MomentSource}, registered by whoever wires the features).
 */
public final class OfficeHourService {
    public static final int MIN_DURATION = 10;
    public static final int MAX_TITLE = 100;
    public static final int MAX_DESCRIPTION = 1000;
    public static final String FEATURE = "officehour";

    private final Database db;
    private final OfficeHourRepository repo = new OfficeHourRepository();
    private final Clock clock;
    private final QaService qa;
    private final OfficeHourAnnouncement announcement;
    private final OfficeHourScheduling scheduling;
    private final OfficeHourRsvps rsvps;
    private final OfficeHourChanges changes;
    private final OfficeHourMoments sessionMoments;

    public OfficeHourService(
            Database db,
            Moments moments,
            Outbox outbox,
            Notifier notifier,
            Clock clock,
            CampConfig config,
            QaService qa) {
        this.db = db;
        this.clock = clock;
        this.qa = qa;
        this.announcement =
                new OfficeHourAnnouncement(config.camp().locale(), config.camp().name(), clock);
        this.scheduling = new OfficeHourScheduling(db, moments, outbox, notifier, clock, config, qa, announcement);
        this.rsvps = new OfficeHourRsvps(db, outbox, clock, announcement);
        this.changes = new OfficeHourChanges(
                db, moments, outbox, clock, config.camp().locale(), scheduling, rsvps, announcement);
        this.sessionMoments = new OfficeHourMoments(db, outbox, clock, config, qa, rsvps);
    }

    /** What an organizer or mentor asked for. */
    public record Request(
            Caller by,
            String title,
            Instant start,
            int durationMinutes,
            @Nullable String hostId,
            @Nullable String where,
            @Nullable String topic,
            @Nullable String description) {}

    /** Scheduled, or held back because the host is busy then. */
    public sealed interface Outcome {
        /** Announced, with its event and triggers. */
        record Scheduled(OfficeHour officeHour) implements Outcome {}

        /** The host has other sessions then; {@code pendingId} awaits confirmation. */
        record Conflict(long pendingId, List<OfficeHour> clashes) implements Outcome {}
    }

    /** An RSVP toggled: whether the member now attends, and how many do. */
    public record Rsvp(OfficeHour officeHour, boolean attending, int count) {}

    /** The office hours' moments (register with {@code Moments}). */
    public OfficeHourMoments moments() {
        return sessionMoments;
    }

    public List<String> topics() {
        return qa.topics();
    }

    public Outcome schedule(Request r) {
        return scheduling.schedule(r);
    }

    /** "Schedule anyway" after a conflict. */
    public OfficeHour confirm(long pendingId, Caller by) {
        return scheduling.confirm(pendingId, by);
    }

    /** "Don't schedule" after a conflict. */
    public void discard(long pendingId, Caller by) {
        scheduling.discard(pendingId, by);
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
        return rsvps.count(id);
    }

    public Rsvp toggleRsvp(long id, String userId) {
        return rsvps.toggle(id, userId);
    }

    public OfficeHour cancel(long id, Caller by) {
        return changes.cancel(id, by);
    }

    public OfficeHour reschedule(long id, Instant newStart, Caller by) {
        return changes.reschedule(id, newStart, by);
    }

    /** Fires moment {@code kind} of office hour {@code id} as planned now (tests fire moments by hand). */
    public void fire(long id, String kind) {
        sessionMoments.fire(id, kind);
    }

    /** All upcoming office hours as one .ics file. */
    public Reply.Attachment calendar() {
        return announcement.calendar(upcoming());
    }
}
