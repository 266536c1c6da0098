package org.campops.duties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.CsvCells;
import org.campops.config.CampConfig;
import org.campops.feature.Export;

/** {@code campops export duties}: every mentor's duties of a week, one line each (no meeting links). */
public final class DutiesExport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private DutiesExport() {}

    /** {@code campops export duties [--week YYYY-MM-DD] --format md|csv}: the week of that day (default: today). */
    public static Export export(DutiesService duties, CampConfig config) {
        ZoneId zone = config.camp().zone();
        return new Export("duties", request -> {
            LocalDate day;
            try {
                day = request.week() == null ? LocalDate.now(zone) : LocalDate.parse(request.week());
            } catch (DateTimeParseException e) {
                throw new Export.Refused("--week takes a date such as 2026-12-07, not '" + request.week() + "'");
            }
            LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            List<DutiesService.Row> rows = duties.board(monday, config.camp().locale());
            return request.markdown()
                    ? markdown(rows, monday, zone, config.camp().name())
                    : csv(rows, monday, zone);
        });
    }

    /** Discord timestamps in labels become local times, so the file reads well outside Discord. */
    private static String plain(String label, ZoneId zone) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<t:(\\d+):[A-Za-z]>").matcher(label);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    sb,
                    LOCAL.format(java.time.Instant.ofEpochSecond(Long.parseLong(m.group(1)))
                            .atZone(zone)));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("<#(\\d+)>", "#$1").replaceAll("\\*\\*", "");
    }

    public static String csv(List<DutiesService.Row> rows, LocalDate week, ZoneId zone) {
        List<List<String>> data = new ArrayList<>();
        data.add(List.of("week", "mentor_id", "duty", "what", "status", "due_local"));
        for (DutiesService.Row r : rows) {
            for (Duty d : r.duties()) {
                // The label holds people's text (team, meeting and competition names, topics): a text cell.
                data.add(List.of(
                        week.toString(),
                        CsvCells.text(r.mentorId()),
                        d.kind(),
                        CsvCells.text(plain(d.label(), zone)),
                        d.status().name().toLowerCase(Locale.ROOT),
                        d.due() == null ? "" : LOCAL.format(d.due().atZone(zone))));
            }
        }
        try {
            return new CsvMapper().writer(CsvSchema.emptySchema()).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String markdown(List<DutiesService.Row> rows, LocalDate week, ZoneId zone, String camp) {
        StringBuilder sb = new StringBuilder("# ")
                .append(camp)
                .append(": mentors' duties, week of ")
                .append(week)
                .append("\n");
        for (DutiesService.Row r : rows) {
            sb.append("\n## ")
                    .append(r.mentorId())
                    .append(" (")
                    .append(r.count(Duty.Status.LATE))
                    .append(" late, ")
                    .append(r.count(Duty.Status.OPEN))
                    .append(" open)\n\n");
            if (r.duties().isEmpty()) {
                sb.append("Nothing this week.\n");
            }
            for (Duty d : r.duties()) {
                sb.append("- ")
                        .append(d.status().name().toLowerCase(Locale.ROOT))
                        .append(": ")
                        .append(plain(d.label(), zone).replace("\n", " "))
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
