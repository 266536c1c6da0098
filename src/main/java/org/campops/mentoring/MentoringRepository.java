package org.campops.mentoring;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.campops.store.Jdbc;

/** JDBC access to series, sessions, attendance and feedback (caller's transaction). */
final class MentoringRepository {

    Optional<Series> seriesOfTeam(Connection c, long teamId) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM mentoring_series WHERE team_id = ?", MentoringRepository::series, teamId);
    }

    Optional<Series> series(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM mentoring_series WHERE id = ?", MentoringRepository::series, id);
    }

    long saveSeries(Connection c, Series s, String by, Instant at) throws SQLException {
        Optional<Series> old = seriesOfTeam(c, s.teamId());
        if (old.isPresent()) {
            Jdbc.update(c, "UPDATE mentoring_series SET weekday = ?, local_time = ?, duration_min = ?, link = ?, zone = ?,"
                    + " ends_on = ?, set_by = ?, set_at = ? WHERE id = ?", s.day().getValue(), s.time().toString(),
                    s.durationMinutes(), s.link(), s.zone().getId(), s.endsOn(), by, at, old.get().id());
            return old.get().id();
        }
        return Jdbc.insert(c, "INSERT INTO mentoring_series (team_id, weekday, local_time, duration_min, link, zone, ends_on,"
                + " set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s.teamId(), s.day().getValue(), s.time().toString(),
                s.durationMinutes(), s.link(), s.zone().getId(), s.endsOn(), by, at);
    }

    /** Deletes the sessions of a team that have not started; returns their ids. */
    List<Long> deleteNotStarted(Connection c, long teamId, Instant now) throws SQLException {
        List<Long> ids = Jdbc.list(c, "SELECT id FROM mentoring_session WHERE team_id = ? AND start_at > ?",
                rs -> rs.getLong(1), teamId, now);
        for (long id : ids) {
            Jdbc.update(c, "DELETE FROM mentoring_attendance WHERE session_id = ?", id);
            Jdbc.update(c, "DELETE FROM mentoring_feedback WHERE session_id = ?", id);
            Jdbc.update(c, "DELETE FROM mentoring_session WHERE id = ?", id);
        }
        return ids;
    }

    boolean hasDate(Connection c, long seriesId, LocalDate date) throws SQLException {
        return Jdbc.one(c, "SELECT id FROM mentoring_session WHERE series_id = ? AND original_date = ?", rs -> rs.getLong(1),
                seriesId, date).isPresent();
    }

    long insertSession(Connection c, long seriesId, long teamId, LocalDate date, Instant start, int duration)
            throws SQLException {
        return Jdbc.insert(c, "INSERT INTO mentoring_session (series_id, team_id, original_date, start_at, duration_min, status,"
                + " moved) VALUES (?, ?, ?, ?, ?, 'SCHEDULED', FALSE)", seriesId, teamId, date, start, duration);
    }

    Optional<Session> session(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM mentoring_session WHERE id = ?", MentoringRepository::session, id);
    }

    List<Session> sessionsOfTeam(Connection c, long teamId) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM mentoring_session WHERE team_id = ? ORDER BY start_at, id",
                MentoringRepository::session, teamId);
    }

    List<Session> scheduledEndingAfter(Connection c, Instant since) throws SQLException {
        // A session lasts at most a day: those starting in the last day may still be running.
        return Jdbc.list(c, "SELECT * FROM mentoring_session WHERE status = 'SCHEDULED' AND start_at > ? ORDER BY start_at",
                MentoringRepository::session, since.minus(java.time.Duration.ofDays(1))).stream()
                .filter(s -> s.endAt().isAfter(since)).toList();
    }

    List<Session> all(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM mentoring_session ORDER BY team_id, start_at", MentoringRepository::session);
    }

    boolean setStatus(Connection c, long id, Session.Status from, Session.Status to) throws SQLException {
        return Jdbc.updateOne(c, "UPDATE mentoring_session SET status = ? WHERE id = ? AND status = ?", to.name(), id, from.name());
    }

    void move(Connection c, long id, Instant start) throws SQLException {
        Jdbc.update(c, "UPDATE mentoring_session SET start_at = ?, moved = TRUE WHERE id = ?", start, id);
    }

    void setTopic(Connection c, long id, String topic) throws SQLException {
        Jdbc.update(c, "UPDATE mentoring_session SET topic = ? WHERE id = ?", topic, id);
    }

    void setNote(Connection c, long id, String note, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE mentoring_session SET note = ?, note_at = ? WHERE id = ?", note, at, id);
    }

    void answerAttendance(Connection c, long sessionId, String userId, boolean attended, Instant at) throws SQLException {
        if (Jdbc.update(c, "UPDATE mentoring_attendance SET attended = ?, answered_at = ? WHERE session_id = ? AND user_id = ?",
                attended, at, sessionId, userId) == 0) {
            Jdbc.update(c, "INSERT INTO mentoring_attendance (session_id, user_id, attended, answered_at) VALUES (?, ?, ?, ?)",
                    sessionId, userId, attended, at);
        }
    }

    /** One answer per member and session, kept under the member's keyed hash ({@link FeedbackKey}); a new one replaces it. */
    void answerFeedback(Connection c, long sessionId, String memberHash, int rating, String comment, Instant at)
            throws SQLException {
        if (Jdbc.update(c, "UPDATE mentoring_feedback SET rating = ?, comment = ?, answered_at = ? WHERE session_id = ?"
                + " AND member_hash = ?", rating, comment, at, sessionId, memberHash) == 0) {
            Jdbc.update(c, "INSERT INTO mentoring_feedback (session_id, member_hash, rating, comment, answered_at)"
                    + " VALUES (?, ?, ?, ?, ?)", sessionId, memberHash, rating, comment, at);
        }
    }

    /** The feedback key (hex), if made. */
    Optional<String> feedbackKey(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT hmac_key FROM feedback_key WHERE id = 1", rs -> rs.getString(1));
    }

    /** Stores {@code hex} as the feedback key unless one is there (another instance may have made it first). */
    void insertFeedbackKey(Connection c, String hex, Instant at) throws SQLException {
        Jdbc.insertOnce(c, "SELECT id FROM feedback_key WHERE id = ?",
                "INSERT INTO feedback_key (id, hmac_key, created_at) VALUES (?, ?, ?)", 1, hex, at);
    }

    /** Rows written before V12, which still hold the raw member id: {session id, member id}. */
    List<Object[]> unhashedFeedback(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT session_id, member_hash FROM mentoring_feedback WHERE LENGTH(member_hash) <> ?",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, FeedbackKey.HASH_LENGTH);
    }

    void rehashFeedback(Connection c, long sessionId, String raw, String hash) throws SQLException {
        Jdbc.update(c, "UPDATE mentoring_feedback SET member_hash = ? WHERE session_id = ? AND member_hash = ?",
                hash, sessionId, raw);
    }

    /** Attendance answers of a session: member id to attended. */
    java.util.Map<String, Boolean> attendance(Connection c, long sessionId) throws SQLException {
        java.util.Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT user_id, attended FROM mentoring_attendance WHERE session_id = ?"
                + " ORDER BY user_id", rs -> new Object[] {rs.getString(1), rs.getBoolean(2)}, sessionId)) {
            out.put((String) row[0], (Boolean) row[1]);
        }
        return out;
    }

    /** Feedback of a session, without who gave it. */
    List<Feedback> feedback(Connection c, long sessionId) throws SQLException {
        // Ordered by what was said, not when: the order of answers tells nothing about who gave them.
        return Jdbc.list(c, "SELECT rating, comment FROM mentoring_feedback WHERE session_id = ? ORDER BY rating, comment",
                rs -> new Feedback(rs.getInt(1), rs.getString(2)), sessionId);
    }

    /** One anonymous answer. */
    record Feedback(int rating, String comment) {
    }

    private static Series series(ResultSet rs) throws SQLException {
        return new Series(rs.getLong("id"), rs.getLong("team_id"), DayOfWeek.of(rs.getInt("weekday")),
                LocalTime.parse(rs.getString("local_time")), rs.getInt("duration_min"), rs.getString("link"),
                ZoneId.of(rs.getString("zone")), rs.getDate("ends_on").toLocalDate());
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getLong("id"), rs.getLong("series_id"), rs.getLong("team_id"),
                rs.getDate("original_date").toLocalDate(), Jdbc.getInstant(rs, "start_at"), rs.getInt("duration_min"),
                Session.Status.valueOf(rs.getString("status")), rs.getBoolean("moved"), rs.getString("topic"),
                rs.getString("note"));
    }
}
