package org.campops.store;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/** The row writes whose SQL differs between H2 and PostgreSQL; repositories call them with their own SQL. */
public final class Rows {
    private Rows() {}

    /**
     * Inserts a delivery-key row unless {@code existsSql} finds it: true when this caller claimed it,
     * false when it was there already (a re-fired trigger, a restart, another instance). The check
     * first keeps the common case free of constraint errors. A racing insert that gets there first
     * (another transaction, not yet committed at the check) leaves the caller's transaction usable:
     * on PostgreSQL, where any failed statement aborts the transaction, the insert is
     * {@code ON CONFLICT DO NOTHING}; on H2 a failed statement is rolled back alone.
     * The first parameters of {@code insertSql} are those of {@code existsSql}.
     */
    public static boolean insertOnce(Handle c, String existsSql, String insertSql, @Nullable Object... keyThenRest) {
        int keyCount = (int) existsSql.chars().filter(ch -> ch == '?').count();
        Object[] key = java.util.Arrays.copyOf(keyThenRest, keyCount);
        if (c.select(existsSql, key).map((rs, ctx) -> Boolean.TRUE).findFirst().isPresent()) {
            return false;
        }
        boolean postgres = postgres(c);
        try {
            return c.execute(postgres ? insertSql + " ON CONFLICT DO NOTHING" : insertSql, keyThenRest) == 1;
        } catch (UnableToExecuteStatementException e) {
            if (!postgres
                    && e.getCause() instanceof SQLException s
                    && s.getSQLState() != null
                    && s.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    /** Runs an insert with {@code args} bound in order and returns the generated id (the row's first column). */
    public static long insert(Handle c, String insertSql, @Nullable Object... args) {
        Update insert = c.createUpdate(insertSql);
        for (int i = 0; i < args.length; i++) {
            insert.bind(i, args[i]);
        }
        return insert.executeAndReturnGeneratedKeys().mapTo(Long.class).one();
    }

    private static boolean postgres(Handle c) {
        try {
            return "PostgreSQL".equals(c.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
