package org.campops.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.Callable;
import org.campops.config.CampConfig;
import org.campops.duties.DutiesExport;
import org.campops.duties.DutiesService;
import org.campops.mentoring.MentoringExport;
import org.campops.mentoring.MentoringRecords;
import org.campops.qa.QaExport;
import org.campops.qa.QaSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code campops export qa|mentoring|duties}: the camp's data as Markdown or CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export data. `campops export qa --format md|csv [--topic T] [--output FILE]` writes the answered"
                + " questions as an FAQ (Markdown) or a table (CSV); askers are never included.",
                "`campops export mentoring --format md|csv [--output FILE]`: every team's sessions with attendance and"
                + " feedback counts (never meeting links, never who gave feedback).",
                "`campops export duties [--week YYYY-MM-DD] --format md|csv`: every mentor's duties of that week"
                + " (default: this week) with their status."})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "What to export: qa, mentoring or duties")
    String what;

    @Option(names = "--format", paramLabel = "md|csv", defaultValue = "md", description = "md (default) or csv")
    String format;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic")
    String topic;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output")
    Path output;

    @Option(names = "--week", paramLabel = "YYYY-MM-DD", description = "duties: a day of the week to export (default: today)")
    String week;

    @Override
    public Integer call() throws Exception {
        if (!"qa".equals(what) && !"mentoring".equals(what) && !"duties".equals(what)) {
            System.err.println("Unknown export '" + what + "'. Try: campops export qa|mentoring|duties --format md");
            return 2;
        }
        if (!format.equals("md") && !format.equals("csv")) {
            System.err.println("--format takes md or csv, not '" + format + "'");
            return 2;
        }
        Main.quietLogs();
        CampConfig config = Main.loadConfig(options.config);
        if (config == null) {
            return 2;
        }
        if (topic != null && config.qa().topics().stream().noneMatch(t -> t.equalsIgnoreCase(topic))) {
            System.err.println("Unknown topic '" + topic + "'. Topics: " + String.join(", ", config.qa().topics()));
            return 2;
        }
        return switch (what) {
            case "duties" -> duties(config);
            case "mentoring" -> mentoring(config);
            default -> qa(config);
        };
    }

    private int duties(CampConfig config) throws IOException {
        LocalDate day;
        try {
            day = week == null ? LocalDate.now(config.camp().zone()) : LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            System.err.println("--week takes a date such as 2026-12-07, not '" + week + "'");
            return 2;
        }
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        try (CampOps app = Main.offline(config)) {
            List<DutiesService.Row> rows = app.duties().board(monday, config.camp().locale());
            write(format.equals("md") ? DutiesExport.markdown(rows, monday, config.camp().zone(), config.camp().name())
                    : DutiesExport.csv(rows, monday, config.camp().zone()));
        }
        return 0;
    }

    private int mentoring(CampConfig config) throws IOException {
        try (CampOps app = Main.offline(config)) {
            List<MentoringRecords.ExportRow> rows = app.mentoring().records().exportRows();
            write(format.equals("md") ? MentoringExport.markdown(rows, config) : MentoringExport.csv(rows, config));
        }
        return 0;
    }

    private int qa(CampConfig config) throws IOException {
        try (CampOps app = Main.offline(config)) {
            QaSnapshot snapshot = app.qa().snapshot();
            write(format.equals("md") ? QaExport.markdown(snapshot, topic, config.camp().name())
                    : QaExport.csv(snapshot, topic));
        }
        return 0;
    }

    private void write(String text) throws IOException {
        if (output == null) {
            System.out.print(text);
        } else {
            Files.writeString(output, text, StandardCharsets.UTF_8);
            System.err.println("Wrote " + output);
        }
    }
}
