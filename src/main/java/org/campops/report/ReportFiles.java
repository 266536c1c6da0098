package org.campops.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.CsvCells;
import org.campops.chat.Reply;
import org.jspecify.annotations.Nullable;

/**
 * The report's numbers as files: a CSV of every figure (one line per number: section, week, day, name, measure,
 * value; names from people are text cells through {@link CsvCells}) and a Markdown page (the summary and the CSV's
 * numbers as a table).
 */
public final class ReportFiles {
    static final List<String> HEADER = List.of("section", "week", "day", "name", "measure", "value");

    private ReportFiles() {}

    /** The file name of a report's file: {@code report-2026-W49.csv}. */
    public static String fileName(WeeklyFigures f, String extension) {
        return "report-" + f.week() + "." + extension;
    }

    public static Reply.Attachment csvAttachment(WeeklyFigures f) {
        return new Reply.Attachment(
                fileName(f, "csv"),
                "text/csv; charset=utf-8",
                csv(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Every number of the week, one line each. */
    public static List<List<String>> lines(WeeklyFigures f) {
        List<List<String>> out = new ArrayList<>();
        String w = f.week();
        WeeklyFigures.Qa qa = f.qa();
        for (WeeklyFigures.DayCount d : qa.perDay()) {
            out.add(line("qa", w, d.day().toString(), d.topic(), "questions", d.count()));
        }
        out.add(line("qa", w, "", "", "questions_total", qa.asked()));
        out.add(line("qa", w, "", "", "questions_previous_week", qa.previousAsked()));
        out.add(line("qa", w, "", "", "target_hours", hours(qa.target())));
        out.add(line("qa", w, "", "", "unanswered_past_target", qa.unansweredPastTarget()));
        for (WeeklyFigures.WeekMedian m : qa.firstReply()) {
            out.add(line("qa", m.week(), "", "", "median_first_reply_hours", hours(m.median())));
        }
        for (WeeklyFigures.TeamMentoring t : f.mentoring()) {
            out.add(line("mentoring", w, "", t.team(), "sessions_held", t.held()));
            out.add(line("mentoring", w, "", t.team(), "sessions_skipped", t.skipped()));
            out.add(line("mentoring", w, "", t.team(), "attendance_rate", ratio(t.attendanceRate())));
            List<@Nullable Double> avg = t.feedbackAverages();
            for (int i = 0; i < avg.size(); i++) {
                String week = new ReportWeek(f.monday())
                        .plusWeeks(i - (avg.size() - 1))
                        .toString();
                out.add(line("mentoring", week, "", t.team(), "feedback_average", ratio(avg.get(i))));
            }
        }
        for (WeeklyFigures.MentorDuties d : f.duties()) {
            out.add(line("duties", w, "", d.mentor(), "posts_done", d.postsDone()));
            out.add(line("duties", w, "", d.mentor(), "posts_open", d.postsOpen()));
            out.add(line("duties", w, "", d.mentor(), "posts_late", d.postsLate()));
            out.add(line("duties", w, "", d.mentor(), "reviews_done", d.reviewsDone()));
            out.add(line("duties", w, "", d.mentor(), "reviews_open", d.reviewsOpen()));
            out.add(line("duties", w, "", d.mentor(), "reviews_late", d.reviewsLate()));
        }
        out.add(line("office_hours", w, "", "", "held", f.officeHours().held()));
        out.add(line("office_hours", w, "", "", "rsvps", f.officeHours().rsvps()));
        return out;
    }

    public static String csv(WeeklyFigures f) {
        List<List<String>> data = new ArrayList<>();
        data.add(HEADER);
        data.addAll(lines(f));
        try {
            return new CsvMapper().writer(CsvSchema.emptySchema()).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The summary, then every number as a Markdown table (the same lines as the CSV). */
    public static String markdown(WeeklyFigures f, String summary, String camp) {
        StringBuilder sb = new StringBuilder("# ")
                .append(camp)
                .append(": ")
                .append(f.week())
                .append("\n\n");
        sb.append(summary.replace("\n", "  \n")).append("\n\n");
        sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        sb.append("|---".repeat(HEADER.size())).append("|\n");
        for (List<String> line : lines(f)) {
            sb.append("| ");
            for (String cell : line) {
                sb.append(cell.replace("|", "\\|").replace("\n", " ")).append(" | ");
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static List<String> line(String section, String week, String day, String name, String measure, Object v) {
        return List.of(section, week, day, CsvCells.text(name), measure, String.valueOf(v));
    }

    private static String hours(@Nullable Duration d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.2f", d.toSeconds() / 3600.0);
    }

    private static String ratio(@Nullable Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
