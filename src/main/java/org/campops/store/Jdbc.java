package org.campops.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC helpers shared by the repositories. Instants are stored as UTC timestamps. */
public final class Jdbc {
    private Jdbc() {
    }

    public static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(at), UTC_CAL.get());
        }
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, UTC_CAL.get());
        return ts == null ? null : ts.toInstant();
    }

    /** Reads the generated key of the single row just inserted. */
    public static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key returned");
            }
            return keys.getLong(1);
        }
    }

    /**
     * Inserts a delivery-key row unless {@code existsSql} finds it: true when this caller claimed it,
     * false when it was there already (a re-fired trigger, a restart, another instance). The check
     * first keeps the common case free of constraint errors. A racing insert that gets there first
     * (another transaction, not yet committed at the check) leaves the caller's transaction usable:
     * on PostgreSQL, where any failed statement aborts the transaction, the insert is
     * {@code ON CONFLICT DO NOTHING}; on H2 a failed statement is rolled back alone.
     */
    public static boolean insertOnce(java.sql.Connection c, String existsSql, String insertSql, Object... keyThenRest)
            throws SQLException {
        int keyCount = (int) existsSql.chars().filter(ch -> ch == '?').count();
        try (PreparedStatement check = c.prepareStatement(existsSql)) {
            for (int i = 0; i < keyCount; i++) {
                bind(check, i + 1, keyThenRest[i]);
            }
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        try (PreparedStatement ps = c.prepareStatement(postgres ? insertSql + " ON CONFLICT DO NOTHING" : insertSql)) {
            for (int i = 0; i < keyThenRest.length; i++) {
                bind(ps, i + 1, keyThenRest[i]);
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (!postgres && e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    /** Runs an update with {@code args} bound in order (instants as UTC timestamps); true when it changed one row. */
    public static boolean updateOne(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query with {@code args} bound in order and maps every row. */
    public static <T> java.util.List<T> list(java.sql.Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            java.util.List<T> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        }
    }

    /** The first row of a query, if any. */
    public static <T> java.util.Optional<T> one(java.sql.Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        return list(c, sql, row, args).stream().findFirst();
    }

    /** Runs an update or delete; returns how many rows changed. */
    public static int update(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** Runs an insert and returns the generated id. */
    public static long insert(java.sql.Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Instant at) {
            setInstant(ps, index, at);
        } else if (value instanceof java.time.LocalDate d) {
            ps.setDate(index, java.sql.Date.valueOf(d));
        } else {
            ps.setObject(index, value);
        }
    }

    private static final ThreadLocal<java.util.Calendar> UTC_CAL =
            ThreadLocal.withInitial(() -> java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
}
