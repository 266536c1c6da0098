package org.campops.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.jfree.chart.ChartRenderingInfo;
import org.junit.jupiter.api.Test;

class ReportChartsTest {
    static final int MAX_WIDTH = 1600;
    static final int MAX_BYTES = 1024 * 1024;

    @Test
    void everyAreaIsAPngWithinDiscordsLimitsWithDrawnData() throws Exception {
        WeeklyFigures f = ChartFigures.seeded();
        List<Reply.Attachment> images = ReportCharts.render(f, Messages.KOREAN);
        List<ReportCharts.Chart> charts = ReportCharts.charts(f, Messages.KOREAN);

        assertThat(images).hasSize(6);
        assertThat(images)
                .extracting(Reply.Attachment::fileName)
                .containsExactly(
                        "report-2026-W49-1-qa-per-day.png",
                        "report-2026-W49-2-qa-first-reply.png",
                        "report-2026-W49-3-mentoring-sessions.png",
                        "report-2026-W49-4-mentoring-feedback.png",
                        "report-2026-W49-5-duties.png",
                        "report-2026-W49-6-office-hours.png");
        for (int i = 0; i < images.size(); i++) {
            Reply.Attachment image = images.get(i);
            BufferedImage png = decodeWithinLimits(image);
            Rectangle area = dataArea(charts.get(i));
            assertThat(colouredPixels(png, area))
                    .as("%s: series colours drawn inside the chart's data area %s", image.fileName(), area)
                    .isGreaterThan(300);
        }
    }

    @Test
    void theChosenFontDisplaysTheCampsKoreanNames() {
        WeeklyFigures f = ChartFigures.seeded();
        Font font = ReportCharts.font(f, Messages.KOREAN);
        for (String name : ChartFigures.KOREAN_NAMES) {
            assertThat(font.canDisplayUpTo(name))
                    .as(
                            "font %s must display %s (install fonts-nanum: apt-get install fonts-nanum)",
                            font.getFamily(), name)
                    .isEqualTo(-1);
        }
        for (String text : ReportCharts.texts(f, Messages.KOREAN)) {
            assertThat(font.canDisplayUpTo(text)).as(text).isEqualTo(-1);
        }
        // the charts draw with that font
        for (ReportCharts.Chart chart : ReportCharts.charts(f, Messages.KOREAN)) {
            assertThat(chart.chart().getTitle().getFont().getFamily()).isEqualTo(font.getFamily());
            assertThat(chart.chart()
                            .getCategoryPlot()
                            .getDomainAxis()
                            .getTickLabelFont()
                            .getFamily())
                    .isEqualTo(font.getFamily());
        }
    }

    @Test
    void withoutAFontForTheTextTheChartsFallBackToSansSerif() {
        // U+0378 is unassigned: no font displays it (an error is logged once, naming the character and fonts-nanum)
        assertThat(ChartFonts.forTexts(List.of("팀 \u0378")).getFamily()).isEqualTo(Font.SANS_SERIF);
        assertThat(ChartFonts.forTexts(List.of("김멘토")).canDisplayUpTo("김멘토")).isEqualTo(-1);
    }

    @Test
    void twoMentorsOfTheSameNameGetTwoRows() {
        WeeklyFigures s = ChartFigures.seeded();
        WeeklyFigures f = new WeeklyFigures(
                s.week(),
                s.monday(),
                s.qa(),
                s.mentoring(),
                List.of(
                        new WeeklyFigures.MentorDuties("김멘토", 1, 0, 0, 0, 0, 0),
                        new WeeklyFigures.MentorDuties("김멘토", 0, 1, 0, 0, 0, 0)),
                s.officeHours());
        var duties = ReportCharts.charts(f, Messages.KOREAN)
                .get(4)
                .chart()
                .getCategoryPlot()
                .getDataset();
        assertThat(duties.getColumnKeys()).containsExactly("김멘토", "김멘토 (2)");
    }

    @Test
    void anEmptyWeekGivesNoImages() {
        assertThat(ChartFigures.empty().empty()).isTrue();
        assertThat(ReportCharts.render(ChartFigures.empty(), Messages.KOREAN)).isEmpty();
        assertThat(ReportCharts.render(ChartFigures.empty(), Messages.ENGLISH)).isEmpty();
    }

    @Test
    void anAreaWithoutDataSaysSoInItsImage() throws Exception {
        WeeklyFigures f = ChartFigures.qaOnly();
        List<Reply.Attachment> images = ReportCharts.render(f, Messages.ENGLISH);
        List<ReportCharts.Chart> charts = ReportCharts.charts(f, Messages.ENGLISH);
        assertThat(images).hasSize(6);
        List<String> none =
                List.of("firstReply.none", "sessions.none", "feedback.none", "duties.none", "officeHours.none");
        for (int i = 1; i < charts.size(); i++) {
            var plot = charts.get(i).chart().getCategoryPlot();
            assertThat(plot.getDataset().getRowCount())
                    .as(images.get(i).fileName())
                    .isZero();
            assertThat(plot.getNoDataMessage())
                    .isEqualTo(Messages.get(Locale.ENGLISH, "report.chart." + none.get(i - 1)))
                    .startsWith("No ");
            BufferedImage png = decodeWithinLimits(images.get(i));
            Rectangle area = dataArea(charts.get(i));
            // the message is drawn (dark text pixels) where the chart would be, no bars
            assertThat(darkPixels(png, area)).as(images.get(i).fileName()).isGreaterThan(100);
            assertThat(colouredPixels(png, area)).as(images.get(i).fileName()).isZero();
        }
        assertThat(colouredPixels(decodeWithinLimits(images.get(0)), dataArea(charts.get(0))))
                .isGreaterThan(300);
    }

    @Test
    void labelsFollowTheLocale() {
        WeeklyFigures f = ChartFigures.seeded();
        assertThat(ReportCharts.charts(f, Messages.ENGLISH)
                        .get(0)
                        .chart()
                        .getTitle()
                        .getText())
                .isEqualTo("Questions per day by topic, 2026-W49");
        assertThat(ReportCharts.charts(f, Messages.KOREAN)
                        .get(0)
                        .chart()
                        .getTitle()
                        .getText())
                .isEqualTo("주제별 하루 질문 수, 2026-W49");
        var sessions = ReportCharts.charts(f, Messages.KOREAN)
                .get(2)
                .chart()
                .getCategoryPlot()
                .getDataset();
        assertThat(sessions.getColumnKeys()).containsExactly("컴퓨터비전-01 (출석률 80%)", "자연어처리-02 (진행한 세션 없음)");
        var duties = ReportCharts.charts(f, Messages.ENGLISH)
                .get(4)
                .chart()
                .getCategoryPlot()
                .getDataset();
        assertThat(duties.getColumnKeys()).as("late first").containsExactly("이멘토", "김멘토");
    }

    @Test
    void thirtyTeamsAndSixtyMentorsStillFit() throws Exception {
        WeeklyFigures f = ChartFigures.large(300, 30, 60, 26, 5_000, 7);
        List<Reply.Attachment> images = ReportCharts.render(f, Messages.KOREAN);
        List<ReportCharts.Chart> charts = ReportCharts.charts(f, Messages.KOREAN);
        assertThat(images).hasSize(6);
        for (int i = 0; i < images.size(); i++) {
            BufferedImage png = decodeWithinLimits(images.get(i));
            assertThat(png.getHeight()).as(images.get(i).fileName()).isLessThanOrEqualTo(2400);
            Rectangle area = dataArea(charts.get(i));
            assertThat(colouredPixels(png, area)).as(images.get(i).fileName()).isGreaterThan(300);
        }
        assertThat(charts.get(2).chart().getCategoryPlot().getDataset().getColumnCount())
                .isEqualTo(30);
        assertThat(charts.get(4).chart().getCategoryPlot().getDataset().getColumnCount())
                .isEqualTo(60);
        // each team row and each mentor row gets at least 20 px of the data area
        assertThat(dataArea(charts.get(2)).height).isGreaterThanOrEqualTo(30 * 20);
        assertThat(dataArea(charts.get(4)).height).isGreaterThanOrEqualTo(60 * 20);
    }

    /** Decodes {@code image} and checks the limits: PNG, at most 1,600 px wide, under 1 MB. */
    static BufferedImage decodeWithinLimits(Reply.Attachment image) throws Exception {
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.content().length).as(image.fileName()).isLessThan(MAX_BYTES);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.content()));
        assertThat(png).as(image.fileName() + " decodes").isNotNull();
        assertThat(png.getWidth())
                .as(image.fileName())
                .isLessThanOrEqualTo(MAX_WIDTH)
                .isGreaterThan(0);
        return png;
    }

    /** Where the chart draws its data, laid out as for the image (a fresh chart of the same figures). */
    static Rectangle dataArea(ReportCharts.Chart chart) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.chart().createBufferedImage(ChartStyle.WIDTH, chart.height(), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        return area.getBounds();
    }

    /** Pixels in {@code area} of a saturated colour (bars, lines; not the background, grid or text). */
    static int colouredPixels(BufferedImage png, Rectangle area) {
        int n = 0;
        for (int y = area.y; y < area.y + area.height && y < png.getHeight(); y++) {
            for (int x = area.x; x < area.x + area.width && x < png.getWidth(); x++) {
                float[] hsb = hsb(png.getRGB(x, y));
                if (hsb[1] > 0.35f && hsb[2] > 0.25f) {
                    n++;
                }
            }
        }
        return n;
    }

    static int darkPixels(BufferedImage png, Rectangle area) {
        int n = 0;
        for (int y = area.y; y < area.y + area.height && y < png.getHeight(); y++) {
            for (int x = area.x; x < area.x + area.width && x < png.getWidth(); x++) {
                if (hsb(png.getRGB(x, y))[2] < 0.6f) {
                    n++;
                }
            }
        }
        return n;
    }

    private static float[] hsb(int rgb) {
        Color c = new Color(rgb);
        return Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
    }
}
