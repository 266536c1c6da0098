package org.campops.delivery;

import java.time.Instant;
import java.util.List;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;

/** The {@code dm_channel_wanted} table (caller's transaction): members whose DM channel is opened ahead of need. */
final class DmWishRepository {
    private DmWishRepository() {}

    /** Wants {@code userId}'s DM channel from {@code from} on, unless it is known or wanted already. */
    static boolean want(Handle c, String userId, Instant from, Instant now) {
        boolean known = c.select("SELECT 1 FROM dm_channel WHERE user_id = ?", userId)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
        return !known
                && Rows.insertOnce(
                        c,
                        "SELECT 1 FROM dm_channel_wanted WHERE user_id = ?",
                        "INSERT INTO dm_channel_wanted (user_id, attempts, next_attempt_at, created_at)"
                                + " VALUES (?, 0, ?, ?)",
                        userId,
                        from,
                        now);
    }

    /** A wanted member and how often opening their channel failed so far. */
    record Wish(String userId, int attempts) {}

    /** The wishes due by {@code now}, oldest first. */
    static List<Wish> due(Handle c, Instant now, int limit) {
        return c.select(
                        "SELECT user_id, attempts FROM dm_channel_wanted WHERE next_attempt_at <= ?"
                                + " ORDER BY next_attempt_at, user_id LIMIT ?",
                        now,
                        limit)
                .map((rs, ctx) -> new Wish(rs.getString(1), rs.getInt(2)))
                .list();
    }

    /** The channel is known (opened, ahead of need or by a send) or no longer wanted. */
    static int done(Handle c, String userId) {
        return c.execute("DELETE FROM dm_channel_wanted WHERE user_id = ?", userId);
    }

    /** Opening failed for a reason a later try may not meet: tried again at {@code next}. */
    static int later(Handle c, String userId, Instant next) {
        return c.execute(
                "UPDATE dm_channel_wanted SET attempts = attempts + 1, next_attempt_at = ? WHERE user_id = ?",
                next,
                userId);
    }

    /** When the next wish comes due, if any wait. */
    static java.util.Optional<Instant> nextDue(Handle c) {
        return c.select("SELECT MIN(next_attempt_at) FROM dm_channel_wanted")
                .mapTo(Instant.class)
                .findFirst();
    }

    /** How many wishes wait (all of them, due or not). */
    static int count(Handle c) {
        return c.select("SELECT COUNT(*) FROM dm_channel_wanted")
                .mapTo(Integer.class)
                .one();
    }
}
