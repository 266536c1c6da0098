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
                    + " (default: this week) with their status."
        })
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "What to export: qa, mentoring or duties")
    @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
    String what;

    @Option(names = "--format", paramLabel = "md|csv", defaultValue = "md", description = "md (default) or csv")
    @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
    String format;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic")
    @Nullable
    String topic;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output")
    @Nullable
    Path output;

    @Option(
            names = "--week",
            paramLabel = "YYYY-MM-DD",
            description = "duties: a day of the week to export (default: today)")
    @Nullable
    String week;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("md") && !format.equals("csv")) {
            System.err.println("--format takes md or csv, not '" + format + "'");
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
            write(export.get().writer().write(new Export.Request(format, topic, week)));
        } catch (Export.Refused e) {
            System.err.println(e.getMessage());
            return 2;
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
