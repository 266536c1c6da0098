package org.campops.delivery;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.store.Database;
import org.campops.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox rows as a dispatcher moves them: due rows are claimed with a lease (SENDING, a claim
 * token, a lease end), and a claimed row's outcome (sent, to retry, released, failed) is recorded
 * only while that claim still holds it, with the row's named handler in the same transaction. A row
 * whose lease ran out (a dead process or instance) is due again. After a failed attempt the row is due again
 * when {@link Backoff} says, or failed for good once its attempts ran out. The {@link DeliveryObserver} hears of
 * every row sent, put back for a retry or failed for good.
 */
final class Leases {
    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final Database db;
    private final Outbox outbox;
    private final Backoff backoff;
    private volatile DeliveryObserver observer = DeliveryObserver.NONE;

    Leases(Database db, Outbox outbox, Backoff backoff) {
        this.db = db;
        this.outbox = outbox;
        this.backoff = backoff;
    }

    /** Tells {@code o} about every row sent, retried or failed for good (metrics). */
    void observe(DeliveryObserver o) {
        observer = o == null ? DeliveryObserver.NONE : o;
    }

    private void tell(Payload.Kind kind, DeliveryObserver.Result result) {
        try {
            observer.delivered(kind, result);
        } catch (RuntimeException e) {
            LOG.warn("delivery observer failed: {}", e.toString());
        }
    }

    /** Gives every row left SENDING back (one process per H2 file: they are this process's own). */
    int resumeAll() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbox SET status = 'PENDING', lease_owner = NULL, lease_until = NULL WHERE status = 'SENDING'")) {
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Makes every row left SENDING by another dispatcher (its lease owner not starting with {@code ownPrefix}) due
     * again at {@code now}, instead of when its lease ends. Returns how many.
     */
    int resumeOthers(String ownPrefix, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'PENDING', lease_owner = NULL,"
                    + " lease_until = NULL, next_attempt_at = ? WHERE status = 'SENDING'"
                    + " AND (lease_owner IS NULL OR lease_owner NOT LIKE ?)")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, ownPrefix + "%");
                return ps.executeUpdate();
            }
        });
    }

    /** The ids of the rows due at {@code now} (first 500), by target, each target's in order. */
    Map<String, List<Long>> due(Instant now) {
        Map<String, List<Long>> byTarget = new LinkedHashMap<>();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, target FROM outbox WHERE (status = 'PENDING' AND next_attempt_at <= ?)"
                            + " OR (status = 'SENDING' AND lease_until < ?) ORDER BY id FETCH FIRST 500 ROWS ONLY")) {
                Jdbc.setInstant(ps, 1, now);
                Jdbc.setInstant(ps, 2, now);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byTarget.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(1));
                    }
                }
            }
            return null;
        });
        return byTarget;
    }

    /**
     * Claims those of {@code ids} that are still due under {@code token} until {@code leaseEnd} (another
     * instance may have taken some meanwhile) and returns them, in order; each claim counts an attempt.
     */
    List<Delivery> claim(List<Long> ids, String token, Instant now, Instant leaseEnd) {
        return db.inTransaction(c -> {
            for (int from = 0; from < ids.size(); from += 100) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
                String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'SENDING', lease_owner = ?,"
                        + " lease_until = ?, attempts = attempts + 1 WHERE id IN (" + in + ") AND ((status = 'PENDING'"
                        + " AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?))")) {
                    int i = 1;
                    ps.setString(i++, token);
                    Jdbc.setInstant(ps, i++, leaseEnd);
                    for (Long id : chunk) {
                        ps.setLong(i++, id);
                    }
                    Jdbc.setInstant(ps, i++, now);
                    Jdbc.setInstant(ps, i, now);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM outbox WHERE lease_owner = ? AND status = 'SENDING' ORDER BY id")) {
                ps.setString(1, token);
                return Outbox.read(ps);
            }
        });
    }

    /**
     * Records the row SENT with Discord's {@code result}: the row's handler runs in that transaction, then its
     * after-step, and the observer hears of it. False when its lease was lost (another instance had taken it over).
     */
    boolean markSent(Delivery d, String token, String result, Instant now) {
        Optional<Outbox.SentHandler> handler = outbox.handler(d.onSent());
        boolean mine = db.inTransaction(c -> {
            boolean updated = Jdbc.updateOne(c, "UPDATE outbox SET status = 'SENT', result = ?, sent_at = ?, last_error = NULL,"
                    + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", result, now, d.id(), token);
            if (updated && handler.isPresent()) {
                handler.get().onSent(c, Outbox.ref(d.onSent()), d, result);
            }
            return updated;
        });
        if (mine && handler.isPresent()) {
            try {
                handler.get().afterSent(Outbox.ref(d.onSent()), d, result);
            } catch (RuntimeException e) {
                LOG.warn("after delivery {}: {}", d.key(), e.toString());
            }
        }
        if (mine) {
            tell(d.payload().kind(), DeliveryObserver.Result.SENT);
        }
        return mine;
    }

    /**
     * After a failed attempt: FAILED for good when the failure is {@code permanent} or the attempts ran out;
     * otherwise (5xx, 429, network, or sent but not recorded) PENDING again when {@link Backoff} says.
     */
    void failedAttempt(Delivery d, String token, String error, boolean permanent, Instant now) {
        if (permanent) {
            fail(d, token, error);
            return;
        }
        Optional<Instant> next = backoff.next(d.attempts(), now);
        if (next.isEmpty()) {
            fail(d, token, "gave up after " + d.attempts() + " attempts: " + error);
            return;
        }
        LOG.info("delivery {} failed (attempt {}), retrying in {} ms: {}", d.key(), d.attempts(),
                Duration.between(now, next.get()).toMillis(), error);
        retryAt(d, token, next.get(), error);
    }

    /** PENDING again, due at {@code next}, with the error that made it so; the observer hears of the retry. */
    private void retryAt(Delivery d, String token, Instant next, String error) {
        db.inTransaction(c -> Jdbc.updateOne(c, "UPDATE outbox SET status = 'PENDING', next_attempt_at = ?, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", next, clip(error), d.id(), token));
        tell(d.payload().kind(), DeliveryObserver.Result.RETRIED);
    }

    /** Gives a row back untouched, its attempt not counted (shutdown while it waited for its turn). */
    void release(Delivery d, String token, String why) {
        db.inTransaction(c -> Jdbc.updateOne(c, "UPDATE outbox SET status = 'PENDING', attempts = attempts - 1, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", why, d.id(), token));
    }

    /**
     * FAILED for good with the reason; the row's handler hears of it in that transaction, then the observer. False
     * when its lease was lost.
     */
    private boolean fail(Delivery d, String token, String error) {
        LOG.warn("delivery {} failed for good: {}", d.key(), error);
        Optional<Outbox.SentHandler> handler = outbox.handler(d.onSent());
        boolean mine = db.inTransaction(c -> {
            boolean updated = Jdbc.updateOne(c, "UPDATE outbox SET status = 'FAILED', last_error = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND lease_owner = ?", clip(error), d.id(), token);
            if (updated && handler.isPresent()) {
                handler.get().onFailed(c, Outbox.ref(d.onSent()), d, error);
            }
            return updated;
        });
        if (mine) {
            tell(d.payload().kind(), DeliveryObserver.Result.FAILED);
        }
        return mine;
    }

    /** Rows due at {@code now} or in flight (held by any dispatcher). */
    int dueOrInFlight(Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE (status = 'PENDING'"
                    + " AND next_attempt_at <= ?) OR status = 'SENDING'")) {
                Jdbc.setInstant(ps, 1, now);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Rows not sent yet, due or not. */
    int unsent() {
        Map<Delivery.Status, Integer> counts = outbox.counts();
        return counts.get(Delivery.Status.PENDING) + counts.get(Delivery.Status.SENDING);
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 499) + "…" : s;
    }
}
