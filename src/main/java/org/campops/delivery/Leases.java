package org.campops.delivery;

import java.sql.PreparedStatement;
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
 * whose lease ran out (a dead process or instance) is due again.
 */
final class Leases {
    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final Database db;
    private final Outbox outbox;

    Leases(Database db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
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

    /** SENT with Discord's {@code result}; the row's handler runs in that transaction, then its after-step. */
    /** Records the row SENT; false when its lease was lost (another instance had taken it over). */
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
        return mine;
    }

    /** PENDING again, due at {@code next}, with the error that made it so. */
    void retryAt(Delivery d, String token, Instant next, String error) {
        db.inTransaction(c -> Jdbc.updateOne(c, "UPDATE outbox SET status = 'PENDING', next_attempt_at = ?, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", next, clip(error), d.id(), token));
    }

    /** Gives a row back untouched, its attempt not counted (shutdown while it waited for its turn). */
    void release(Delivery d, String token, String why) {
        db.inTransaction(c -> Jdbc.updateOne(c, "UPDATE outbox SET status = 'PENDING', attempts = attempts - 1, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", why, d.id(), token));
    }

    /** FAILED for good with the reason; the row's handler hears of it in that transaction. */
    boolean fail(Delivery d, String token, String error) {
        Optional<Outbox.SentHandler> handler = outbox.handler(d.onSent());
        return db.inTransaction(c -> {
            boolean updated = Jdbc.updateOne(c, "UPDATE outbox SET status = 'FAILED', last_error = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND lease_owner = ?", clip(error), d.id(), token);
            if (updated && handler.isPresent()) {
                handler.get().onFailed(c, Outbox.ref(d.onSent()), d, error);
            }
            return updated;
        });
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
