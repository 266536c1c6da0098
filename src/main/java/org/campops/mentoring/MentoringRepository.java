package org.campops.mentoring;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;
import org.jspecify.annotations.Nullable;

/** Series, sessions, attendance and feedback (caller's transaction). */
final class MentoringRepository {

    Optional<Series> seriesOfTeam(Handle c, long teamId) throws SQLException {
        return c.select("SELECT * FROM mentoring_series WHERE team_id = ?", teamId)
                .map(MentoringRepository::readSeries)
                .findFirst();
    }

    Optional<Series> series(Handle c, long id) throws SQLException {
        return c.select("SELECT * FROM mentoring_series WHERE id = ?", id)
                .map(MentoringRepository::readSeries)
                .findFirst();
    }

    long saveSeries(Handle c, Series s, String by, Instant at) throws SQLException {
        Optional<Series> old = seriesOfTeam(c, s.teamId());
        if (old.isPresent()) {
            c.execute(
                    "UPDATE mentoring_series SET weekday = ?, local_time = ?, duration_min = ?, link = ?, zone = ?,"
                            + " ends_on = ?, set_by = ?, set_at = ? WHERE id = ?",
                    s.day().getValue(),
                    s.time().toString(),
                    s.durationMinutes(),
                    s.link(),
                    s.zone().getId(),
                    s.endsOn(),
                    by,
                    at,
                    old.get().id());
            return old.get().id();
        }
        return Rows.insert(
                c,
                "INSERT INTO mentoring_series (team_id, weekday, local_time, duration_min, link, zone, ends_on,"
                        + " set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.teamId(),
                s.day().getValue(),
                s.time().toString(),
                s.durationMinutes(),
                s.link(),
                s.zone().getId(),
                s.endsOn(),
                by,
                at);
    }

    /** Deletes the sessions of a team that have not started; returns their ids. */
    List<Long> deleteNotStarted(Handle c, long teamId, Instant now) throws SQLException {
        List<Long> ids = c.select("SELECT id FROM mentoring_session WHERE team_id = ? AND start_at > ?", teamId, now)
                .mapTo(Long.class)
                .list();
        for (long id : ids) {
            c.execute("DELETE FROM mentoring_attendance WHERE session_id = ?", id);
            c.execute("DELETE FROM mentoring_feedback WHERE session_id = ?", id);
            c.execute("DELETE FROM mentoring_session WHERE id = ?", id);
        }
        return ids;
    }

    boolean hasDate(Handle c, long seriesId, LocalDate date) throws SQLException {
        return c.select("SELECT id FROM mentoring_session WHERE series_id = ? AND original_date = ?", seriesId, date)
                .mapTo(Long.class)
                .findFirst()
                .isPresent();
    }

    long insertSession(Handle c, long seriesId, long teamId, LocalDate date, Instant start, int duration)
            throws SQLException {
        return Rows.insert(
                c,
                "INSERT INTO mentoring_session (series_id, team_id, original_date, start_at, duration_min, status,"
                        + " moved) VALUES (?, ?, ?, ?, ?, 'SCHEDULED', FALSE)",
                seriesId,
                teamId,
                date,
                start,
                duration);
    }

    Optional<Session> session(Handle c, long id) throws SQLException {
        return c.select("SELECT * FROM mentoring_session WHERE id = ?", id)
                .map(MentoringRepository::readSession)
                .findFirst();
    }

    List<Session> sessionsOfTeam(Handle c, long teamId) throws SQLException {
        return c.select("SELECT * FROM mentoring_session WHERE team_id = ? ORDER BY start_at, id", teamId)
                .map(MentoringRepository::readSession)
                .list();
    }

    List<Session> scheduledEndingAfter(Handle c, Instant since) throws SQLException {
        // A session lasts at most a day: those starting in the last day may still be running.
        return c
                .select(
                        "SELECT * FROM mentoring_session WHERE status = 'SCHEDULED' AND start_at > ? ORDER BY start_at",
                        since.minus(java.time.Duration.ofDays(1)))
                .map(MentoringRepository::readSession)
                .stream()
                .filter(s -> s.endAt().isAfter(since))
                .toList();
    }

    List<Session> all(Handle c) throws SQLException {
        return c.select("SELECT * FROM mentoring_session ORDER BY team_id, start_at")
                .map(MentoringRepository::readSession)
                .list();
    }

    boolean setStatus(Handle c, long id, Session.Status from, Session.Status to) throws SQLException {
        return c.execute(
                        "UPDATE mentoring_session SET status = ? WHERE id = ? AND status = ?",
                        to.name(),
                        id,
                        from.name())
                == 1;
    }

    void move(Handle c, long id, Instant start) throws SQLException {
        c.execute("UPDATE mentoring_session SET start_at = ?, moved = TRUE WHERE id = ?", start, id);
    }

    void setTopic(Handle c, long id, String topic) throws SQLException {
        c.execute("UPDATE mentoring_session SET topic = ? WHERE id = ?", topic, id);
    }

    void setNote(Handle c, long id, String note, Instant at) throws SQLException {
        c.execute("UPDATE mentoring_session SET note = ?, note_at = ? WHERE id = ?", note, at, id);
    }

    void answerAttendance(Handle c, long sessionId, String userId, boolean attended, Instant at) throws SQLException {
        if (c.execute(
                        "UPDATE mentoring_attendance SET attended = ?, answered_at = ? WHERE session_id = ? AND user_id = ?",
                        attended,
                        at,
                        sessionId,
                        userId)
                == 0) {
            c.execute(
                    "INSERT INTO mentoring_attendance (session_id, user_id, attended, answered_at) VALUES (?, ?, ?, ?)",
                    sessionId,
                    userId,
                    attended,
                    at);
        }
    }

    /** One answer per member and session, kept under the member's keyed hash ({@link FeedbackKey}); a new one replaces it. */
    void answerFeedback(Handle c, long sessionId, String memberHash, int rating, @Nullable String comment, Instant at)
            throws SQLException {
        if (c.execute(
                        "UPDATE mentoring_feedback SET rating = ?, comment = ?, answered_at = ? WHERE session_id = ?"
                                + " AND member_hash = ?",
                        rating,
                        comment,
                        at,
                        sessionId,
                        memberHash)
                == 0) {
            c.execute(
                    "INSERT INTO mentoring_feedback (session_id, member_hash, rating, comment, answered_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    sessionId,
                    memberHash,
                    rating,
                    comment,
                    at);
        }
    }

    /** The feedback key (hex), if made. */
    Optional<String> feedbackKey(Handle c) throws SQLException {
        return c.select("SELECT hmac_key FROM feedback_key WHERE id = 1")
                .mapTo(String.class)
                .findFirst();
    }

    /** Stores {@code hex} as the feedback key unless one is there (another instance may have made it first). */
    void insertFeedbackKey(Handle c, String hex, Instant at) throws SQLException {
        Rows.insertOnce(
                c,
                "SELECT id FROM feedback_key WHERE id = ?",
                "INSERT INTO feedback_key (id, hmac_key, created_at) VALUES (?, ?, ?)",
                1,
                hex,
                at);
    }

    /** Rows written before V12, which still hold the raw member id: {session id, member id}. */
    List<Object[]> unhashedFeedback(Handle c) throws SQLException {
        return c.select(
                        "SELECT session_id, member_hash FROM mentoring_feedback WHERE LENGTH(member_hash) <> ?",
                        FeedbackKey.HASH_LENGTH)
                .map(r -> new Object[] {r.getColumn(1, Long.class), r.getColumn(2, String.class)})
                .list();
    }

    void rehashFeedback(Handle c, long sessionId, String raw, String hash) throws SQLException {
        c.execute(
                "UPDATE mentoring_feedback SET member_hash = ? WHERE session_id = ? AND member_hash = ?",
                hash,
                sessionId,
                raw);
    }

    /** Attendance answers of a session: member id to attended. */
    java.util.Map<String, Boolean> attendance(Handle c, long sessionId) throws SQLException {
        java.util.Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        c.select("SELECT user_id, attended FROM mentoring_attendance WHERE session_id = ? ORDER BY user_id", sessionId)
                .map(r -> Map.entry(r.getColumn(1, String.class), r.getColumn(2, Boolean.class)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Feedback of a session, without who gave it. */
    List<Feedback> feedback(Handle c, long sessionId) throws SQLException {
        // Ordered by what was said, not when: the order of answers tells nothing about who gave them.
        return c.select(
                        "SELECT rating, comment FROM mentoring_feedback WHERE session_id = ? ORDER BY rating, comment",
                        sessionId)
                .map(r -> new Feedback(r.getColumn(1, Integer.class), r.getColumn(2, String.class)))
                .list();
    }

    /** One anonymous answer. */
    record Feedback(int rating, String comment) {}

    private static Series readSeries(RowView r) {
        return new Series(
                r.getColumn("id", Long.class),
                r.getColumn("team_id", Long.class),
                DayOfWeek.of(r.getColumn("weekday", Integer.class)),
                LocalTime.parse(r.getColumn("local_time", String.class)),
                r.getColumn("duration_min", Integer.class),
                r.getColumn("link", String.class),
                ZoneId.of(r.getColumn("zone", String.class)),
                r.getColumn("ends_on", LocalDate.class));
    }

    private static Session readSession(RowView r) {
        return new Session(
                r.getColumn("id", Long.class),
                r.getColumn("series_id", Long.class),
                r.getColumn("team_id", Long.class),
                r.getColumn("original_date", LocalDate.class),
                r.getColumn("start_at", Instant.class),
                r.getColumn("duration_min", Integer.class),
                Session.Status.valueOf(r.getColumn("status", String.class)),
                r.getColumn("moved", Boolean.class),
                r.getColumn("topic", String.class),
                r.getColumn("note", String.class));
    }
}
