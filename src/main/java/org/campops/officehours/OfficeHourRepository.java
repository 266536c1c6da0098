package org.campops.officehours;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;

/** Office hours, RSVPs and delivery keys (caller's transaction). */
final class OfficeHourRepository {

    long insert(Handle c, OfficeHour o) throws SQLException {
        return Rows.insert(
                c,
                "INSERT INTO office_hour (title, host_id, start_at, duration_min,"
                        + " voice_channel_id, location, topic, description, status, channel_id, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                o.title(),
                o.hostId(),
                o.startAt(),
                o.durationMinutes(),
                o.voiceChannelId(),
                o.location(),
                o.topic(),
                o.description(),
                o.status().name(),
                o.channelId(),
                o.createdBy(),
                o.createdAt());
    }

    Optional<OfficeHour> find(Handle c, long id) throws SQLException {
        return c.select("SELECT * FROM office_hour WHERE id = ?", id)
                .map(OfficeHourRepository::read)
                .findFirst();
    }

    List<OfficeHour> upcoming(Handle c, Instant now) throws SQLException {
        // Still running sessions count as upcoming until they end: compared in Java below.
        return c
                .select(
                        "SELECT * FROM office_hour WHERE status = 'SCHEDULED' AND start_at > ? ORDER BY start_at, id",
                        now.minus(java.time.Duration.ofHours(12)))
                .map(OfficeHourRepository::read)
                .stream()
                .filter(o -> o.endAt().isAfter(now))
                .toList();
    }

    List<OfficeHour> scheduledOfHost(Handle c, String hostId) throws SQLException {
        return c.select(
                        "SELECT * FROM office_hour WHERE status = 'SCHEDULED' AND host_id = ? ORDER BY start_at",
                        hostId)
                .map(OfficeHourRepository::read)
                .list();
    }

    /** Scheduled office hours {@code userId} hosts or RSVP'd to, ending after {@code since}, by start. */
    List<OfficeHour> ofMember(Handle c, String userId, Instant since) throws SQLException {
        // Sessions last at most 12 hours: a start 12 h before the cut may still end after it (checked below).
        return c
                .select(
                        "SELECT * FROM office_hour WHERE status = 'SCHEDULED' AND start_at > ?"
                                + " AND (host_id = ? OR id IN (SELECT office_hour_id FROM office_hour_rsvp WHERE user_id = ?))"
                                + " ORDER BY start_at, id",
                        since.minus(java.time.Duration.ofHours(12)),
                        userId,
                        userId)
                .map(OfficeHourRepository::read)
                .stream()
                .filter(o -> o.endAt().isAfter(since))
                .toList();
    }

    List<OfficeHour> allScheduled(Handle c) throws SQLException {
        return c.select("SELECT * FROM office_hour WHERE status = 'SCHEDULED' ORDER BY id")
                .map(OfficeHourRepository::read)
                .list();
    }

    void setAnnouncement(Handle c, long id, String messageChannelId, String messageId, String threadId)
            throws SQLException {
        c.execute(
                "UPDATE office_hour SET message_channel_id = ?, message_id = ?, thread_id = ? WHERE id = ?",
                messageChannelId,
                messageId,
                threadId,
                id);
    }

    void setEvent(Handle c, long id, String eventId) throws SQLException {
        c.execute("UPDATE office_hour SET event_id = ? WHERE id = ?", eventId, id);
    }

    boolean setStatus(Handle c, long id, OfficeHour.Status from, OfficeHour.Status to) throws SQLException {
        return c.execute("UPDATE office_hour SET status = ? WHERE id = ? AND status = ?", to.name(), id, from.name())
                == 1;
    }

    void moveStart(Handle c, long id, Instant start) throws SQLException {
        c.execute("UPDATE office_hour SET start_at = ? WHERE id = ?", start, id);
    }

    void delete(Handle c, long id) throws SQLException {
        c.execute("DELETE FROM office_hour WHERE id = ?", id);
    }

    /** Forgets conflict confirmations nobody answered within a day. */
    void deletePendingBefore(Handle c, Instant cutoff) throws SQLException {
        c.execute("DELETE FROM office_hour WHERE status = 'PENDING' AND created_at < ?", cutoff);
    }

    /** Adds or removes an RSVP; true when the member now attends. */
    boolean toggleRsvp(Handle c, long id, String userId, Instant at) throws SQLException {
        if (c.execute("DELETE FROM office_hour_rsvp WHERE office_hour_id = ? AND user_id = ?", id, userId) == 1) {
            return false;
        }
        // A double click may race us to the insert: the member attends either way, and the transaction
        // stays usable (insertOnce does not leave a failed insert in it, which PostgreSQL would abort).
        Rows.insertOnce(
                c,
                "SELECT 1 FROM office_hour_rsvp WHERE office_hour_id = ? AND user_id = ?",
                "INSERT INTO office_hour_rsvp (office_hour_id, user_id, created_at) VALUES (?, ?, ?)",
                id,
                userId,
                at);
        return true;
    }

    List<String> rsvps(Handle c, long id) throws SQLException {
        return c.select(
                        "SELECT user_id FROM office_hour_rsvp WHERE office_hour_id = ? ORDER BY created_at, user_id",
                        id)
                .mapTo(String.class)
                .list();
    }

    private static OfficeHour read(RowView r) {
        return new OfficeHour(
                r.getColumn("id", Long.class),
                r.getColumn("title", String.class),
                r.getColumn("host_id", String.class),
                r.getColumn("start_at", Instant.class),
                r.getColumn("duration_min", Integer.class),
                r.getColumn("voice_channel_id", String.class),
                r.getColumn("location", String.class),
                r.getColumn("topic", String.class),
                r.getColumn("description", String.class),
                OfficeHour.Status.valueOf(r.getColumn("status", String.class)),
                r.getColumn("channel_id", String.class),
                r.getColumn("message_channel_id", String.class),
                r.getColumn("message_id", String.class),
                r.getColumn("thread_id", String.class),
                r.getColumn("event_id", String.class),
                r.getColumn("created_by", String.class),
                r.getColumn("created_at", Instant.class));
    }
}
