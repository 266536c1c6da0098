package org.campops.officehours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.schedule.Moments;
import org.campops.store.Database;

/**
 * Cancel and reschedule, by the host or an organizer while the session is not over: the event, the
 * announcement and every RSVP hear of it in the transaction of the change, and the moments follow.
 */
final class OfficeHourChanges {
    private final Database db;
    private final OfficeHourRepository repo = new OfficeHourRepository();
    private final Moments moments;
    private final Outbox outbox;
    private final Clock clock;
    private final Locale postLocale;
    private final OfficeHourScheduling scheduling;
    private final OfficeHourRsvps rsvps;
    private final OfficeHourAnnouncement announcement;

    OfficeHourChanges(
            Database db,
            Moments moments,
            Outbox outbox,
            Clock clock,
            Locale postLocale,
            OfficeHourScheduling scheduling,
            OfficeHourRsvps rsvps,
            OfficeHourAnnouncement announcement) {
        this.db = db;
        this.moments = moments;
        this.outbox = outbox;
        this.clock = clock;
        this.postLocale = postLocale;
        this.scheduling = scheduling;
        this.rsvps = rsvps;
        this.announcement = announcement;
    }

    OfficeHour cancel(long id, Caller by) {
        manageable(id, by);
        boolean cancelled = db.inTransaction(c -> {
            if (!repo.setStatus(c, id, OfficeHour.Status.SCHEDULED, OfficeHour.Status.CANCELLED)) {
                return false;
            }
            OfficeHour current = repo.find(c, id).orElseThrow();
            OfficeHourKey.Topic key = OfficeHourKey.Topic.cancel(id);
            if (current.eventId() != null) {
                outbox.enqueue(c, key.event(), Payload.cancelEvent(current.eventId()));
            }
            if (current.messageId() != null) {
                outbox.enqueue(
                        c,
                        key.edit(),
                        Payload.edit(
                                Objects.requireNonNull(current.messageChannelId(), "set with its message"),
                                current.messageId(),
                                OfficeHourPosts.cancelledAnnouncement(current, postLocale)));
            }
            rsvps.dmAll(c, current, key, OfficeHourPosts.cancelledDm(current, postLocale));
            return true;
        });
        if (!cancelled) {
            throw new UserError("oh.error.notScheduled", id);
        }
        moments.unplan(OfficeHourService.FEATURE, id);
        return db.inTransaction(c -> repo.find(c, id)).orElseThrow();
    }

    OfficeHour reschedule(long id, Instant newStart, Caller by) {
        OfficeHour o = manageable(id, by);
        if (!newStart.isAfter(clock.instant())) {
            throw new UserError("when.error.PAST", Texts.timestamp(newStart));
        }
        Instant newEnd = newStart.plus(Duration.ofMinutes(o.durationMinutes()));
        List<OfficeHour> clashes = scheduling.clashes(o.hostId(), newStart, newEnd, id);
        if (!clashes.isEmpty()) {
            throw new UserError(
                    "oh.error.rescheduleClash",
                    clashes.get(0).id(),
                    Texts.defuse(clashes.get(0).title()),
                    Texts.timestamp(clashes.get(0).startAt()));
        }
        OfficeHour moved = db.inTransaction(c -> {
            repo.moveStart(c, id, newStart);
            OfficeHour m = repo.find(c, id).orElseThrow();
            OfficeHourKey.Topic key = OfficeHourKey.Topic.moved(m);
            if (m.eventId() != null) {
                outbox.enqueue(c, key.event(), Payload.updateEvent(m.eventId(), announcement.event(m)));
            }
            if (m.messageId() != null) {
                outbox.enqueue(
                        c,
                        key.edit(),
                        Payload.edit(
                                Objects.requireNonNull(m.messageChannelId(), "set with its message"),
                                m.messageId(),
                                announcement.post(m, repo.rsvps(c, id).size())));
            }
            rsvps.dmAll(c, m, key, OfficeHourPosts.movedDm(m, o.startAt(), postLocale));
            return m;
        });
        moments.plan(OfficeHourService.FEATURE, id);
        return moved;
    }

    /** Only the host or an organizer manages a scheduled office hour. */
    private OfficeHour manageable(long id, Caller by) {
        OfficeHour o = db.inTransaction(c -> repo.find(c, id))
                .filter(x -> x.status() == OfficeHour.Status.SCHEDULED)
                .orElseThrow(() -> new UserError("oh.error.notScheduled", id));
        if (!o.hostId().equals(by.userId()) && !by.has(Role.ORGANIZER)) {
            throw new UserError("oh.error.notYours", id);
        }
        if (!o.endAt().isAfter(clock.instant())) {
            throw new UserError("oh.error.over", id);
        }
        return o;
    }
}
