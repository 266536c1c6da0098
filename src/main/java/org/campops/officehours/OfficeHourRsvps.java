package org.campops.officehours;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.campops.chat.UserError;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;

/**
 * Who attends: members toggle their RSVP (the announcement's count is edited to match), and every
 * post meant for them goes out as one DM per RSVP.
 */
final class OfficeHourRsvps {
    private final Database db;
    private final OfficeHourRepository repo = new OfficeHourRepository();
    private final Outbox outbox;
    private final Clock clock;
    private final OfficeHourAnnouncement announcement;

    OfficeHourRsvps(Database db, Outbox outbox, Clock clock, OfficeHourAnnouncement announcement) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
        this.announcement = announcement;
    }

    int count(long id) {
        return db.inTransaction(c -> repo.rsvps(c, id)).size();
    }

    OfficeHourService.Rsvp toggle(long id, String userId) {
        OfficeHour o = db.inTransaction(c -> repo.find(c, id))
                .filter(x -> x.status() == OfficeHour.Status.SCHEDULED)
                // Unknown, pending (only its requester knows it) or cancelled: the one refusal of a forged button.
                .orElseThrow(() -> new org.campops.chat.ButtonId.Invalid("no scheduled office hour " + id));
        if (!o.endAt().isAfter(clock.instant())) {
            throw new UserError("oh.error.over", id);
        }
        return db.inTransaction(c -> {
            boolean attending = repo.toggleRsvp(c, id, userId, clock.instant());
            if (attending) {
                outbox.expectDm(c, userId); // its reminders are DMs: the channel is opened ahead of need
            }
            int count = repo.rsvps(c, id).size();
            OfficeHour now = repo.find(c, id).orElseThrow();
            if (now.messageId() != null) {
                outbox.enqueue(
                        c,
                        new OfficeHourKey.CountEdit(id, UUID.randomUUID()),
                        Payload.edit(
                                Objects.requireNonNull(now.messageChannelId(), "set with its message"),
                                now.messageId(),
                                announcement.post(now, count)));
            }
            return new OfficeHourService.Rsvp(o, attending, count);
        });
    }

    /** One DM per RSVP, each its own outbox row (closed DMs of one member never keep the others from hearing). */
    void dmAll(Handle c, OfficeHour o, OfficeHourKey.Topic key, String text) throws SQLException {
        Instant now = clock.instant();
        for (String user : repo.rsvps(c, o.id())) {
            outbox.enqueue(c, key.dm(user), Payload.dm(user, text), null, now);
        }
    }
}
