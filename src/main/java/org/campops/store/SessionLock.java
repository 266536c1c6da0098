package org.campops.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock(key)}), held on a connection of its own
 * that stays open while it is held (never a pooled one: the pool would retire or share it). PostgreSQL releases the
 * lock when that session ends, whatever ends it: the process dies (its socket closes at once), the host dies or the
 * network fails (the server notices through TCP keepalives, set short on this session), the server restarts. The
 * holder learns it lost the lock from {@link #stillHeld()}, which fails within {@code timeout} when the server
 * cannot be reached (the driver's socket timeout). Its statements go through a JDBI {@link Handle} on that
 * connection.
 */
public final class SessionLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLock.class);
    /** How soon the server drops this session when its host stops answering: 5 s idle, then 3 probes 2 s apart. */
    private static final String[] KEEPALIVES = {
        "SET tcp_keepalives_idle = 5", "SET tcp_keepalives_interval = 2", "SET tcp_keepalives_count = 3"
    };

    private final Database db;
    private final long key;
    private final Duration timeout;
    private @Nullable Handle session;
    private boolean held;

    /** {@code timeout}: the longest a query on the lock's connection may wait for the server (whole seconds, at least 1). */
    public SessionLock(Database db, long key, Duration timeout) {
        if (db.vendor() != Database.Vendor.POSTGRESQL) {
            throw new IllegalArgumentException("advisory locks need PostgreSQL");
        }
        this.db = db;
        this.key = key;
        this.timeout = timeout.getSeconds() < 1 ? Duration.ofSeconds(1) : timeout;
    }

    /** Takes the lock if no session holds it; false when another does or the server cannot be reached. */
    public synchronized boolean tryAcquire() {
        if (held) {
            return stillHeld();
        }
        // The session kept from an earlier try may have ended meanwhile: then once more on a new one.
        for (int attempt = 0; attempt < 2; attempt++) {
            boolean reused = session != null;
            try {
                if (session == null) {
                    session = open();
                }
                held = session.createQuery("SELECT pg_try_advisory_lock(?)")
                        .bind(0, key)
                        .mapTo(Boolean.class)
                        .one();
                return held;
            } catch (SQLException | JdbiException e) {
                LOG.debug("could not try the lock: {}", e.toString());
                drop();
                if (!reused) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Asks the server whether this session still holds the lock; false (and the connection closed) when it does not
     * or cannot say within the timeout. A lost lock is never held again by this session: call {@link #tryAcquire}.
     */
    public synchronized boolean stillHeld() {
        if (!held) {
            return false;
        }
        // A bigint advisory lock shows in pg_locks as classid (high 32 bits), objid (low 32 bits), objsubid 1.
        try {
            long mine = Objects.requireNonNull(session, "held on it")
                    .createQuery("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                            + " AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = ?")
                    .bind(0, key)
                    .mapTo(Long.class)
                    .one();
            if (mine == 1) {
                return true;
            }
            LOG.warn("the lock {} is no longer held by this session", key);
        } catch (JdbiException e) {
            LOG.warn("the lock's database session is gone: {}", e.toString());
        }
        drop();
        return false;
    }

    /** A gateway holder as recorded: its instance id, and its process: host (null when unknown), pid, start time. */
    public record Holder(String instance, @Nullable String host, long pid, long startedMs) {}

    /**
     * What {@link #claim} found recorded: the holder before (null when none), whether it left the gateway in order
     * ({@link #leftInOrder}), and how long before this claim it claimed (by the server's clock; 0 when unknown).
     */
    public record Previous(@Nullable Holder holder, boolean leftInOrder, Duration claimedBefore) {}

    /**
     * Just after {@link #tryAcquire}: records {@code me} as the gateway's holder (table {@code gateway_holder}, on the
     * lock's own session) and returns what was recorded before. Throws when it cannot write.
     */
    public synchronized Previous claim(Holder me) {
        Handle h = Objects.requireNonNull(held ? session : null, "call after tryAcquire");
        Previous before = h.createQuery("SELECT instance, host, pid, started_ms, left_in_order,"
                        + " (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT - claimed_ms AS ago"
                        + " FROM gateway_holder WHERE id = 1")
                .map((rs, ctx) -> {
                    Holder was = new Holder(
                            rs.getString("instance"),
                            rs.getString("host"),
                            rs.getLong("pid"),
                            rs.getLong("started_ms"));
                    long ms = rs.getLong("ago");
                    Duration ago = rs.wasNull() ? Duration.ZERO : Duration.ofMillis(Math.max(0, ms));
                    return new Previous(was, rs.getBoolean("left_in_order"), ago);
                })
                .findOne()
                .orElse(new Previous(null, false, Duration.ZERO));
        String now = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT";
        int updated = h.createUpdate("UPDATE gateway_holder SET instance = :instance, host = :host, pid = :pid,"
                        + " started_ms = :startedMs, claimed_ms = " + now + ", left_in_order = FALSE, changed_at ="
                        + " CURRENT_TIMESTAMP WHERE id = 1")
                .bindMethods(me)
                .execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO gateway_holder (id, instance, host, pid, started_ms, claimed_ms, left_in_order,"
                            + " changed_at) VALUES (1, :instance, :host, :pid, :startedMs, " + now + ", FALSE,"
                            + " CURRENT_TIMESTAMP)")
                    .bindMethods(me)
                    .execute();
        }
        return before;
    }

    /**
     * Before {@link #release}, once {@code instance} has left the gateway in order: the next holder may connect at once.
     * Written on the lock's session while it is held, and only over this instance's own claim, so a holder that lost
     * its session, or was followed by another, never writes it.
     */
    public synchronized void leftInOrder(String instance) {
        if (!held || session == null) {
            return;
        }
        try {
            session.createUpdate("UPDATE gateway_holder SET left_in_order = TRUE, changed_at = CURRENT_TIMESTAMP"
                            + " WHERE id = 1 AND instance = ?")
                    .bind(0, instance)
                    .execute();
        } catch (JdbiException e) {
            LOG.debug("could not record the orderly leave (the next holder waits the fence): {}", e.toString());
        }
    }

    /**
     * Gives the lock up: unlocked on its session first (so another instance can take it the moment this returns; a
     * closed session is released by the server only once its backend has ended), then the session is ended.
     */
    public synchronized void release() {
        if (held && session != null) {
            try {
                session.createQuery("SELECT pg_advisory_unlock(?)")
                        .bind(0, key)
                        .mapTo(Boolean.class)
                        .one();
            } catch (JdbiException e) {
                LOG.debug("could not unlock before ending the session (it ends anyway): {}", e.toString());
            }
        }
        drop();
    }

    @Override
    public void close() {
        release();
    }

    /** A session of its own (not from the pool), with short TCP keepalives, as a JDBI handle. */
    private Handle open() throws SQLException {
        Properties p = new Properties();
        long seconds = timeout.getSeconds();
        p.setProperty("socketTimeout", String.valueOf(seconds));
        p.setProperty("connectTimeout", String.valueOf(Math.max(seconds, 5)));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "campops-gateway-lock");
        // Closing the handle closes the connection, which ends the session.
        Handle h = Jdbi.open(db.openSessionConnection(p));
        try {
            for (String sql : KEEPALIVES) {
                h.execute(sql);
            }
        } catch (JdbiException e) {
            // A server that refuses them still releases the lock when the session ends, only later for a dead host.
            LOG.warn("could not shorten the lock session's TCP keepalives: {}", e.toString());
        }
        return h;
    }

    private void drop() {
        held = false;
        if (session != null) {
            try {
                session.close();
            } catch (JdbiException e) {
                // The session is gone either way.
            }
            session = null;
        }
    }
}
