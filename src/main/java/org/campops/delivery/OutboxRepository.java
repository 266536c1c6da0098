package org.campops.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;
import org.jspecify.annotations.Nullable;

/** The {@code outbox} and {@code dm_channel} tables (caller's transaction): the delivery package's only SQL. */
final class OutboxRepository {
    /** What {@link Retention} reads of a finished row whose content is due to go. */
    record Finished(long id, String kind, String payload) {}

    private OutboxRepository() {}

    static boolean insert(
            Handle c,
            String key,
            Payload payload,
            String target,
            String json,
            @Nullable String onSent,
            Instant due,
            Instant now) {
        return Rows.insertOnce(
                c,
                "SELECT 1 FROM outbox WHERE delivery_key = ?",
                "INSERT INTO outbox (delivery_key, kind, target, payload, on_sent, status, attempts, due_at, next_attempt_at,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)",
                key,
                payload.kind().name(),
                target,
                json,
                onSent,
                due,
                now,
                now);
    }

    static Optional<Delivery> find(Handle c, String key) {
        return c.select("SELECT * FROM outbox WHERE delivery_key = ?", key)
                .map(OutboxRepository::read)
                .findFirst();
    }

    static Optional<String> laterAccessChange(Handle c, long id, String target, String payloadPattern) {
        return c.select(
                        "SELECT delivery_key FROM outbox WHERE id > ? AND kind = ? AND target = ? AND payload LIKE ?"
                                + " ESCAPE '\\' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                        id,
                        Payload.Kind.ACCESS.name(),
                        target,
                        payloadPattern)
                .mapTo(String.class)
                .findFirst();
    }

    static boolean anyLike(Handle c, String pattern) {
        return c.select("SELECT 1 FROM outbox WHERE delivery_key LIKE ? FETCH FIRST 1 ROWS ONLY", pattern)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
    }

    static int depth(Handle c) {
        return c.select("SELECT COUNT(*) FROM outbox WHERE status IN ('PENDING', 'SENDING')")
                .mapTo(Integer.class)
                .one();
    }

    static Map<Delivery.Status, Integer> counts(Handle c) {
        Map<Delivery.Status, Integer> out = new java.util.EnumMap<>(Delivery.Status.class);
        for (Delivery.Status s : Delivery.Status.values()) {
            out.put(s, 0);
        }
        c.select("SELECT status, COUNT(*) FROM outbox GROUP BY status")
                .map(r ->
                        Map.entry(Delivery.Status.valueOf(r.getColumn(1, String.class)), r.getColumn(2, Integer.class)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static List<Delivery> failures(Handle c, int limit) {
        return c.select("SELECT * FROM outbox WHERE status = 'FAILED' ORDER BY id DESC FETCH FIRST " + limit
                        + " ROWS ONLY")
                .map(OutboxRepository::read)
                .list();
    }

    static void failureSeen(Handle c, long id, Instant now) {
        c.execute(
                "UPDATE outbox SET failure_seen_at = ? WHERE id = ? AND status = 'FAILED' AND failure_seen_at IS NULL",
                now,
                id);
    }

    static List<Delivery> unsent(Handle c, int limit) {
        return c.select("SELECT * FROM outbox WHERE status IN ('PENDING', 'SENDING') ORDER BY id FETCH FIRST " + limit
                        + " ROWS ONLY")
                .map(OutboxRepository::read)
                .list();
    }

    // Leases: claiming due rows and recording their outcome.

    static int resumeAll(Handle c) {
        return c.execute(
                "UPDATE outbox SET status = 'PENDING', lease_owner = NULL, lease_until = NULL WHERE status = 'SENDING'");
    }

    static int resumeOthers(Handle c, String ownPrefix, Instant now) {
        return c.execute(
                "UPDATE outbox SET status = 'PENDING', lease_owner = NULL, lease_until = NULL, next_attempt_at = ?"
                        + " WHERE status = 'SENDING' AND (lease_owner IS NULL OR lease_owner NOT LIKE ?)",
                now,
                ownPrefix + "%");
    }

    /**
     * Ids of rows due at {@code now} (or whose lease ended), by target ({@link Delivery#target()}), oldest first, at
     * most 500.
     */
    static Map<String, List<Long>> due(Handle c, Instant now) {
        Map<String, List<Long>> byTarget = new LinkedHashMap<>();
        c.select(
                        "SELECT id, target, kind, delivery_key FROM outbox WHERE (status = 'PENDING' AND next_attempt_at"
                                + " <= ?) OR (status = 'SENDING' AND lease_until < ?) ORDER BY id FETCH FIRST 500 ROWS"
                                + " ONLY",
                        now,
                        now)
                .map(r -> Map.entry(
                        Delivery.target(
                                r.getColumn(3, String.class),
                                r.getColumn(2, String.class),
                                r.getColumn(4, String.class)),
                        r.getColumn(1, Long.class)))
                .forEach(e -> byTarget.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        return byTarget;
    }

    /** Leases the rows of {@code ids} (at most a few hundred) that are still due to {@code token}. */
    static void claim(Handle c, List<Long> ids, String token, Instant now, Instant leaseEnd) {
        List<Object> args = new ArrayList<>(List.of(token, leaseEnd));
        args.addAll(ids);
        args.add(now);
        args.add(now);
        c.execute(
                "UPDATE outbox SET status = 'SENDING', lease_owner = ?, lease_until = ?, attempts = attempts + 1"
                        + " WHERE id IN (" + String.join(",", Collections.nCopies(ids.size(), "?"))
                        + ") AND ((status = 'PENDING'"
                        + " AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?))",
                args.toArray());
    }

    static List<Delivery> leasedTo(Handle c, String token) {
        return c.select("SELECT * FROM outbox WHERE lease_owner = ? AND status = 'SENDING' ORDER BY id", token)
                .map(OutboxRepository::read)
                .list();
    }

    static boolean markSent(Handle c, long id, String token, @Nullable String result, Instant now) {
        return c.execute(
                        "UPDATE outbox SET status = 'SENT', result = ?, sent_at = ?, last_error = NULL,"
                                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        result,
                        now,
                        id,
                        token)
                == 1;
    }

    static boolean retryAt(Handle c, long id, String token, Instant next, @Nullable String error) {
        return c.execute(
                        "UPDATE outbox SET status = 'PENDING', next_attempt_at = ?, last_error = ?,"
                                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        next,
                        error,
                        id,
                        token)
                == 1;
    }

    static boolean release(Handle c, long id, String token, String why) {
        return c.execute(
                        "UPDATE outbox SET status = 'PENDING', attempts = attempts - 1, last_error = ?,"
                                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        why,
                        id,
                        token)
                == 1;
    }

    static boolean markFailed(Handle c, long id, String token, @Nullable String error) {
        return c.execute(
                        "UPDATE outbox SET status = 'FAILED', last_error = ?, lease_owner = NULL,"
                                + " lease_until = NULL WHERE id = ? AND lease_owner = ?",
                        error,
                        id,
                        token)
                == 1;
    }

    static int dueOrInFlight(Handle c, Instant now) {
        return c.select(
                        "SELECT COUNT(*) FROM outbox WHERE (status = 'PENDING' AND next_attempt_at <= ?)"
                                + " OR status = 'SENDING'",
                        now)
                .mapTo(Integer.class)
                .one();
    }

    // Retention: finished rows whose content is cleared.

    static List<Finished> finishedBefore(Handle c, Instant cutoff, int batch) {
        return c.select(
                        "SELECT id, kind, payload FROM outbox WHERE payload_cleared_at IS NULL"
                                + " AND ((status = 'SENT' AND sent_at < ?) OR (status = 'FAILED' AND failure_seen_at < ?))"
                                + " ORDER BY id FETCH FIRST " + batch + " ROWS ONLY",
                        cutoff,
                        cutoff)
                .map(r -> new Finished(
                        r.getColumn(1, Long.class), r.getColumn(2, String.class), r.getColumn(3, String.class)))
                .list();
    }

    static int clear(Handle c, long id, String payload, Instant now) {
        return c.execute(
                "UPDATE outbox SET payload = ?, payload_cleared_at = ? WHERE id = ? AND payload_cleared_at IS NULL",
                payload,
                now,
                id);
    }

    // DM channels.

    static Optional<String> dmChannel(Handle c, String userId) {
        return c.select("SELECT channel_id FROM dm_channel WHERE user_id = ?", userId)
                .mapTo(String.class)
                .findFirst();
    }

    static void putDmChannel(Handle c, String userId, String channelId, Instant at) {
        c.execute("DELETE FROM dm_channel WHERE user_id = ?", userId);
        c.execute("INSERT INTO dm_channel (user_id, channel_id, created_at) VALUES (?, ?, ?)", userId, channelId, at);
    }

    static int forgetDmChannel(Handle c, String userId) {
        return c.execute("DELETE FROM dm_channel WHERE user_id = ?", userId);
    }

    private static Delivery read(RowView r) {
        return new Delivery(
                r.getColumn("id", Long.class),
                r.getColumn("delivery_key", String.class),
                Outbox.fromJson(r.getColumn("payload", String.class)),
                r.getColumn("on_sent", String.class),
                Delivery.Status.valueOf(r.getColumn("status", String.class)),
                r.getColumn("attempts", Integer.class),
                r.getColumn("due_at", Instant.class),
                r.getColumn("next_attempt_at", Instant.class),
                r.getColumn("last_error", String.class),
                r.getColumn("result", String.class),
                r.getColumn("created_at", Instant.class),
                r.getColumn("sent_at", Instant.class));
    }
}
