package org.campops.store;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.TimeZone;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * How values become columns and back, registered once on the {@link Jdbi} every repository uses: an
 * {@link Instant} is a {@code TIMESTAMP} in UTC (whatever the JVM's zone), a {@link LocalDate} a {@code DATE}.
 */
final class Columns {
    private static final ThreadLocal<Calendar> UTC =
            ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    private Columns() {}

    /** Statements are plain SQL with {@code ?} (no template engine: {@code <>} stays an operator). */
    static Jdbi configure(Jdbi jdbi) {
        jdbi.setTemplateEngine(TemplateEngine.NOP);
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setTimestamp(position, Timestamp.from(value), UTC.get());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<LocalDate>(Types.DATE) {
            @Override
            protected Argument build(LocalDate value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setDate(position, Date.valueOf(value));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            Timestamp at = rs.getTimestamp(column, UTC.get());
            return at == null ? null : at.toInstant();
        });
        jdbi.registerColumnMapper(LocalDate.class, (rs, column, ctx) -> {
            Date day = rs.getDate(column);
            return day == null ? null : day.toLocalDate();
        });
        return jdbi;
    }
}
