package org.campops.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Hands Quartz the application's pool; the pool's owner closes it, not Quartz. */
final class PoolConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;

    PoolConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to Database, which closes it after the scheduler has stopped.
    }

    @Override
    public void initialize() {
    }
}
