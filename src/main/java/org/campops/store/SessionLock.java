package org.campops.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock(key)}), held on a connection of its own
 * that stays open while it is held (never a pooled one: the pool would retire or share it). PostgreSQL releases the
 * lock when that session ends, whatever ends it: the process dies (its socket closes at once), the host dies or the
 * network fails (the server notices through TCP keepalives, set short on this session), the server restarts. The
 * holder learns it lost the lock from {@link #stillHeld()}, which fails within {@code timeout} when the server
 * cannot be reached (the driver's socket timeout).
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
    private @Nullable Connection connection;
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
            boolean reused = connection != null;
            try {
                if (connection == null) {
                    connection = open();
                }
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    ps.setLong(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        held = rs.getBoolean(1);
                    }
                }
                return held;
            } catch (SQLException e) {
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
        try (PreparedStatement ps = Objects.requireNonNull(connection, "held on it")
                .prepareStatement(
                        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"
                                + " AND pid = pg_backend_pid() AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = ?")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return true;
                }
            }
            LOG.warn("the lock {} is no longer held by this session", key);
        } catch (SQLException e) {
            LOG.warn("the lock's database session is gone: {}", e.toString());
        }
        drop();
        return false;
    }

    /**
     * Gives the lock up: unlocked on its session first (so another instance can take it the moment this returns; a
     * closed session is released by the server only once its backend has ended), then the session is ended.
     */
    public synchronized void release() {
        if (held && connection != null) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.executeQuery().close();
            } catch (SQLException e) {
                LOG.debug("could not unlock before ending the session (it ends anyway): {}", e.toString());
            }
        }
        drop();
    }

    @Override
    public void close() {
        release();
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        long seconds = timeout.getSeconds();
        p.setProperty("socketTimeout", String.valueOf(seconds));
        p.setProperty("connectTimeout", String.valueOf(Math.max(seconds, 5)));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "campops-gateway-lock");
        Connection c = db.openSessionConnection(p);
        try (Statement st = c.createStatement()) {
            for (String sql : KEEPALIVES) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            // A server that refuses them still releases the lock when the session ends, only later for a dead host.
            LOG.warn("could not shorten the lock session's TCP keepalives: {}", e.toString());
        }
        return c;
    }

    private void drop() {
        held = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The session is gone either way.
            }
            connection = null;
        }
    }
}
