package org.campops.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;
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
        return db.inTransaction(OutboxRepository::resumeAll);
    }

    /**
     * Makes every row left SENDING by another dispatcher (its lease owner not starting with {@code ownPrefix}) due
     * again at {@code now}, instead of when its lease ends. Returns how many.
     */
    int resumeOthers(String ownPrefix, Instant now) {
        return db.inTransaction(c -> OutboxRepository.resumeOthers(c, ownPrefix, now));
    }

    /** The ids of the rows due at {@code now} (first 500), by target, each target's in order. */
    Map<String, List<Long>> due(Instant now) {
        return db.inTransaction(c -> OutboxRepository.due(c, now));
    }

    List<Delivery> claim(List<Long> ids, String token, Instant now, Instant leaseEnd) {
        return db.inTransaction(c -> {
            for (int from = 0; from < ids.size(); from += 100) {
                OutboxRepository.claim(c, ids.subList(from, Math.min(ids.size(), from + 100)), token, now, leaseEnd);
            }
            return OutboxRepository.leasedTo(c, token);
        });
    }

    boolean markSent(Delivery d, String token, @Nullable String result, Instant now) {
        Optional<Outbox.SentHandler> handler = outbox.handler(d.onSent());
        boolean mine = db.inTransaction(c -> {
            boolean updated = OutboxRepository.markSent(c, d.id(), token, result, now);
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
    void failedAttempt(Delivery d, String token, @Nullable String error, boolean permanent, Instant now) {
        if (permanent) {
            fail(d, token, error);
            return;
        }
        Optional<Instant> next = backoff.next(d.attempts(), now);
        if (next.isEmpty()) {
            fail(d, token, "gave up after " + d.attempts() + " attempts: " + error);
            return;
        }
        LOG.info(
                "delivery {} failed (attempt {}), retrying in {} ms: {}",
                d.key(),
                d.attempts(),
                Duration.between(now, next.get()).toMillis(),
                error);
        retryAt(d, token, next.get(), error);
    }

    /** PENDING again, due at {@code next}, with the error that made it so; the observer hears of the retry. */
    private void retryAt(Delivery d, String token, Instant next, @Nullable String error) {
        db.inTransaction(c -> OutboxRepository.retryAt(c, d.id(), token, next, clip(error)));
        tell(d.payload().kind(), DeliveryObserver.Result.RETRIED);
    }

    /** Gives a row back untouched, its attempt not counted (shutdown while it waited for its turn). */
    void release(Delivery d, String token, String why) {
        db.inTransaction(c -> OutboxRepository.release(c, d.id(), token, why));
    }

    /**
     * FAILED for good with the reason; the row's handler hears of it in that transaction, then the observer. False
     * when its lease was lost.
     */
    private boolean fail(Delivery d, String token, @Nullable String error) {
        LOG.warn("delivery {} failed for good: {}", d.key(), error);
        Optional<Outbox.SentHandler> handler = outbox.handler(d.onSent());
        boolean mine = db.inTransaction(c -> {
            boolean updated = OutboxRepository.markFailed(c, d.id(), token, clip(error));
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
        return db.inTransaction(c -> OutboxRepository.dueOrInFlight(c, now));
    }

    /** Rows not sent yet, due or not. */
    int unsent() {
        Map<Delivery.Status, Integer> counts = outbox.counts();
        return counts.getOrDefault(Delivery.Status.PENDING, 0) + counts.getOrDefault(Delivery.Status.SENDING, 0);
    }

    private static @Nullable String clip(@Nullable String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 499) + "…" : s;
    }
}
