package org.campops.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/** The one store: a HikariCP pool over H2 (default) or PostgreSQL, migrated by Flyway at start. */
public final class Database implements AutoCloseable {
    /** Which SQL dialect folder the migrations and Quartz delegate follow. */
    public enum Vendor {
        H2,
        POSTGRESQL
    }

    private final HikariDataSource pool;
    private final Vendor vendor;
    private final Jdbi jdbi;
    private final @Nullable Path h2File;

    private Database(HikariDataSource pool, Vendor vendor, @Nullable Path h2File) {
        this.pool = pool;
        this.vendor = vendor;
        this.h2File = h2File;
        this.jdbi = Columns.configure(Jdbi.create(pool));
    }

    /** Opens the pool and applies db/common plus the vendor's migrations. */
    public static Database open(String jdbcUrl, int poolSize) {
        Vendor vendor = jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:") ? Vendor.POSTGRESQL : Vendor.H2;
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(vendor == Vendor.H2 ? h2Defaults(jdbcUrl) : jdbcUrl);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("campops");
        String user = System.getenv("CAMPOPS_DB_USER");
        String password = System.getenv("CAMPOPS_DB_PASSWORD");
        if (user != null) {
            cfg.setUsername(user);
        }
        if (password != null) {
            cfg.setPassword(password);
        }
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(
                            "classpath:db/common",
                            "classpath:db/" + vendor.name().toLowerCase(Locale.ROOT))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, vendor, H2File.of(jdbcUrl).orElse(null));
    }

    /**
     * Closing the last connection must not drop an in-memory database. A file database writes each
     * commit to the file before the commit returns ({@code WRITE_DELAY=0}; H2's default delays it by
     * up to 500 ms, so a kill -9 lost acknowledged commits): what was acknowledged survives the death
     * of the process. The cost is measured in BENCHMARKS.md. File paths go through H2's {@code async:}
     * file system (see {@link #survivingInterrupts}).
     *
     * <p>H2 must not close the database from its own shutdown hook ({@code DB_CLOSE_ON_EXIT=FALSE}): JVM
     * shutdown hooks run concurrently, and on SIGTERM H2's closed the database under the orderly stop,
     * which then could not drain the outbox ("Database is already closed"). The application closes the
     * pool itself at the end of its stop.
     */
    static String h2Defaults(String url) {
        String u = survivingInterrupts(url);
        String upper = u.toUpperCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:mem:") && !upper.contains("DB_CLOSE_DELAY")) {
            u = u + ";DB_CLOSE_DELAY=-1";
        }
        if (!u.startsWith("jdbc:h2:mem:") && !upper.contains("WRITE_DELAY")) {
            u = u + ";WRITE_DELAY=0";
        }
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            u = u + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return u;
    }

    /**
     * With commits written by the committing thread, an interrupted thread (a pool shut down, a
     * scheduler halting) would close H2's file channel and with it the whole database. H2's
     * {@code async:} file system writes through an {@code AsynchronousFileChannel}, which interrupts
     * do not close ({@code retry:} reopens the file but still lost the database under repeated
     * interrupts here).
     */
    static String survivingInterrupts(String url) {
        String prefix = "jdbc:h2:";
        if (!url.startsWith(prefix)) {
            return url;
        }
        String rest = url.substring(prefix.length());
        if (rest.startsWith("file:")
                || rest.startsWith("./")
                || rest.startsWith("/")
                || rest.startsWith("~")
                || rest.startsWith("../")) {
            return prefix + "async:" + rest;
        }
        return url;
    }

    /**
     * Whether the database answers a validity check within {@code timeoutSeconds} (health). Taking a
     * connection can wait up to the pool's own timeout first: callers that must answer fast bound it themselves.
     */
    public boolean answers(int timeoutSeconds) {
        try (Connection c = pool.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * An H2 file database's path without the {@code .mv.db} suffix, for what is kept beside it (the saved search
     * index); empty for in-memory H2 and PostgreSQL.
     */
    public Optional<Path> h2File() {
        return Optional.ofNullable(h2File);
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * A connection of its own, outside the pool (same URL and credentials), for work that needs one session for a
     * long time, such as holding a session-level lock: the pool would retire it (max lifetime) or hand it to others.
     * {@code properties} add driver settings (e.g. PostgreSQL's {@code socketTimeout}). The caller closes it.
     */
    public Connection openSessionConnection(java.util.Properties properties) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.putAll(properties);
        if (pool.getUsername() != null) {
            p.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            p.setProperty("password", pool.getPassword());
        }
        return java.sql.DriverManager.getConnection(pool.getJdbcUrl(), p);
    }

    public Vendor vendor() {
        return vendor;
    }

    /**
     * Runs work in one transaction on a JDBI {@link Handle}; commits on return, rolls back on any exception. A nested
     * call joins the outer transaction (same handle), so a service method can be part of a larger unit. A database
     * failure surfaces as a {@link StoreException}.
     */
    // Gives back what the work returned: null only where the caller's own work returns null (work done for its
    // effect). Without JSpecify generics NullAway cannot carry that from the lambda to the caller, so not checked here.
    @SuppressWarnings("NullAway")
    public <T> T inTransaction(SqlWork<T> work) {
        Tx outer = CURRENT.get();
        if (outer != null && outer.db == this) {
            try {
                return work.apply(outer.handle);
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        }
        Tx tx;
        T result;
        try (Handle h = jdbi.open()) {
            h.begin();
            tx = new Tx(this, h);
            CURRENT.set(tx);
            try {
                result = work.apply(h);
                h.commit();
            } catch (Throwable e) {
                h.rollback();
                throw e;
            } finally {
                CURRENT.remove();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } catch (JdbiException e) {
            throw new StoreException(e);
        }
        for (Runnable r : tx.afterCommit) {
            r.run();
        }
        return result;
    }

    /**
     * Runs {@code action} once the current transaction has committed (right away outside one), e.g.
     * to wake the outbox dispatcher only when the rows it should send are visible.
     */
    public void afterCommit(Runnable action) {
        Tx tx = CURRENT.get();
        if (tx == null || tx.db != this) {
            action.run();
        } else {
            tx.afterCommit.add(action);
        }
    }

    private static final ThreadLocal<Tx> CURRENT = new ThreadLocal<>();

    private static final class Tx {
        final Database db;
        final Handle handle;
        final java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();

        Tx(Database db, Handle handle) {
            this.db = db;
            this.handle = handle;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A piece of work in a transaction: the handle is passed on to repositories, which alone hold SQL. */
    @FunctionalInterface
    public interface SqlWork<T> {
        @Nullable
        T apply(Handle c) throws SQLException;
    }
}
