package org.campops.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;

/** Rows of a seeded camp for the report's tests, written straight into the tables the report reads. */
final class ReportSeed {
    /** A team's weekly series: Mondays 19:00 for an hour until 2030 (also written by {@link BulkSeed}). */
    static final String SERIES =
            "INSERT INTO mentoring_series (id, team_id, weekday, local_time, duration_min, link, zone, ends_on,"
                    + " set_by, set_at) VALUES (?, ?, 1, '19:00', 60, 'https://zoom.us/j/1', ?, ?, 'o', ?)";

    private final Database db;
    private final ZoneId zone;
    private long sessionDate = 0;

    ReportSeed(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    void question(@Nullable String topic, Instant asked, @Nullable Instant reply) {
        db.inTransaction(c -> c.execute(
                "INSERT INTO question (asker_id, asker_name, anonymous, topic, title, channel_id, status, locale,"
                        + " asked_at, first_mentor_reply_at) VALUES ('1', 'camper', FALSE, ?, 't', '1', ?, 'ko', ?, ?)",
                topic,
                reply == null ? "OPEN" : "ANSWERED",
                asked,
                reply));
    }

    void team(long id, String name, String mentor, String... campers) {
        db.inTransaction(c -> {
            c.execute(
                    "INSERT INTO team (id, name, name_key, mentor_id, created_by, created_at) VALUES (?, ?, ?, ?, 'o', ?)",
                    id,
                    name,
                    name,
                    mentor,
                    Instant.EPOCH);
            c.execute(SERIES, id, id, zone.getId(), LocalDate.of(2030, 1, 1), Instant.EPOCH);
            for (String camper : campers) {
                c.execute(
                        "INSERT INTO team_member (team_id, user_id, added_at) VALUES (?, ?, ?)",
                        id,
                        camper,
                        Instant.EPOCH);
            }
            return null;
        });
    }

    /** A session of team {@code team}: its id. */
    long session(long team, Instant start, boolean skipped) {
        LocalDate original = LocalDate.of(2020, 1, 1).plusDays(sessionDate++);
        return db.inTransaction(c -> {
            c.execute(
                    "INSERT INTO mentoring_session (series_id, team_id, original_date, start_at, duration_min, status,"
                            + " moved) VALUES (?, ?, ?, ?, 60, ?, FALSE)",
                    team,
                    team,
                    original,
                    start,
                    skipped ? "SKIPPED" : "SCHEDULED");
            return c.select("SELECT MAX(id) FROM mentoring_session")
                    .mapTo(Long.class)
                    .one();
        });
    }

    void attendance(long session, String user, boolean attended) {
        db.inTransaction(c -> c.execute(
                "INSERT INTO mentoring_attendance (session_id, user_id, attended, answered_at) VALUES (?, ?, ?, ?)",
                session,
                user,
                attended,
                Instant.EPOCH));
    }

    void feedback(long session, String hash, int rating) {
        db.inTransaction(c -> c.execute(
                "INSERT INTO mentoring_feedback (session_id, member_hash, rating, answered_at) VALUES (?, ?, ?, ?)",
                session,
                hash,
                rating,
                Instant.EPOCH));
    }

    void officeHour(long id, Instant start, boolean cancelled, int rsvps) {
        db.inTransaction(c -> {
            c.execute(
                    "INSERT INTO office_hour (id, title, host_id, start_at, duration_min, status, channel_id, created_by,"
                            + " created_at) VALUES (?, 'oh', 'm', ?, 60, ?, '1', 'o', ?)",
                    id,
                    start,
                    cancelled ? "CANCELLED" : "SCHEDULED",
                    Instant.EPOCH);
            for (int i = 0; i < rsvps; i++) {
                c.execute(
                        "INSERT INTO office_hour_rsvp (office_hour_id, user_id, created_at) VALUES (?, ?, ?)",
                        id,
                        "u" + i,
                        Instant.EPOCH);
            }
            return null;
        });
    }

    void assignment(String competition, String camper, String mentor, boolean reviewed) {
        db.inTransaction(c -> c.execute(
                "INSERT INTO wrapup_assignment (competition_id, camper_id, mentor_id, reviewed_at, assigned_by,"
                        + " assigned_at) VALUES (?, ?, ?, ?, 'o', ?)",
                competition,
                camper,
                mentor,
                reviewed ? Instant.EPOCH : null,
                Instant.EPOCH));
    }

    void weeklyPostDone(LocalDate week, String mentor) {
        db.inTransaction(c -> c.execute(
                "INSERT INTO duty_done (duty, week_start, mentor_id, how, done_at) VALUES ('weekly-post', ?, ?, 'hand', ?)",
                week,
                mentor,
                Instant.EPOCH));
    }

    void answerBy(String mentor, String name) {
        db.inTransaction(c -> {
            c.execute(
                    "INSERT INTO question (asker_id, asker_name, anonymous, title, channel_id, status, locale, asked_at)"
                            + " VALUES ('1', 'camper', FALSE, 'old', '1', 'OPEN', 'ko', ?)",
                    Instant.EPOCH);
            long q = c.select("SELECT MAX(id) FROM question").mapTo(Long.class).one();
            c.execute(
                    "INSERT INTO answer (question_id, message_id, author_id, author_name, text, posted_at)"
                            + " VALUES (?, ?, ?, ?, 'a', ?)",
                    q,
                    "msg-" + mentor,
                    mentor,
                    name,
                    Instant.EPOCH);
            return null;
        });
    }
}
