package org.campops.report;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.jfree.chart.JFreeChart;

/**
 * The weekly report's charts as PNG attachments, one image per area: questions per day by topic, median first mentor
 * reply over 8 weeks against the target, mentoring sessions per team, feedback averages per team, duties per mentor,
 * office hours. Each is {@value ChartStyle#WIDTH} px wide (taller with more teams or mentors), a light card that
 * reads on Discord's dark and light themes, in the reader's language, in a font that displays the camp's Korean
 * names (see {@link ChartFonts}). An area without data says so in its image; an empty week gives no images (the text
 * summary says so). Drawn headless with JFreeChart.
 */
public final class ReportCharts {
    static final String CONTENT_TYPE = "image/png";

    /** The message keys of every fixed chart text, for the font check (patterns: their arguments are names). */
    static final List<String> KEYS = List.of(
            "qaPerDay.title",
            "qaPerDay.subtitle",
            "qaPerDay.axis",
            "qaPerDay.none",
            "firstReply.title",
            "firstReply.axis",
            "firstReply.series",
            "firstReply.target",
            "firstReply.none",
            "sessions.title",
            "sessions.held",
            "sessions.skipped",
            "sessions.team",
            "sessions.teamNoRate",
            "sessions.axis",
            "sessions.none",
            "feedback.title",
            "feedback.axis",
            "feedback.unrated",
            "feedback.none",
            "duties.title",
            "duties.axis",
            "duties.none",
            "duties.postsLate",
            "duties.postsOpen",
            "duties.postsDone",
            "duties.reviewsLate",
            "duties.reviewsOpen",
            "duties.reviewsDone",
            "officeHours.title",
            "officeHours.axis",
            "officeHours.held",
            "officeHours.rsvps",
            "officeHours.none");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** One chart of the report: its file name part, the chart and the image height. */
    record Chart(String name, JFreeChart chart, int height) {}

    private ReportCharts() {}

    /** The PNG images of week {@code f} with labels in {@code locale}; none for an empty week. */
    public static List<Reply.Attachment> render(WeeklyFigures f, Locale locale) {
        if (f.empty()) {
            return List.of();
        }
        List<Chart> charts = charts(f, locale);
        // drawn and encoded side by side: each chart is its own object, Java2D and the fonts are thread-safe
        List<byte[]> pngs = charts.parallelStream()
                .map(c -> ChartStyle.png(c.chart(), ChartStyle.WIDTH, c.height()))
                .toList();
        List<Reply.Attachment> out = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            String name =
                    "report-" + f.week() + "-" + (i + 1) + "-" + charts.get(i).name() + ".png";
            out.add(new Reply.Attachment(name, CONTENT_TYPE, pngs.get(i)));
        }
        return List.copyOf(out);
    }

    /** The charts of a week that is not empty, in the report's order. */
    static List<Chart> charts(WeeklyFigures f, Locale locale) {
        ChartStyle s = new ChartStyle(locale, font(f, locale));
        return List.of(
                QaCharts.perDay(f, s),
                QaCharts.firstReply(f, s),
                MentoringCharts.sessions(f, s),
                MentoringCharts.feedback(f, s),
                DutiesChart.duties(f, s),
                OfficeHoursChart.officeHours(f, s));
    }

    /** The font the charts of {@code f} are drawn with: one that displays every name, topic and label in them. */
    static Font font(WeeklyFigures f, Locale locale) {
        return ChartFonts.forTexts(texts(f, locale));
    }

    /** Every text the charts of {@code f} may draw: names, topics, week labels and the fixed texts. */
    static List<String> texts(WeeklyFigures f, Locale locale) {
        List<String> texts = new ArrayList<>();
        texts.add(f.week());
        f.qa().perDay().forEach(d -> texts.add(d.topic()));
        f.qa().firstReply().forEach(w -> texts.add(w.week()));
        f.mentoring().forEach(t -> texts.add(t.team()));
        f.duties().forEach(d -> texts.add(d.mentor()));
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            texts.add(day.getDisplayName(java.time.format.TextStyle.SHORT, locale));
        }
        for (String key : KEYS) {
            texts.add(Messages.get(locale, "report.chart." + key));
        }
        return texts;
    }
}
