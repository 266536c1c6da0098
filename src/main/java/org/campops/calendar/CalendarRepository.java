package org.campops.calendar;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.campops.store.Jdbc;

/** The {@code calendar_feed} table: one row per member with the hash of their feed's token. */
final class CalendarRepository {

    /** A member's feed as stored (never the token itself). */
    record Feed(String userId, String tokenHash, String locale, Instant createdAt, Instant fetchedAt) {
    }

    Optional<Feed> ofMember(Connection c, String userId) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM calendar_feed WHERE user_id = ?", CalendarRepository::read, userId);
    }

    Optional<Feed> byTokenHash(Connection c, String tokenHash) throws SQLException {
        return Jdbc.one(c, "SELECT * FROM calendar_feed WHERE token_hash = ?", CalendarRepository::read, tokenHash);
    }

    /** Stores a member's first feed; false when they already have one (a concurrent first call won). */
    boolean insert(Connection c, String userId, String tokenHash, String locale, Instant at) throws SQLException {
        return Jdbc.insertOnce(c, "SELECT 1 FROM calendar_feed WHERE user_id = ?",
                "INSERT INTO calendar_feed (user_id, token_hash, locale, created_at) VALUES (?, ?, ?, ?)",
                userId, tokenHash, locale, at);
    }

    /** Gives the member's feed a new token (the old one stops working at once). */
    void replace(Connection c, String userId, String tokenHash, String locale, Instant at) throws SQLException {
        if (!Jdbc.updateOne(c, "UPDATE calendar_feed SET token_hash = ?, locale = ?, created_at = ?, fetched_at = NULL"
                + " WHERE user_id = ?", tokenHash, locale, at, userId)) {
            insert(c, userId, tokenHash, locale, at);
        }
    }

    /** Deletes the member's feed (its URL answers 404 from now on); false when they had none. */
    boolean delete(Connection c, String userId) throws SQLException {
        return Jdbc.update(c, "DELETE FROM calendar_feed WHERE user_id = ?", userId) > 0;
    }

    void fetched(Connection c, String userId, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE calendar_feed SET fetched_at = ? WHERE user_id = ?", at, userId);
    }

    private static Feed read(java.sql.ResultSet rs) throws SQLException {
        return new Feed(rs.getString("user_id"), rs.getString("token_hash"), rs.getString("locale"),
                Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "fetched_at"));
    }
}
