package org.campops.wrapup;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;
import org.jspecify.annotations.Nullable;

/** Wrap-up assignments (caller's transaction). */
final class WrapupRepository {
    private static final String ORDER = " ORDER BY CASE WHEN reviewed_at IS NULL THEN 0 ELSE 1 END, team_id, id";

    Optional<Assignment> find(Handle c, String competitionId, String camperId) throws SQLException {
        return c.select(
                        "SELECT * FROM wrapup_assignment WHERE competition_id = ? AND camper_id = ?",
                        competitionId,
                        camperId)
                .map(WrapupRepository::read)
                .findFirst();
    }

    Optional<Assignment> find(Handle c, long id) throws SQLException {
        return c.select("SELECT * FROM wrapup_assignment WHERE id = ?", id)
                .map(WrapupRepository::read)
                .findFirst();
    }

    /** Every assignment of the competition, open ones first. */
    List<Assignment> ofCompetition(Handle c, String competitionId) throws SQLException {
        return c.select("SELECT * FROM wrapup_assignment WHERE competition_id = ?" + ORDER, competitionId)
                .map(WrapupRepository::read)
                .list();
    }

    /** The mentor's assignments of the competition, open ones first. */
    List<Assignment> ofMentor(Handle c, String competitionId, String mentorId) throws SQLException {
        return c.select(
                        "SELECT * FROM wrapup_assignment WHERE competition_id = ? AND mentor_id = ?" + ORDER,
                        competitionId,
                        mentorId)
                .map(WrapupRepository::read)
                .list();
    }

    /** The competition's reviews not marked done, by mentor then team. */
    List<Assignment> open(Handle c, String competitionId) throws SQLException {
        return c.select(
                        "SELECT * FROM wrapup_assignment WHERE competition_id = ? AND reviewed_at IS NULL"
                                + " ORDER BY mentor_id, team_id, id",
                        competitionId)
                .map(WrapupRepository::read)
                .list();
    }

    /** Stores an assignment unless the camper has one for the competition already; true when stored. */
    boolean insert(
            Handle c,
            String competitionId,
            String camperId,
            String mentorId,
            @Nullable Long teamId,
            String by,
            Instant at)
            throws SQLException {
        return Rows.insertOnce(
                c,
                "SELECT 1 FROM wrapup_assignment WHERE competition_id = ? AND camper_id = ?",
                "INSERT INTO wrapup_assignment (competition_id, camper_id, mentor_id, team_id, assigned_by, assigned_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                competitionId,
                camperId,
                mentorId,
                teamId,
                by,
                at);
    }

    void submit(Handle c, long id, String link, Instant at) throws SQLException {
        c.execute("UPDATE wrapup_assignment SET report_link = ?, submitted_at = ? WHERE id = ?", link, at, id);
    }

    /** Marks the review done unless it was; true when this call marked it. */
    boolean review(Handle c, long id, String by, Instant at) throws SQLException {
        return c.execute(
                        "UPDATE wrapup_assignment SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND reviewed_at IS NULL",
                        at,
                        by,
                        id)
                == 1;
    }

    private static Assignment read(RowView r) {
        Long teamId = r.getColumn("team_id", Long.class);
        return new Assignment(
                r.getColumn("id", Long.class),
                r.getColumn("competition_id", String.class),
                r.getColumn("camper_id", String.class),
                r.getColumn("mentor_id", String.class),
                teamId,
                r.getColumn("report_link", String.class),
                r.getColumn("submitted_at", Instant.class),
                r.getColumn("reviewed_at", Instant.class),
                r.getColumn("reviewed_by", String.class),
                r.getColumn("assigned_at", Instant.class));
    }
}
