package org.campops.teams;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.store.Jdbc;

/** JDBC access to teams and their members (caller's transaction). */
final class TeamRepository {

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    long insert(Connection c, String name, String mentorId, String channelId, String by, Instant at) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO team (name, name_key, mentor_id, channel_id, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", name, key(name), mentorId, channelId, by, at);
    }

    Optional<Team> find(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM team WHERE id = ?", rs -> read(c, rs), id);
    }

    Optional<Team> findByName(Connection c, String name) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM team WHERE name_key = ?", rs -> read(c, rs), key(name));
    }

    List<Team> all(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM team ORDER BY name_key", rs -> read(c, rs));
    }

    List<Team> ofMentor(Connection c, String mentorId) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM team WHERE mentor_id = ? ORDER BY name_key", rs -> read(c, rs), mentorId);
    }

    /** The teams whose channel is {@code channelId} (usually one). */
    List<Team> withChannel(Connection c, String channelId) throws SQLException {
        return Jdbc.list(c, "SELECT * FROM team WHERE channel_id = ? ORDER BY id", rs -> read(c, rs), channelId);
    }

    Optional<Team> ofMember(Connection c, String userId) throws SQLException {
        return Jdbc.one(c, "SELECT t.* FROM team t JOIN team_member m ON m.team_id = t.id WHERE m.user_id = ?",
                rs -> read(c, rs), userId);
    }

    void addMember(Connection c, long teamId, String userId, Instant at) throws SQLException {
        Jdbc.update(c, "INSERT INTO team_member (team_id, user_id, added_at) VALUES (?, ?, ?)", teamId, userId, at);
    }

    boolean removeMember(Connection c, long teamId, String userId) throws SQLException {
        return Jdbc.update(c, "DELETE FROM team_member WHERE team_id = ? AND user_id = ?", teamId, userId) == 1;
    }

    void setChannel(Connection c, long teamId, String channelId) throws SQLException {
        Jdbc.update(c, "UPDATE team SET channel_id = ? WHERE id = ?", channelId, teamId);
    }

    void setMentor(Connection c, long teamId, String mentorId) throws SQLException {
        Jdbc.update(c, "UPDATE team SET mentor_id = ?, mentor_left_at = NULL WHERE id = ?", mentorId, teamId);
    }

    /** Marks the teams {@code mentorId} mentors as left by their mentor; returns those not marked before. */
    List<Team> markMentorLeft(Connection c, String mentorId, Instant at) throws SQLException {
        List<Team> teams = Jdbc.list(c, "SELECT * FROM team WHERE mentor_id = ? AND mentor_left_at IS NULL ORDER BY name_key",
                rs -> read(c, rs), mentorId);
        List<Team> marked = new java.util.ArrayList<>();
        for (Team t : teams) {
            if (Jdbc.update(c, "UPDATE team SET mentor_left_at = ? WHERE id = ? AND mentor_left_at IS NULL", at, t.id()) == 1) {
                marked.add(t);
            }
        }
        return marked;
    }

    /** Whether the team's mentor left the server (and no other mentor was given since). */
    boolean mentorLeft(Connection c, long teamId) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM team WHERE id = ? AND mentor_left_at IS NOT NULL", rs -> true, teamId).isPresent();
    }

    private Team read(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<String> members = Jdbc.list(c, "SELECT user_id FROM team_member WHERE team_id = ? ORDER BY added_at, user_id",
                r -> r.getString(1), id);
        return new Team(id, rs.getString("name"), rs.getString("mentor_id"), rs.getString("channel_id"),
                rs.getString("created_by"), Jdbc.getInstant(rs, "created_at"), members);
    }
}
