package org.campops.report;

import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/** Office hours of the week: sessions held and the RSVPs they had, as two labelled bars. */
final class OfficeHoursChart {
    static final int HEIGHT = 360;

    private OfficeHoursChart() {}

    static ReportCharts.Chart officeHours(WeeklyFigures f, ChartStyle s) {
        WeeklyFigures.OfficeHours oh = f.officeHours();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        boolean any = oh.held() + oh.rsvps() > 0;
        if (any) {
            String row = s.text("officeHours.title", f.week());
            data.addValue(oh.held(), row, s.text("officeHours.held"));
            data.addValue(oh.rsvps(), row, s.text("officeHours.rsvps"));
        }
        JFreeChart chart = s.bars(
                s.text("officeHours.title", f.week()),
                null,
                s.text("officeHours.axis"),
                data,
                true,
                false,
                s.text("officeHours.none"));
        chart.removeLegend();
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setMaximumBarWidth(0.5);
        renderer.setItemLabelAnchorOffset(6);
        chart.getCategoryPlot().getRangeAxis().setUpperMargin(0.1);
        renderer.setDefaultItemLabelFont(s.font().deriveFont(Font.BOLD, 16f));
        ChartStyle.colours(chart, List.of(ChartStyle.palette(5)));
        return new ReportCharts.Chart("office-hours", chart, any ? HEIGHT : ChartStyle.NO_DATA_HEIGHT);
    }
}
