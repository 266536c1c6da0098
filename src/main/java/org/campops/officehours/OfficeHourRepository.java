package org.campops.officehours;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.campops.store.Jdbc;

/** JDBC access to office hours, RSVPs and delivery keys (caller's transaction). */
final class OfficeHourRepository {

    long insert(Connection c, OfficeHour o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO office_hour (title, host_id, start_at, duration_min,"
                + " voice_channel_id, location, topic, description, status, channel_id, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, o.title());
            ps.setString(2, o.hostId());
            Jdbc.setInstant(ps, 3, o.startAt());
            ps.setInt(4, o.durationMinutes());
            ps.setString(5, o.voiceChannelId());
            ps.setString(6, o.location());
            ps.setString(7, o.topic());
            ps.setString(8, o.description());
            ps.setString(9, o.status().name());
            ps.setString(10, o.channelId());
            ps.setString(11, o.createdBy());
            Jdbc.setInstant(ps, 12, o.createdAt());
            ps.executeUpdate();
            return Jdbc.generatedId(ps);
        }
    }

    Optional<OfficeHour> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM office_hour WHERE id = ?")) {
            ps.setLong(1, id);
            return read(ps).stream().findFirst();
        }
    }

    List<OfficeHour> upcoming(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM office_hour WHERE status = 'SCHEDULED'"
                + " AND start_at > ? ORDER BY start_at, id")) {
            // Still running sessions count as upcoming until they end: compared in Java below.
            Jdbc.setInstant(ps, 1, now.minus(java.time.Duration.ofHours(12)));
            return read(ps).stream().filter(o -> o.endAt().isAfter(now)).toList();
        }
    }

    List<OfficeHour> scheduledOfHost(Connection c, String hostId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM office_hour WHERE status = 'SCHEDULED' AND host_id = ?"
                + " ORDER BY start_at")) {
            ps.setString(1, hostId);
            return read(ps);
        }
    }

    /** Scheduled office hours {@code userId} hosts or RSVP'd to, ending after {@code since}, by start. */
    List<OfficeHour> ofMember(Connection c, String userId, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM office_hour WHERE status = 'SCHEDULED' AND start_at > ?"
                + " AND (host_id = ? OR id IN (SELECT office_hour_id FROM office_hour_rsvp WHERE user_id = ?))"
                + " ORDER BY start_at, id")) {
            // Sessions last at most 12 hours: a start 12 h before the cut may still end after it (checked below).
            Jdbc.setInstant(ps, 1, since.minus(java.time.Duration.ofHours(12)));
            ps.setString(2, userId);
            ps.setString(3, userId);
            return read(ps).stream().filter(o -> o.endAt().isAfter(since)).toList();
        }
    }

    List<OfficeHour> allScheduled(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM office_hour WHERE status = 'SCHEDULED' ORDER BY id")) {
            return read(ps);
        }
    }

    void setAnnouncement(Connection c, long id, String messageChannelId, String messageId, String threadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE office_hour SET message_channel_id = ?, message_id = ?,"
                + " thread_id = ? WHERE id = ?")) {
            ps.setString(1, messageChannelId);
            ps.setString(2, messageId);
            ps.setString(3, threadId);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    void setEvent(Connection c, long id, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE office_hour SET event_id = ? WHERE id = ?")) {
            ps.setString(1, eventId);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    boolean setStatus(Connection c, long id, OfficeHour.Status from, OfficeHour.Status to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE office_hour SET status = ? WHERE id = ? AND status = ?")) {
            ps.setString(1, to.name());
            ps.setLong(2, id);
            ps.setString(3, from.name());
            return ps.executeUpdate() == 1;
        }
    }

    void moveStart(Connection c, long id, Instant start) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE office_hour SET start_at = ? WHERE id = ?")) {
            Jdbc.setInstant(ps, 1, start);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM office_hour WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Forgets conflict confirmations nobody answered within a day. */
    void deletePendingBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM office_hour WHERE status = 'PENDING' AND created_at < ?")) {
            Jdbc.setInstant(ps, 1, cutoff);
            ps.executeUpdate();
        }
    }

    /** Adds or removes an RSVP; true when the member now attends. */
    boolean toggleRsvp(Connection c, long id, String userId, Instant at) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM office_hour_rsvp WHERE office_hour_id = ? AND user_id = ?")) {
            del.setLong(1, id);
            del.setString(2, userId);
            if (del.executeUpdate() == 1) {
                return false;
            }
        }
        // A double click may race us to the insert: the member attends either way, and the transaction
        // stays usable (insertOnce does not leave a failed insert in it, which PostgreSQL would abort).
        Jdbc.insertOnce(c, "SELECT 1 FROM office_hour_rsvp WHERE office_hour_id = ? AND user_id = ?",
                "INSERT INTO office_hour_rsvp (office_hour_id, user_id, created_at) VALUES (?, ?, ?)", id, userId, at);
        return true;
    }

    List<String> rsvps(Connection c, long id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM office_hour_rsvp WHERE office_hour_id = ? ORDER BY created_at, user_id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<OfficeHour> read(PreparedStatement ps) throws SQLException {
        List<OfficeHour> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new OfficeHour(rs.getLong("id"), rs.getString("title"), rs.getString("host_id"),
                        Jdbc.getInstant(rs, "start_at"), rs.getInt("duration_min"), rs.getString("voice_channel_id"),
                        rs.getString("location"), rs.getString("topic"), rs.getString("description"),
                        OfficeHour.Status.valueOf(rs.getString("status")), rs.getString("channel_id"),
                        rs.getString("message_channel_id"), rs.getString("message_id"), rs.getString("thread_id"),
                        rs.getString("event_id"), rs.getString("created_by"), Jdbc.getInstant(rs, "created_at")));
            }
        }
        return out;
    }
}
