package org.campops.duties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.CsvCells;

/** {@code campops export duties}: every mentor's duties of a week, one line each (no meeting links). */
public final class DutiesExport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private DutiesExport() {
    }

    /** Discord timestamps in labels become local times, so the file reads well outside Discord. */
    private static String plain(String label, ZoneId zone) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<t:(\\d+):[A-Za-z]>").matcher(label);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, LOCAL.format(java.time.Instant.ofEpochSecond(Long.parseLong(m.group(1))).atZone(zone)));
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
                data.add(List.of(week.toString(), CsvCells.text(r.mentorId()), d.kind(), CsvCells.text(plain(d.label(), zone)),
                        d.status().name().toLowerCase(Locale.ROOT), d.due() == null ? "" : LOCAL.format(d.due().atZone(zone))));
            }
        }
        try {
            return new CsvMapper().writer(CsvSchema.emptySchema()).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String markdown(List<DutiesService.Row> rows, LocalDate week, ZoneId zone, String camp) {
        StringBuilder sb = new StringBuilder("# ").append(camp).append(": mentors' duties, week of ").append(week).append("\n");
        for (DutiesService.Row r : rows) {
            sb.append("\n## ").append(r.mentorId()).append(" (").append(r.count(Duty.Status.LATE)).append(" late, ")
                    .append(r.count(Duty.Status.OPEN)).append(" open)\n\n");
            if (r.duties().isEmpty()) {
                sb.append("Nothing this week.\n");
            }
            for (Duty d : r.duties()) {
                sb.append("- ").append(d.status().name().toLowerCase(Locale.ROOT)).append(": ")
                        .append(plain(d.label(), zone).replace("\n", " ")).append('\n');
            }
        }
        return sb.toString();
    }
}
