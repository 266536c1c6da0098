package org.campops.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.campops.chat.Reply;
import org.campops.config.CampConfig;
import org.campops.feature.Export;

/**
 * {@code campops export report [--week 2026-W49] --format png|csv|md [--output DIR]}: the week's charts (PNG files), its
 * numbers ({@code report-<week>.csv}) or its summary with the numbers ({@code report-<week>.md}), in the camp's
 * language. Without {@code --week}: the week that just ended.
 */
public final class ReportExport {
    private ReportExport() {}

    public static Export export(Reports reports, CampConfig config) {
        return Export.ofFiles("report", request -> {
            ReportWeek week = request.week() == null
                    ? reports.figures().thisWeek().plusWeeks(-1)
                    : ReportWeek.parse(request.week())
                            .orElseThrow(() -> new Export.Refused(
                                    "--week takes an ISO week such as 2026-W49, not '" + request.week() + "'"));
            Reports.Week w = reports.week(week);
            return switch (request.format()) {
                case "png" ->
                    ReportCharts.render(w.now(), reports.campLocale()).stream()
                            .map(ReportExport::file)
                            .toList();
                case "csv" -> List.of(file(ReportFiles.csvAttachment(w.now())));
                default ->
                    List.of(new Export.File(
                            ReportFiles.fileName(w.now(), "md"),
                            ReportFiles.markdown(
                                            w.now(),
                                            reports.summary(w, reports.campLocale()),
                                            config.camp().name())
                                    .getBytes(StandardCharsets.UTF_8)));
            };
        });
    }

    private static Export.File file(Reply.Attachment a) {
        return new Export.File(a.fileName(), a.content());
    }
}
