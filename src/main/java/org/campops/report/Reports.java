package org.campops.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Reply;
import org.campops.config.CampConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One week's report as users get it: the summary with its changes from the week before, the charts
 * ({@link ReportCharts}) and the CSV attached. The scheduled post, {@code /report week} and the export build it here.
 */
public final class Reports {
    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

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

    /**
     * Builds the report of the week that just ended once and drops it, on a background thread, {@code after} the call:
     * the first report of a JVM otherwise pays for loading JFreeChart, AWT and the chart font and for the first runs
     * of its queries (about a second of CPU, see BENCHMARKS.md). {@code campops run} starts it a few minutes after
     * the bot is ready (its start-up and the first commands come first); nothing is sent or stored. A week without data
     * draws {@link #sample} instead, so the charts are warmed up too. The thread is a low-priority daemon and only
     * logs a failure.
     */
    public Thread warmUpInBackground(Duration after) {
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.sleep(after.toMillis());
                        Locale locale = campLocale();
                        Week w = week(figures.thisWeek().plusWeeks(-1));
                        summary(w, locale);
                        ReportCharts.render(w.now().empty() ? sample(w.now()) : w.now(), locale);
                        ReportFiles.csv(w.now());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        LOG.warn("Warming up the weekly report failed (the first report will be slower)", e);
                    }
                },
                "campops-report-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** A made-up week of {@code empty}'s dates in which every chart has something to draw (the warm-up's). */
    static WeeklyFigures sample(WeeklyFigures empty) {
        WeeklyFigures.Qa qa = new WeeklyFigures.Qa(
                List.of(new WeeklyFigures.DayCount(empty.monday(), "객체 탐지", 2)),
                List.of(new WeeklyFigures.WeekMedian(empty.week(), Duration.ofHours(3))),
                Duration.ofHours(24),
                1,
                1);
        return new WeeklyFigures(
                empty.week(),
                empty.monday(),
                qa,
                List.of(new WeeklyFigures.TeamMentoring("팀", 1, 1, 0.5, List.of(4.0))),
                List.of(new WeeklyFigures.MentorDuties("멘토", 1, 1, 1, 1, 1, 1)),
                new WeeklyFigures.OfficeHours(1, 1));
    }

    /** The camp's language (the scheduled post and the export). */
    public Locale campLocale() {
        return config.camp().locale();
    }
}
