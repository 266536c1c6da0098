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

    private static final ThreadLocal<java.util.Calendar> UTC_CAL =
            ThreadLocal.withInitial(() -> java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
}
