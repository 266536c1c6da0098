package org.campops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Reply;
import org.campops.config.CampConfig;

/**
 * One week's report as users get it: the summary with its changes from the week before, the charts
 * ({@link ReportCharts}) and the CSV attached. The scheduled post, {@code /report week} and the export build it here.
 */
public final class Reports {
    private final ReportFigures figures;
    private final CampConfig config;

    public Reports(ReportFigures figures, CampConfig config) {
        this.figures = figures;
        this.config = config;
    }

    public ReportFigures figures() {
        return figures;
    }

    /** A week's figures and the week before's (for the changes). */
    public record Week(WeeklyFigures now, WeeklyFigures before) {}

    public Week week(ReportWeek week) {
        return new Week(figures.compute(week), figures.compute(week.plusWeeks(-1)));
    }

    public String summary(Week w, Locale locale) {
        return ReportText.summary(w.now(), w.before(), locale);
    }

    /** The message: summary text, the charts, the CSV. */
    public Reply message(ReportWeek week, Locale locale, boolean ephemeral) {
        Week w = week(week);
        List<Reply.Attachment> files = new ArrayList<>(ReportCharts.render(w.now(), locale));
        files.add(ReportFiles.csvAttachment(w.now()));
        return new Reply(summary(w, locale), ephemeral, List.of()).withAttachments(files);
    }

    /** The camp's language (the scheduled post and the export). */
    public Locale campLocale() {
        return config.camp().locale();
    }
}
