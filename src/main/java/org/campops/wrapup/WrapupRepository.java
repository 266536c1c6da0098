package org.campops.wrapup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.campops.store.Jdbc;

/** JDBC access to wrap-up assignments (caller's transaction). */
final class WrapupRepository {
    private static final String ORDER = " ORDER BY CASE WHEN reviewed_at IS NULL THEN 0 ELSE 1 END, team_id, id";

    Optional<Assignment> find(Connection c, String competitionId, String camperId) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM wrapup_assignment WHERE competition_id = ? AND camper_id = ?", WrapupRepository::read,
                competitionId, camperId);
    }

    Optional<Assignment> find(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM wrapup_assignment WHERE id = ?", WrapupRepository::read, id);
    }

    /** Every assignment of the competition, open ones first. */
    List<Assignment> ofCompetition(Connection c, String competitionId) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM wrapup_assignment WHERE competition_id = ?" + ORDER, WrapupRepository::read,
                competitionId);
    }

    /** The mentor's assignments of the competition, open ones first. */
    List<Assignment> ofMentor(Connection c, String competitionId, String mentorId) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM wrapup_assignment WHERE competition_id = ? AND mentor_id = ?" + ORDER,
                WrapupRepository::read, competitionId, mentorId);
    }

    /** The competition's reviews not marked done, by mentor then team. */
    List<Assignment> open(Connection c, String competitionId) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM wrapup_assignment WHERE competition_id = ? AND reviewed_at IS NULL"
                + " ORDER BY mentor_id, team_id, id", WrapupRepository::read, competitionId);
    }

    /** Stores an assignment unless the camper has one for the competition already; true when stored. */
    boolean insert(Connection c, String competitionId, String camperId, String mentorId, Long teamId, String by, Instant at)
            throws SQLException {
        return Jdbc.insertOnce(c, "SELECT 1 FROM wrapup_assignment WHERE competition_id = ? AND camper_id = ?",
                "INSERT INTO wrapup_assignment (competition_id, camper_id, mentor_id, team_id, assigned_by, assigned_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", competitionId, camperId, mentorId, teamId, by, at);
    }

    void submit(Connection c, long id, String link, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE wrapup_assignment SET report_link = ?, submitted_at = ? WHERE id = ?", link, at, id);
    }

    /** Marks the review done unless it was; true when this call marked it. */
    boolean review(Connection c, long id, String by, Instant at) throws SQLException {
        return Jdbc.updateOne(c, "UPDATE wrapup_assignment SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND reviewed_at IS NULL",
                at, by, id);
    }

    private static Assignment read(ResultSet rs) throws SQLException {
        long team = rs.getLong("team_id");
        Long teamId = rs.wasNull() ? null : team;
        return new Assignment(rs.getLong("id"), rs.getString("competition_id"), rs.getString("camper_id"),
                rs.getString("mentor_id"), teamId, rs.getString("report_link"), Jdbc.getInstant(rs, "submitted_at"),
                Jdbc.getInstant(rs, "reviewed_at"), rs.getString("reviewed_by"), Jdbc.getInstant(rs, "assigned_at"));
    }
}
