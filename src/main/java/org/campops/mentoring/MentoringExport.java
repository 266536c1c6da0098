package org.campops.mentoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.CsvCells;
import org.campops.config.CampConfig;
import org.campops.feature.Export;

/**
 * {@code campops export mentoring}: one line per session with its attendance and feedback counts.
 * Meeting links and who answered are never exported.
 */
public final class MentoringExport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> COLUMNS = List.of(
            "team",
            "mentor_id",
            "date",
            "start_local",
            "duration_min",
            "status",
            "moved",
            "topic",
            "attended",
            "absent",
            "feedback_answers",
            "average_rating",
            "mentor_note");
    /** Columns holding text from people (team, mentor id, topic, note); the others are what the program writes. */
    private static final int[] TEXT_COLUMNS = {0, 1, 7, 12};

    private MentoringExport() {}

    /** {@code campops export mentoring --format md|csv}. */
    public static Export export(SessionOverview sessions, CampConfig config) {
        return new Export("mentoring", request -> {
            List<SessionOverview.ExportRow> rows = sessions.exportRows();
            return request.markdown() ? markdown(rows, config) : csv(rows, config);
        });
    }

    private static List<String> cells(SessionOverview.ExportRow r, ZoneId zone) {
        Session s = r.session();
        return List.of(
                r.team(),
                r.mentorId(),
                s.originalDate().toString(),
                LOCAL.format(s.startAt().atZone(zone)),
                String.valueOf(s.durationMinutes()),
                s.status().name().toLowerCase(Locale.ROOT),
                String.valueOf(s.moved()),
                s.topic() == null ? "" : s.topic(),
                String.valueOf(r.attended()),
                String.valueOf(r.absent()),
                String.valueOf(r.feedbackCount()),
                r.feedbackCount() == 0 ? "" : String.format(Locale.ROOT, "%.2f", r.averageRating()),
                s.note() == null ? "" : s.note());
    }

    public static String csv(List<SessionOverview.ExportRow> rows, CampConfig config) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(false);
        List<List<String>> data = new ArrayList<>();
        data.add(COLUMNS);
        for (SessionOverview.ExportRow r : rows) {
            List<String> c = new ArrayList<>(cells(r, config.camp().zone()));
            for (int i : TEXT_COLUMNS) {
                c.set(i, CsvCells.text(c.get(i)));
            }
            data.add(c);
        }
        try {
            return new CsvMapper().writer(schema.build()).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String markdown(List<SessionOverview.ExportRow> rows, CampConfig config) {
        StringBuilder sb = new StringBuilder("# ")
                .append(config.camp().name())
                .append(": weekly mentoring\n\n")
                .append("Times in ")
                .append(config.camp().zone())
                .append(". Links and who gave feedback are not exported.\n");
        String team = null;
        for (SessionOverview.ExportRow r : rows) {
            if (!r.team().equals(team)) {
                team = r.team();
                sb.append("\n## ")
                        .append(md(team))
                        .append("\n\n")
                        .append("| date | start | min | status | topic | attended | absent | feedback | avg |\n")
                        .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            }
            List<String> c = cells(r, config.camp().zone());
            sb.append("| ")
                    .append(c.get(2))
                    .append(" | ")
                    .append(c.get(3))
                    .append(" | ")
                    .append(c.get(4))
                    .append(" | ")
                    .append(c.get(5))
                    .append(c.get(6).equals("true") ? " (moved)" : "")
                    .append(" | ")
                    .append(md(c.get(7)))
                    .append(" | ")
                    .append(c.get(8))
                    .append(" | ")
                    .append(c.get(9))
                    .append(" | ")
                    .append(c.get(10))
                    .append(" | ")
                    .append(c.get(11))
                    .append(" |\n");
        }
        if (rows.isEmpty()) {
            sb.append("\nNo sessions yet.\n");
        }
        return sb.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
