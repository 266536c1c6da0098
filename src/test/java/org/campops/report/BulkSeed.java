package org.campops.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * A whole camp written in one transaction with JDBC batches, into the tables the report reads (the benchmark's large
 * camp and the demo camp; {@link ReportSeed} writes the tests' few rows one by one). Rows get their ids here, so
 * sessions and questions can be referred to before the batch runs. Call {@link #write} once at the end.
 */
final class BulkSeed {
    private static final Instant SET_AT = Instant.parse("2026-01-01T00:00:00Z");

    private final ZoneId zone;
    /** The rows of each statement, in the order the statements were first used (parents before children). */
    private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();

    private long sessionId = 0;
    private long questionId = 0;
    private long answerId = 0;
    private long officeHourId = 0;
    private long assignmentId = 0;
    private int rowCount = 0;

    BulkSeed(ZoneId zone) {
        this.zone = zone;
    }

    private void row(String sql, @Nullable Object... values) {
        rows.computeIfAbsent(sql, s -> new java.util.ArrayList<>()).add(values);
        rowCount++;
    }

    int rowCount() {
        return rowCount;
    }

    /** A team with its mentor, its campers and its weekly series (Monday 19:00 in the camp's zone). */
    void team(long id, String name, String mentorId, List<String> campers) {
        row(
                "INSERT INTO team (id, name, name_key, mentor_id, created_by, created_at) VALUES (?, ?, ?, ?, 'o', ?)",
                id,
                name,
                name.toLowerCase(java.util.Locale.ROOT),
                mentorId,
                SET_AT);
        row(ReportSeed.SERIES, id, id, zone.getId(), LocalDate.of(2030, 1, 1), SET_AT);
        for (String camper : campers) {
            row("INSERT INTO team_member (team_id, user_id, added_at) VALUES (?, ?, ?)", id, camper, SET_AT);
        }
    }

    /** A session of team {@code team} (its series has the team's id); its id. */
    long session(long team, Instant start, boolean skipped) {
        long id = ++sessionId;
        row(
                "INSERT INTO mentoring_session (id, series_id, team_id, original_date, start_at, duration_min, status,"
                        + " moved) VALUES (?, ?, ?, ?, ?, 60, ?, FALSE)",
                id,
                team,
                team,
                start.atZone(zone).toLocalDate(),
                start,
                skipped ? "SKIPPED" : "SCHEDULED");
        return id;
    }

    void attendance(long session, String user, boolean attended, Instant at) {
        row(
                "INSERT INTO mentoring_attendance (session_id, user_id, attended, answered_at) VALUES (?, ?, ?, ?)",
                session,
                user,
                attended,
                at);
    }

    void feedback(long session, String memberHash, int rating, Instant at) {
        row(
                "INSERT INTO mentoring_feedback (session_id, member_hash, rating, answered_at) VALUES (?, ?, ?, ?)",
                session,
                memberHash,
                rating,
                at);
    }

    /**
     * A question of {@code asker} on {@code topic} (null: none); with a reply, {@code mentorId} ({@code mentorName})
     * answered first at {@code reply}. Its id.
     */
    long question(
            String asker,
            @Nullable String topic,
            String title,
            Instant asked,
            @Nullable Instant reply,
            @Nullable String mentorId,
            @Nullable String mentorName) {
        long id = ++questionId;
        row(
                "INSERT INTO question (id, asker_id, asker_name, anonymous, topic, title, channel_id, status, locale,"
                        + " asked_at, first_mentor_reply_at, first_mentor_id) VALUES (?, ?, ?, FALSE, ?, ?, '1', ?,"
                        + " 'ko', ?, ?, ?)",
                id,
                asker,
                "camper-" + asker,
                topic,
                title,
                reply == null ? "OPEN" : "ANSWERED",
                asked,
                reply,
                reply == null ? null : mentorId);
        if (reply != null && mentorId != null && mentorName != null) {
            long answer = ++answerId;
            row(
                    "INSERT INTO answer (id, question_id, message_id, author_id, author_name, author_role, text,"
                            + " posted_at) VALUES (?, ?, ?, ?, ?, 'MENTOR', ?, ?)",
                    answer,
                    id,
                    "m" + answer,
                    mentorId,
                    mentorName,
                    "답변",
                    reply);
        }
        return id;
    }

    /** An office hour hosted by {@code host}, with {@code rsvps} campers who pressed RSVP. */
    void officeHour(String title, String host, Instant start, boolean cancelled, List<String> rsvps) {
        long id = ++officeHourId;
        row(
                "INSERT INTO office_hour (id, title, host_id, start_at, duration_min, status, channel_id, created_by,"
                        + " created_at) VALUES (?, ?, ?, ?, 60, ?, '1', 'o', ?)",
                id,
                title,
                host,
                start,
                cancelled ? "CANCELLED" : "SCHEDULED",
                SET_AT);
        for (String user : rsvps) {
            row(
                    "INSERT INTO office_hour_rsvp (office_hour_id, user_id, created_at) VALUES (?, ?, ?)",
                    id,
                    user,
                    start.minusSeconds(3600 * 24));
        }
    }

    /** A camper's wrap-up report assigned to a mentor; {@code reviewedAt} null: not reviewed yet. */
    void assignment(String competition, String camper, String mentor, @Nullable Instant reviewedAt) {
        row(
                "INSERT INTO wrapup_assignment (id, competition_id, camper_id, mentor_id, reviewed_at, reviewed_by,"
                        + " assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?, ?, 'o', ?)",
                ++assignmentId,
                competition,
                camper,
                mentor,
                reviewedAt,
                reviewedAt == null ? null : mentor,
                SET_AT);
    }

    /** The mentor's weekly discussion post of the week starting {@code monday}, done at {@code at}. */
    void weeklyPostDone(LocalDate monday, String mentor, Instant at) {
        row(
                "INSERT INTO duty_done (duty, week_start, mentor_id, how, done_at) VALUES ('weekly-post', ?, ?, 'hand',"
                        + " ?)",
                monday,
                mentor,
                at);
    }

    /** Writes every row in one transaction, one batch per statement. */
    void write(Database db) {
        db.inTransaction(c -> {
            for (Map.Entry<String, List<Object[]>> e : rows.entrySet()) {
                batch(c, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    private static void batch(Handle c, String sql, List<Object[]> values) {
        PreparedBatch batch = c.prepareBatch(sql);
        for (Object[] row : values) {
            for (int i = 0; i < row.length; i++) {
                batch.bind(i, row[i]);
            }
            batch.add();
        }
        batch.execute();
    }
}
