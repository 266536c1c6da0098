package org.campops.teams;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;
import org.jspecify.annotations.Nullable;

/** Teams and their members (caller's transaction). */
final class TeamRepository {

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    long insert(Handle c, String name, @Nullable String mentorId, @Nullable String channelId, String by, Instant at)
            throws SQLException {
        return Rows.insert(
                c,
                "INSERT INTO team (name, name_key, mentor_id, channel_id, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                name,
                key(name),
                mentorId,
                channelId,
                by,
                at);
    }

    Optional<Team> find(Handle c, long id) throws SQLException {
        return c.select("SELECT * FROM team WHERE id = ?", id)
                .map(r -> read(c, r))
                .findFirst();
    }

    Optional<Team> findByName(Handle c, String name) throws SQLException {
        return c.select("SELECT * FROM team WHERE name_key = ?", key(name))
                .map(r -> read(c, r))
                .findFirst();
    }

    List<Team> all(Handle c) throws SQLException {
        return c.select("SELECT * FROM team ORDER BY name_key")
                .map(r -> read(c, r))
                .list();
    }

    List<Team> ofMentor(Handle c, String mentorId) throws SQLException {
        return c.select("SELECT * FROM team WHERE mentor_id = ? ORDER BY name_key", mentorId)
                .map(r -> read(c, r))
                .list();
    }

    /** The teams whose channel is {@code channelId} (usually one). */
    List<Team> withChannel(Handle c, String channelId) throws SQLException {
        return c.select("SELECT * FROM team WHERE channel_id = ? ORDER BY id", channelId)
                .map(r -> read(c, r))
                .list();
    }

    Optional<Team> ofMember(Handle c, String userId) throws SQLException {
        return c.select("SELECT t.* FROM team t JOIN team_member m ON m.team_id = t.id WHERE m.user_id = ?", userId)
                .map(r -> read(c, r))
                .findFirst();
    }

    void addMember(Handle c, long teamId, String userId, Instant at) throws SQLException {
        c.execute("INSERT INTO team_member (team_id, user_id, added_at) VALUES (?, ?, ?)", teamId, userId, at);
    }

    boolean removeMember(Handle c, long teamId, String userId) throws SQLException {
        return c.execute("DELETE FROM team_member WHERE team_id = ? AND user_id = ?", teamId, userId) == 1;
    }

    void setChannel(Handle c, long teamId, String channelId) throws SQLException {
        c.execute("UPDATE team SET channel_id = ? WHERE id = ?", channelId, teamId);
    }

    void setMentor(Handle c, long teamId, String mentorId) throws SQLException {
        c.execute("UPDATE team SET mentor_id = ?, mentor_left_at = NULL WHERE id = ?", mentorId, teamId);
    }

    /** Marks the teams {@code mentorId} mentors as left by their mentor; returns those not marked before. */
    List<Team> markMentorLeft(Handle c, String mentorId, Instant at) throws SQLException {
        List<Team> teams = c.select(
                        "SELECT * FROM team WHERE mentor_id = ? AND mentor_left_at IS NULL ORDER BY name_key", mentorId)
                .map(r -> read(c, r))
                .list();
        List<Team> marked = new java.util.ArrayList<>();
        for (Team t : teams) {
            if (c.execute("UPDATE team SET mentor_left_at = ? WHERE id = ? AND mentor_left_at IS NULL", at, t.id())
                    == 1) {
                marked.add(t);
            }
        }
        return marked;
    }

    /** Whether the team's mentor left the server (and no other mentor was given since). */
    boolean mentorLeft(Handle c, long teamId) throws SQLException {
        return c.select("SELECT 1 FROM team WHERE id = ? AND mentor_left_at IS NOT NULL", teamId)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
    }

    private Team read(Handle c, RowView r) {
        long id = r.getColumn("id", Long.class);
        List<String> members = c.select(
                        "SELECT user_id FROM team_member WHERE team_id = ? ORDER BY added_at, user_id", id)
                .mapTo(String.class)
                .list();
        return new Team(
                id,
                r.getColumn("name", String.class),
                r.getColumn("mentor_id", String.class),
                r.getColumn("channel_id", String.class),
                r.getColumn("created_by", String.class),
                r.getColumn("created_at", Instant.class),
                members);
    }
}
