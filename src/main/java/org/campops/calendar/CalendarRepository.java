package org.campops.calendar;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;

/** The {@code calendar_feed} table: one row per member with the hash of their feed's token. */
final class CalendarRepository {

    /** A member's feed as stored (never the token itself). */
    record Feed(String userId, String tokenHash, String locale, Instant createdAt, Instant fetchedAt) {}

    Optional<Feed> ofMember(Handle c, String userId) throws SQLException {
        return c.select("SELECT * FROM calendar_feed WHERE user_id = ?", userId)
                .map(CalendarRepository::read)
                .findFirst();
    }

    Optional<Feed> byTokenHash(Handle c, String tokenHash) throws SQLException {
        return c.select("SELECT * FROM calendar_feed WHERE token_hash = ?", tokenHash)
                .map(CalendarRepository::read)
                .findFirst();
    }

    /** Stores a member's first feed; false when they already have one (a concurrent first call won). */
    boolean insert(Handle c, String userId, String tokenHash, String locale, Instant at) throws SQLException {
        return Rows.insertOnce(
                c,
                "SELECT 1 FROM calendar_feed WHERE user_id = ?",
                "INSERT INTO calendar_feed (user_id, token_hash, locale, created_at) VALUES (?, ?, ?, ?)",
                userId,
                tokenHash,
                locale,
                at);
    }

    /** Gives the member's feed a new token (the old one stops working at once). */
    void replace(Handle c, String userId, String tokenHash, String locale, Instant at) throws SQLException {
        if (c.execute(
                        "UPDATE calendar_feed SET token_hash = ?, locale = ?, created_at = ?, fetched_at = NULL"
                                + " WHERE user_id = ?",
                        tokenHash,
                        locale,
                        at,
                        userId)
                != 1) {
            insert(c, userId, tokenHash, locale, at);
        }
    }

    /** Deletes the member's feed (its URL answers 404 from now on); false when they had none. */
    boolean delete(Handle c, String userId) throws SQLException {
        return c.execute("DELETE FROM calendar_feed WHERE user_id = ?", userId) > 0;
    }

    void fetched(Handle c, String userId, Instant at) throws SQLException {
        c.execute("UPDATE calendar_feed SET fetched_at = ? WHERE user_id = ?", at, userId);
    }

    private static Feed read(RowView r) {
        return new Feed(
                r.getColumn("user_id", String.class),
                r.getColumn("token_hash", String.class),
                r.getColumn("locale", String.class),
                r.getColumn("created_at", Instant.class),
                r.getColumn("fetched_at", Instant.class));
    }
}
