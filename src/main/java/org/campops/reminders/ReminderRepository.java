package org.campops.reminders;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;
import org.jspecify.annotations.Nullable;

/** The reminder table; every method runs on the caller's handle (its transaction). */
final class ReminderRepository {

    long insert(
            Handle c, String ownerId, @Nullable String channelId, String text, Instant due, Locale locale, Instant now)
            throws SQLException {
        return Rows.insert(
                c,
                "INSERT INTO reminder (owner_id, channel_id, text, due_at, locale, status, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                ownerId,
                channelId,
                text,
                due,
                locale.toLanguageTag(),
                Reminder.Status.PENDING.name(),
                now);
    }

    Optional<Reminder> find(Handle c, long id) throws SQLException {
        return c.select("SELECT * FROM reminder WHERE id = ?", id)
                .map(ReminderRepository::read)
                .findFirst();
    }

    List<Reminder> pendingOf(Handle c, String ownerId) throws SQLException {
        return c.select("SELECT * FROM reminder WHERE owner_id = ? AND status = 'PENDING' ORDER BY due_at, id", ownerId)
                .map(ReminderRepository::read)
                .list();
    }

    List<Reminder> allPending(Handle c) throws SQLException {
        return c.select("SELECT * FROM reminder WHERE status = 'PENDING' ORDER BY due_at, id")
                .map(ReminderRepository::read)
                .list();
    }

    int countPending(Handle c, String ownerId) throws SQLException {
        return c.select("SELECT COUNT(*) FROM reminder WHERE owner_id = ? AND status = 'PENDING'", ownerId)
                .mapTo(Integer.class)
                .one();
    }

    /** Moves a PENDING row to {@code to}; false when it was no longer pending (so nobody acts twice). */
    boolean transition(Handle c, long id, Reminder.Status to, Instant at) throws SQLException {
        return c.execute(
                        "UPDATE reminder SET status = ?, sent_at = ? WHERE id = ? AND status = 'PENDING'",
                        to.name(),
                        at,
                        id)
                == 1;
    }

    private static Reminder read(RowView r) {
        return new Reminder(
                r.getColumn("id", Long.class),
                r.getColumn("owner_id", String.class),
                r.getColumn("channel_id", String.class),
                r.getColumn("text", String.class),
                r.getColumn("due_at", Instant.class),
                Locale.forLanguageTag(r.getColumn("locale", String.class)),
                Reminder.Status.valueOf(r.getColumn("status", String.class)),
                r.getColumn("created_at", Instant.class),
                r.getColumn("sent_at", Instant.class));
    }
}
