package org.campops.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;

/** Duties per mentor: weekly posts and wrap-up reviews late / open / done as stacked bars, the latest mentors first. */
final class DutiesChart {
    private DutiesChart() {}

    static ReportCharts.Chart duties(WeeklyFigures f, ChartStyle s) {
        List<WeeklyFigures.MentorDuties> mentors =
                new ArrayList<>(f.duties().stream().filter(d -> d.total() > 0).toList());
        mentors.sort(Comparator.comparingInt(WeeklyFigures.MentorDuties::late)
                .reversed()
                .thenComparing(
                        Comparator.comparingInt((WeeklyFigures.MentorDuties d) -> d.postsOpen() + d.reviewsOpen())
                                .reversed())
                .thenComparing(WeeklyFigures.MentorDuties::mentor));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String[] series = {
            s.text("duties.postsLate"),
            s.text("duties.reviewsLate"),
            s.text("duties.postsOpen"),
            s.text("duties.reviewsOpen"),
            s.text("duties.postsDone"),
            s.text("duties.reviewsDone")
        };
        List<String> names = ChartStyle.unique(
                mentors.stream().map(WeeklyFigures.MentorDuties::mentor).toList());
        for (int m = 0; m < mentors.size(); m++) {
            WeeklyFigures.MentorDuties d = mentors.get(m);
            int[] values = {
                d.postsLate(), d.reviewsLate(), d.postsOpen(), d.reviewsOpen(), d.postsDone(), d.reviewsDone()
            };
            for (int i = 0; i < series.length; i++) {
                data.addValue(values[i], series[i], names.get(m));
            }
        }
        JFreeChart chart = s.bars(
                s.text("duties.title", f.week()), null, s.text("duties.axis"), data, true, true, s.text("duties.none"));
        ChartStyle.colours(
                chart,
                List.of(
                        ChartStyle.LATE,
                        ChartStyle.shade(ChartStyle.LATE, 0.45),
                        ChartStyle.OPEN,
                        ChartStyle.shade(ChartStyle.OPEN, 0.45),
                        ChartStyle.GOOD,
                        ChartStyle.shade(ChartStyle.GOOD, 0.45)));
        return new ReportCharts.Chart(
                "duties",
                chart,
                mentors.isEmpty() ? ChartStyle.NO_DATA_HEIGHT : ChartStyle.rowsHeight(mentors.size(), 26));
    }
}
