package org.campops.report;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/** The Q&A charts: questions per day by topic, and the median time to the first mentor reply over 8 weeks. */
final class QaCharts {
    private QaCharts() {}

    /** Stacked bars: one bar per day of the week (all 7, empty days too), one colour per topic. */
    static ReportCharts.Chart perDay(WeeklyFigures f, ChartStyle s) {
        WeeklyFigures.Qa qa = f.qa();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        if (!qa.perDay().isEmpty()) {
            Set<String> topics = new LinkedHashSet<>();
            qa.perDay().forEach(d -> topics.add(d.topic()));
            DateTimeFormatter day = DateTimeFormatter.ofPattern(
                    s.locale().getLanguage().equals("ko") ? "M/d (E)" : "EEE M/d", s.locale());
            for (int i = 0; i < 7; i++) {
                LocalDate date = f.monday().plusDays(i);
                for (String topic : topics) {
                    data.addValue(0, topic, date.format(day));
                }
            }
            for (WeeklyFigures.DayCount c : qa.perDay()) {
                String column = c.day().format(day);
                if (data.getColumnIndex(column) >= 0) {
                    Number old = data.getValue(c.topic(), column);
                    data.setValue((old == null ? 0 : old.intValue()) + c.count(), c.topic(), column);
                }
            }
        }
        String subtitle = qa.perDay().isEmpty()
                ? null
                : s.text(
                        "qaPerDay.subtitle",
                        qa.asked(),
                        qa.previousAsked(),
                        qa.unansweredPastTarget(),
                        hours(qa.target(), s));
        JFreeChart chart = s.bars(
                s.text("qaPerDay.title", f.week()),
                subtitle,
                s.text("qaPerDay.axis"),
                data,
                false,
                true,
                s.text("qaPerDay.none"));
        List<Paint> paints = new ArrayList<>();
        for (int i = 0; i < data.getRowCount(); i++) {
            paints.add(ChartStyle.palette(i));
        }
        ChartStyle.colours(chart, paints);
        return new ReportCharts.Chart(
                "qa-per-day", chart, data.getRowCount() == 0 ? ChartStyle.NO_DATA_HEIGHT : ChartStyle.HEIGHT);
    }

    /** A line of the weekly medians (hours; a week without a reply is a gap) under the target's line. */
    static ReportCharts.Chart firstReply(WeeklyFigures f, ChartStyle s) {
        WeeklyFigures.Qa qa = f.qa();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean any = qa.firstReply().stream().anyMatch(w -> w.median() != null);
        double max = 0;
        if (any) {
            String series = s.text("firstReply.series");
            for (WeeklyFigures.WeekMedian w : qa.firstReply()) {
                Duration median = w.median();
                Double value = median == null ? null : median.toSeconds() / 3600.0;
                data.addValue(value, series, w.week());
                max = Math.max(max, value == null ? 0 : value);
            }
        }
        double target = qa.target().toSeconds() / 3600.0;
        CategoryAxis weeks = new CategoryAxis(null);
        NumberAxis hours = new NumberAxis(s.text("firstReply.axis"));
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        CategoryPlot plot = new CategoryPlot(data, weeks, hours, renderer);
        JFreeChart chart = new JFreeChart(s.text("firstReply.title"), plot);
        s.style(chart, null, s.text("firstReply.none"));
        chart.removeLegend();
        renderer.setSeriesPaint(0, ChartStyle.palette(0));
        renderer.setSeriesStroke(0, new BasicStroke(3.5f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", oneDecimal(s)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(s.font().deriveFont(Font.BOLD, 14f));
        hours.setRange(0, Math.max(max, target) * 1.2 + 0.5);
        hours.setNumberFormatOverride(oneDecimal(s));
        if (any) {
            ValueMarker marker = new ValueMarker(
                    target,
                    ChartStyle.TARGET,
                    new BasicStroke(
                            2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {10f, 6f}, 0f));
            marker.setLabel(s.text("firstReply.target", hours(qa.target(), s)));
            marker.setLabelFont(s.font().deriveFont(Font.BOLD, 15f));
            marker.setLabelPaint(ChartStyle.TARGET);
            marker.setLabelBackgroundColor(ChartStyle.PLOT);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker, Layer.BACKGROUND);
        }
        return new ReportCharts.Chart("qa-first-reply", chart, any ? ChartStyle.HEIGHT : ChartStyle.NO_DATA_HEIGHT);
    }

    /** A duration in hours with at most one decimal, e.g. "3.5". */
    static String hours(Duration d, ChartStyle s) {
        return oneDecimal(s).format(d.toSeconds() / 3600.0);
    }

    private static NumberFormat oneDecimal(ChartStyle s) {
        NumberFormat format = NumberFormat.getNumberInstance(s.locale());
        format.setMaximumFractionDigits(1);
        format.setMinimumFractionDigits(0);
        return format;
    }
}
