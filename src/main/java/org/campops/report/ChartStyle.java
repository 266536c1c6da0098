package org.campops.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.campops.chat.Messages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jspecify.annotations.Nullable;

/**
 * How every chart of the report looks, in one place: a light card (near-white background, dark text, mid-tone series
 * colours) that reads the same on Discord's dark and light themes; the font that displays the report's names; texts
 * from the message bundles in the reader's language; and the PNG encoding.
 */
final class ChartStyle {
    /** Every image is this wide (Discord shows at most 1,600 px; the report's limit). */
    static final int WIDTH = 1200;
    /** Height of a vertical chart and of an area that only says it has no data. */
    static final int HEIGHT = 560;

    static final int NO_DATA_HEIGHT = 240;

    static final Color BACKGROUND = new Color(0xF7, 0xF8, 0xFA);
    static final Color PLOT = Color.WHITE;
    static final Color TEXT = new Color(0x1F, 0x23, 0x28);
    static final Color MUTED = new Color(0x5C, 0x63, 0x6E);
    static final Color GRID = new Color(0xD5, 0xD9, 0xDF);

    static final Color GOOD = new Color(0x2E, 0x9E, 0x5B);
    static final Color OPEN = new Color(0xE3, 0xA0, 0x08);
    static final Color LATE = new Color(0xD6, 0x33, 0x3A);
    static final Color TARGET = LATE;

    /** Series colours (topics, weeks): distinct mid tones, each readable on white. */
    static final List<Color> PALETTE = List.of(
            new Color(0x3B, 0x6F, 0xD6),
            new Color(0xE3, 0x7B, 0x1C),
            new Color(0x2E, 0x9E, 0x5B),
            new Color(0x9B, 0x4D, 0xCA),
            new Color(0xD6, 0x33, 0x3A),
            new Color(0x1B, 0x9A, 0xAA),
            new Color(0xC2, 0x4C, 0x8D),
            new Color(0x7A, 0x8B, 0x18),
            new Color(0x8C, 0x56, 0x3B),
            new Color(0x4D, 0x5B, 0xC0),
            new Color(0x5F, 0x8F, 0x3E),
            new Color(0xB8, 0x86, 0x0B));

    private final Locale locale;
    private final Font font;

    ChartStyle(Locale locale, Font font) {
        this.locale = locale;
        this.font = font;
    }

    Locale locale() {
        return locale;
    }

    Font font() {
        return font;
    }

    /** A text of the message bundles ({@code report.chart.KEY}) in the reader's language. */
    String text(String key, @Nullable Object... args) {
        return Messages.get(locale, "report.chart." + key, args);
    }

    /** The ISO week label of the week that starts {@code weeksBack} weeks before {@code monday}, e.g. W47. */
    static String shortWeek(LocalDate monday, int weeksBack) {
        LocalDate d = monday.minusWeeks(weeksBack);
        return "W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    /** A bar chart over {@code data} with the report's look; an empty data set shows {@code noData} instead. */
    JFreeChart bars(
            String title,
            @Nullable String subtitle,
            String valueAxis,
            DefaultCategoryDataset data,
            boolean horizontal,
            boolean stacked,
            String noData) {
        CategoryAxis categories = new CategoryAxis(null);
        NumberAxis values = new NumberAxis(valueAxis);
        BarRenderer renderer = stacked ? new StackedBarRenderer() : new BarRenderer();
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        JFreeChart chart = new JFreeChart(title, plot);
        style(chart, subtitle, noData);
        renderer.setMaximumBarWidth(horizontal ? 0.9 : 0.12);
        renderer.setItemMargin(0.02);
        categories.setCategoryMargin(horizontal ? 0.25 : 0.2);
        categories.setMaximumCategoryLabelLines(2);
        categories.setLowerMargin(horizontal ? 0.01 : 0.03);
        categories.setUpperMargin(horizontal ? 0.01 : 0.03);
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits(locale));
        return chart;
    }

    /** Fonts, colours, subtitle and the no-data message of {@code chart}. */
    void style(JFreeChart chart, @Nullable String subtitle, String noData) {
        theme().apply(chart);
        chart.setPadding(new RectangleInsets(12, 16, 12, 24));
        chart.getTitle().setPaint(TEXT);
        if (subtitle != null) {
            TextTitle sub = new TextTitle(subtitle, font.deriveFont(Font.PLAIN, 15f));
            sub.setPaint(MUTED);
            chart.addSubtitle(sub);
        }
        var plot = chart.getPlot();
        plot.setNoDataMessage(noData);
        plot.setNoDataMessageFont(font.deriveFont(Font.PLAIN, 20f));
        plot.setNoDataMessagePaint(MUTED);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot category) {
            category.setRangeGridlineStroke(new BasicStroke(1f));
            category.getRenderer().setDefaultItemLabelFont(font.deriveFont(Font.PLAIN, 13f));
            category.getRenderer().setDefaultItemLabelPaint(TEXT);
            if (category.getDataset() == null || category.getDataset().getRowCount() == 0) {
                // only the message: no empty axes
                category.getDomainAxis().setVisible(false);
                category.getRangeAxis().setVisible(false);
                category.setRangeGridlinesVisible(false);
                category.setDomainGridlinesVisible(false);
            }
        }
    }

    /** The series colours, in order, on the chart's (only) renderer. */
    static void colours(JFreeChart chart, List<? extends Paint> paints) {
        var renderer = chart.getCategoryPlot().getRenderer();
        for (int i = 0; i < paints.size(); i++) {
            renderer.setSeriesPaint(i, paints.get(i));
        }
    }

    /** The palette's colour {@code i} (cycling). */
    static Color palette(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /** {@code colour} mixed with white by {@code amount} (0 = unchanged, 1 = white), at most 70% so it stays visible. */
    static Color shade(Color colour, double amount) {
        double a = Math.min(0.7, amount);
        return new Color(
                (int) (colour.getRed() + (255 - colour.getRed()) * a),
                (int) (colour.getGreen() + (255 - colour.getGreen()) * a),
                (int) (colour.getBlue() + (255 - colour.getBlue()) * a));
    }

    /**
     * {@code names} with a repeated one numbered ("김민수", "김민수 (2)"): a chart's rows are keyed by their label, so
     * two mentors of the same name would otherwise share one bar.
     */
    static List<String> unique(List<String> names) {
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String label = name;
            for (int k = 2; !used.add(label); k++) {
                label = name + " (" + k + ")";
            }
            out.add(label);
        }
        return out;
    }

    /** The height a horizontal bar chart of {@code rows} categories needs (at least 320 px). */
    static int rowsHeight(int rows, int perRow) {
        return Math.max(320, 200 + rows * perRow);
    }

    private StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("campops");
        theme.setExtraLargeFont(font.deriveFont(Font.BOLD, 22f));
        theme.setLargeFont(font.deriveFont(Font.PLAIN, 16f));
        theme.setRegularFont(font.deriveFont(Font.PLAIN, 15f));
        theme.setSmallFont(font.deriveFont(Font.PLAIN, 13f));
        theme.setTitlePaint(TEXT);
        theme.setSubtitlePaint(MUTED);
        theme.setChartBackgroundPaint(BACKGROUND);
        theme.setPlotBackgroundPaint(PLOT);
        theme.setPlotOutlinePaint(GRID);
        theme.setLegendBackgroundPaint(BACKGROUND);
        theme.setLegendItemPaint(TEXT);
        theme.setAxisLabelPaint(TEXT);
        theme.setTickLabelPaint(TEXT);
        theme.setItemLabelPaint(TEXT);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.setAxisOffset(RectangleInsets.ZERO_INSETS);
        theme.setDrawingSupplier(new DefaultDrawingSupplier(
                PALETTE.toArray(new Paint[0]),
                DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        return theme;
    }

    /** {@code chart} drawn {@code width} x {@code height} as PNG bytes. */
    static byte[] png(JFreeChart chart, int width, int height) {
        return PngEncoder.encode(chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null));
    }
}
