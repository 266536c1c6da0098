package org.campops.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.campops.config.CampConfig;
import org.campops.feature.Export;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code campops export NAME}: the camp's data as Markdown or CSV, written by the feature that exports NAME. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export data. `campops export qa --format md|csv [--topic T] [--output FILE]` writes the answered"
                    + " questions as an FAQ (Markdown) or a table (CSV); askers are never included.",
            "`campops export mentoring --format md|csv [--output FILE]`: every team's sessions with attendance and"
                    + " feedback counts (never meeting links, never who gave feedback).",
            "`campops export duties [--week YYYY-MM-DD] --format md|csv`: every mentor's duties of that week"
                    + " (default: this week) with their status.",
            "`campops export report --week 2026-W49 --format png|csv|md [--output DIR]`: the weekly report's charts,"
                    + " numbers or summary, written as files into DIR (default: the current folder)."
        })
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @CommandLine.Parameters(
            index = "0",
            paramLabel = "WHAT",
            description = "What to export: qa, mentoring, duties or report")
    @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
    String what;

    @Option(
            names = "--format",
            paramLabel = "md|csv|png",
            defaultValue = "md",
            description = "md (default) or csv; png for the report")
    @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
    String format;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic")
    @Nullable
    String topic;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Write to FILE instead of standard output (report: the folder to write into)")
    @Nullable
    Path output;

    @Option(
            names = "--week",
            paramLabel = "YYYY-MM-DD",
            description = "duties: a day of the week to export (default: today); report: the week, e.g. 2026-W49")
    @Nullable
    String week;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("md") && !format.equals("csv") && !format.equals("png")) {
            System.err.println("--format takes md or csv (or png for the report), not '" + format + "'");
            return 2;
        }
        Main.quietLogs();
        CampConfig config = Main.loadConfig(options.config);
        if (config == null) {
            return 2;
        }
        try (CampOps app = Main.offline(config)) {
            List<Export> exports =
                    app.features().stream().flatMap(f -> f.exports().stream()).toList();
            Optional<Export> export =
                    exports.stream().filter(e -> e.name().equals(what)).findFirst();
            if (export.isEmpty()) {
                System.err.println("Unknown export '" + what + "'. Try: campops export "
                        + String.join("|", exports.stream().map(Export::name).toList()) + " --format md");
                return 2;
            }
            Export.Request request = new Export.Request(format, topic, week);
            Export.FileWriter files = export.get().files();
            if (files != null) {
                writeFiles(files.write(request));
            } else if (format.equals("png")) {
                System.err.println("--format png is for the report only");
                return 2;
            } else {
                write(export.get().writer().write(request));
            }
        } catch (Export.Refused e) {
            System.err.println(e.getMessage());
            return 2;
        }
        return 0;
    }

    private void writeFiles(List<Export.File> files) throws IOException {
        Path dir = output == null ? Path.of(".") : output;
        Files.createDirectories(dir);
        for (Export.File f : files) {
            Path file = dir.resolve(f.name());
            Files.write(file, f.content());
            System.err.println("Wrote " + file);
        }
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
