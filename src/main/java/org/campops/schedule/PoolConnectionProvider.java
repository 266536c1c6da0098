package org.campops.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz the application's pool; the pool's owner closes it, not Quartz. Quartz's JVM-wide
 * {@code DBConnectionManager} keeps every provider ever added, so a shut-down provider lets go of the
 * pool (and with it the database) rather than keep it reachable for the rest of the JVM's life.
 */
final class PoolConnectionProvider implements ConnectionProvider {
    private volatile @Nullable DataSource dataSource;

    PoolConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource ds = dataSource;
        if (ds == null) {
            throw new SQLException("the scheduler's connection provider is closed");
        }
        return ds.getConnection();
    }

    @Override
    public void shutdown() {
        // Not closed here: the pool belongs to Database, which closes it after the scheduler has stopped.
        dataSource = null;
    }

    @Override
    public void initialize() {}
}
