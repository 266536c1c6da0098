package org.campops.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The one store: a HikariCP pool over H2 (default) or PostgreSQL, migrated by Flyway at start. */
public final class Database implements AutoCloseable {
    /** Which SQL dialect folder the migrations and Quartz delegate follow. */
    public enum Vendor { H2, POSTGRESQL }

    private final HikariDataSource pool;
    private final Vendor vendor;

    private Database(HikariDataSource pool, Vendor vendor) {
        this.pool = pool;
        this.vendor = vendor;
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
                    .locations("classpath:db/common", "classpath:db/" + vendor.name().toLowerCase(Locale.ROOT))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, vendor);
    }

    /** H2 file databases must not be opened twice, and closing the last connection must not drop an in-memory one. */
    private static String h2Defaults(String url) {
        String u = url;
        if (u.startsWith("jdbc:h2:mem:") && !u.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")) {
            u = u + ";DB_CLOSE_DELAY=-1";
        }
        return u;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Runs work in one transaction; commits on return, rolls back on any exception. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }
}
