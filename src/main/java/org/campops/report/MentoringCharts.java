package org.campops.report;

import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.category.DefaultCategoryDataset;

/** The mentoring charts: sessions held / skipped per team with the attendance rate, and feedback averages. */
final class MentoringCharts {
    private MentoringCharts() {}

    /** Horizontal stacked bars per team (held, skipped); the team's label carries its attendance rate. */
    static ReportCharts.Chart sessions(WeeklyFigures f, ChartStyle s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean any = f.mentoring().stream().anyMatch(t -> t.held() + t.skipped() > 0);
        if (any) {
            String held = s.text("sessions.held");
            String skipped = s.text("sessions.skipped");
            List<String> names = ChartStyle.unique(f.mentoring().stream()
                    .map(WeeklyFigures.TeamMentoring::team)
                    .toList());
            for (int i = 0; i < names.size(); i++) {
                WeeklyFigures.TeamMentoring t = f.mentoring().get(i);
                Double rate = t.attendanceRate();
                String label = rate == null
                        ? s.text("sessions.teamNoRate", names.get(i))
                        : s.text("sessions.team", names.get(i), rate);
                data.addValue(t.held(), held, label);
                data.addValue(t.skipped(), skipped, label);
            }
        }
        JFreeChart chart = s.bars(
                s.text("sessions.title", f.week()),
                null,
                s.text("sessions.axis"),
                data,
                true,
                true,
                s.text("sessions.none"));
        ChartStyle.colours(chart, List.of(ChartStyle.GOOD, ChartStyle.LATE));
        return new ReportCharts.Chart(
                "mentoring-sessions",
                chart,
                any ? ChartStyle.rowsHeight(data.getColumnCount(), 30) : ChartStyle.NO_DATA_HEIGHT);
    }

    /** Grouped horizontal bars per team: one bar per week of the last 4 (oldest first); teams never rated are counted. */
    static ReportCharts.Chart feedback(WeeklyFigures f, ChartStyle s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int weeks = f.mentoring().stream()
                .mapToInt(t -> t.feedbackAverages().size())
                .max()
                .orElse(0);
        int unrated = 0;
        double max = 5;
        List<String> names = ChartStyle.unique(
                f.mentoring().stream().map(WeeklyFigures.TeamMentoring::team).toList());
        for (int i = 0; i < names.size(); i++) {
            List<Double> averages = f.mentoring().get(i).feedbackAverages();
            if (averages.stream().allMatch(a -> a == null)) {
                unrated++;
                continue;
            }
            for (int w = 0; w < weeks; w++) {
                int back = weeks - 1 - w;
                int index = averages.size() - 1 - back;
                Double value = index >= 0 ? averages.get(index) : null;
                data.addValue(value, ChartStyle.shortWeek(f.monday(), back), names.get(i));
                max = Math.max(max, value == null ? 0 : value);
            }
        }
        boolean any = data.getColumnCount() > 0;
        String subtitle = any && unrated > 0 ? s.text("feedback.unrated", unrated) : null;
        JFreeChart chart = s.bars(
                s.text("feedback.title"),
                subtitle,
                s.text("feedback.axis"),
                data,
                true,
                false,
                s.text("feedback.none"));
        List<Paint> paints = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            // the oldest week palest, this week the strongest blue
            paints.add(ChartStyle.shade(ChartStyle.palette(0), (weeks - 1 - w) / (double) Math.max(weeks, 1)));
        }
        ChartStyle.colours(chart, paints);
        NumberAxis axis = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
        axis.setRange(0, max + 0.3);
        return new ReportCharts.Chart(
                "mentoring-feedback",
                chart,
                any ? ChartStyle.rowsHeight(data.getColumnCount(), 14 + 10 * weeks) : ChartStyle.NO_DATA_HEIGHT);
    }
}
