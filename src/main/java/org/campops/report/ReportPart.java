package org.campops.report;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.program.ProgramPart;
import org.jdbi.v3.core.Handle;

/**
 * The weekly report as program moments: one per week the program spans (its stages and competitions), key
 * {@code report:<week>}, due on {@code reports.day} at {@code reports.time} (camp's zone) after that week ended. Firing
 * queues one message to the organizers' channel (summary, charts, CSV) under {@code report:<week>:channel:<id>}, so
 * it is posted once across restarts; one missed while the bot was down goes out late within a day, else it is
 * skipped. None when {@code reports.enabled} is false.
 */
public record ReportPart(Reports reports, Outbox outbox, CampConfig config) implements ProgramPart {

    @Override
    public String name() {
        return ReportKey.NAME;
    }

    @Override
    public List<Planned> plan(Program program) {
        CampConfig.ReportSettings s = config.reports();
        if (!s.enabled()) {
            return List.of();
        }
        Optional<LocalDate> first = dates(program).min(LocalDate::compareTo);
        Optional<LocalDate> last = dates(program).max(LocalDate::compareTo);
        List<Planned> out = new ArrayList<>();
        if (first.isEmpty() || last.isEmpty()) {
            return out;
        }
        for (ReportWeek w = ReportWeek.of(first.get()); !w.monday().isAfter(last.get()); w = w.plusWeeks(1)) {
            out.add(new Planned(new ReportKey(w), due(w, s)));
        }
        return out;
    }

    /** When the report of {@code week} is posted: on the configured day and time after the week ended. */
    Instant due(ReportWeek week, CampConfig.ReportSettings s) {
        LocalDate day = week.monday().plusWeeks(1).with(TemporalAdjusters.nextOrSame(s.day()));
        return ZonedDateTime.of(day, s.time(), config.camp().zone()).toInstant();
    }

    private static Stream<LocalDate> dates(Program program) {
        return Stream.concat(
                program.stages().stream().flatMap(st -> Stream.of(st.start(), st.end())),
                program.competitions().stream().flatMap(c -> Stream.of(c.start(), c.end())));
    }

    @Override
    public Duration grace(Planned moment) {
        return Duration.ofDays(1);
    }

    @Override
    public void fire(Handle c, Planned moment, Instant now) throws SQLException {
        ReportKey key = ReportKey.parse(moment.key())
                .orElseThrow(() -> new IllegalStateException("not a report moment: " + moment.key()));
        String channel = config.discord().channels().organizers();
        outbox.enqueue(
                c, key.to(channel), Payload.send(channel, reports.message(key.week(), reports.campLocale(), false)));
    }
}
