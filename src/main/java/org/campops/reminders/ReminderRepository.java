package org.campops.reminders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.store.Jdbc;

/** JDBC access to the reminder table; every method runs on the caller's connection (its transaction). */
final class ReminderRepository {

    long insert(Connection c, String ownerId, String channelId, String text, Instant due, Locale locale, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO reminder (owner_id, channel_id, text, due_at, locale, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, ownerId);
            ps.setString(2, channelId);
            ps.setString(3, text);
            Jdbc.setInstant(ps, 4, due);
            ps.setString(5, locale.toLanguageTag());
            ps.setString(6, Reminder.Status.PENDING.name());
            Jdbc.setInstant(ps, 7, now);
            ps.executeUpdate();
            return Jdbc.generatedId(ps);
        }
    }

    Optional<Reminder> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM reminder WHERE id = ?")) {
            ps.setLong(1, id);
            List<Reminder> rows = read(ps);
            return rows.stream().findFirst();
        }
    }

    List<Reminder> pendingOf(Connection c, String ownerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM reminder WHERE owner_id = ? AND status = 'PENDING' ORDER BY due_at, id")) {
            ps.setString(1, ownerId);
            return read(ps);
        }
    }

    List<Reminder> allPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM reminder WHERE status = 'PENDING' ORDER BY due_at, id")) {
            return read(ps);
        }
    }

    int countPending(Connection c, String ownerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM reminder WHERE owner_id = ? AND status = 'PENDING'")) {
            ps.setString(1, ownerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Moves a PENDING row to {@code to}; false when it was no longer pending (so nobody acts twice). */
    boolean transition(Connection c, long id, Reminder.Status to, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE reminder SET status = ?, sent_at = ? WHERE id = ? AND status = 'PENDING'")) {
            ps.setString(1, to.name());
            Jdbc.setInstant(ps, 2, at);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<Reminder> read(PreparedStatement ps) throws SQLException {
        List<Reminder> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Reminder(rs.getLong("id"), rs.getString("owner_id"), rs.getString("channel_id"),
                        rs.getString("text"), Jdbc.getInstant(rs, "due_at"),
                        Locale.forLanguageTag(rs.getString("locale")),
                        Reminder.Status.valueOf(rs.getString("status")),
                        Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "sent_at")));
            }
        }
        return out;
    }
}
