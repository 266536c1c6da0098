package org.campops.report;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * What the weekly report reads (caller's transaction): questions, mentoring sessions with their attendance and
 * feedback, office hours with their RSVPs, wrap-up assignments. Read only; every range is {@code [from, to)}.
 */
final class ReportRepository {

    /** A question: its topic (null: none), when it was asked and first answered by a mentor (null: not yet). */
    record Asked(
            @Nullable String topic,
            Instant askedAt,
            @Nullable Instant firstMentorReplyAt) {}

    /** A mentoring session of a team: when, whether skipped, how many attended (said yes). */
    record SessionRow(long teamId, Instant startAt, boolean skipped, int attended) {}

    /** A team: id, name, mentor, current number of campers. */
    record TeamRow(long id, String name, String mentorId, int members) {}

    /** One feedback rating given for a session of a team that started at {@code startAt}. */
    record Rating(long teamId, Instant startAt, int rating) {}

    /** One wrap-up assignment: the competition, the mentor, whether reviewed. */
    record Review(String competitionId, String mentorId, boolean reviewed) {}

    List<Asked> questions(Handle c, Instant from, Instant to) throws SQLException {
        return c.select(
                        "SELECT topic, asked_at, first_mentor_reply_at FROM question"
                                + " WHERE asked_at >= ? AND asked_at < ? ORDER BY asked_at, id",
                        from,
                        to)
                .map(r -> new Asked(
                        r.getColumn("topic", String.class),
                        r.getColumn("asked_at", Instant.class),
                        r.getColumn("first_mentor_reply_at", Instant.class)))
                .list();
    }

    List<TeamRow> teams(Handle c) throws SQLException {
        return c.select("SELECT t.id, t.name, t.mentor_id, (SELECT COUNT(*) FROM team_member m WHERE m.team_id = t.id)"
                        + " AS members FROM team t ORDER BY t.name_key, t.id")
                .map(r -> new TeamRow(
                        r.getColumn("id", Long.class),
                        r.getColumn("name", String.class),
                        r.getColumn("mentor_id", String.class),
                        r.getColumn("members", Integer.class)))
                .list();
    }

    /** Sessions that started (or were to start) in the range, past ones only ({@code start_at <= now}). */
    List<SessionRow> sessions(Handle c, Instant from, Instant to, Instant now) throws SQLException {
        return c.select(
                        "SELECT s.team_id, s.start_at, s.status, (SELECT COUNT(*) FROM mentoring_attendance a"
                                + " WHERE a.session_id = s.id AND a.attended = TRUE) AS attended"
                                + " FROM mentoring_session s WHERE s.start_at >= ? AND s.start_at < ? AND s.start_at <= ?"
                                + " ORDER BY s.start_at, s.id",
                        from,
                        to,
                        now)
                .map(r -> new SessionRow(
                        r.getColumn("team_id", Long.class),
                        r.getColumn("start_at", Instant.class),
                        "SKIPPED".equals(r.getColumn("status", String.class)),
                        r.getColumn("attended", Integer.class)))
                .list();
    }

    /** Ratings of sessions held (not skipped) that started in the range. */
    List<Rating> ratings(Handle c, Instant from, Instant to) throws SQLException {
        return c.select(
                        "SELECT s.team_id, s.start_at, f.rating FROM mentoring_feedback f"
                                + " JOIN mentoring_session s ON s.id = f.session_id"
                                + " WHERE s.status <> 'SKIPPED' AND s.start_at >= ? AND s.start_at < ?",
                        from,
                        to)
                .map(r -> new Rating(
                        r.getColumn("team_id", Long.class),
                        r.getColumn("start_at", Instant.class),
                        r.getColumn("rating", Integer.class)))
                .list();
    }

    /** Office hours held in the range (scheduled, started by {@code now}) and the RSVPs they had. */
    int[] officeHours(Handle c, Instant from, Instant to, Instant now) throws SQLException {
        return c.select(
                        "SELECT COUNT(*) AS held, COALESCE(SUM((SELECT COUNT(*) FROM office_hour_rsvp r"
                                + " WHERE r.office_hour_id = o.id)), 0) AS rsvps FROM office_hour o"
                                + " WHERE o.status = 'SCHEDULED' AND o.start_at >= ? AND o.start_at < ?"
                                + " AND o.start_at <= ?",
                        from,
                        to,
                        now)
                .map(r -> new int[] {r.getColumn("held", Integer.class), r.getColumn("rsvps", Integer.class)})
                .one();
    }

    List<Review> reviews(Handle c) throws SQLException {
        return c.select("SELECT competition_id, mentor_id, reviewed_at FROM wrapup_assignment ORDER BY id")
                .map(r -> new Review(
                        r.getColumn("competition_id", String.class),
                        r.getColumn("mentor_id", String.class),
                        r.getColumn("reviewed_at", Instant.class) != null))
                .list();
    }

    /**
     * The name each of {@code userIds} last answered a question under (mentors' display names for the duties chart);
     * members who never answered are missing. One read of their answers, not one query per member: the answer table
     * has no index on the author.
     */
    Map<String, String> answerNames(Handle c, Collection<String> userIds) throws SQLException {
        Map<String, String> names = new HashMap<>();
        if (userIds.isEmpty()) {
            return names;
        }
        c.select(
                        "SELECT author_id, author_name FROM answer WHERE author_id IN ("
                                + String.join(", ", Collections.nCopies(userIds.size(), "?"))
                                + ") ORDER BY posted_at DESC, id DESC",
                        userIds.toArray())
                .map(r -> Map.entry(r.getColumn("author_id", String.class), r.getColumn("author_name", String.class)))
                .forEach(e -> names.putIfAbsent(e.getKey(), e.getValue()));
        return names;
    }
}
