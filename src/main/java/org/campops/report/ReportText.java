package org.campops.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.campops.chat.Messages;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The report's text: a short summary of the week with the change from the week before (e.g. "median first mentor
 * reply 3.2 h (-0.8 h)"), in Korean or English, within one Discord message; "no data this week" for an empty week.
 */
public final class ReportText {
    private static final int LATE_NAMES = 5;

    private ReportText() {}

    /** The summary of {@code now}, its changes measured against {@code before} (the week before it). */
    public static String summary(WeeklyFigures now, WeeklyFigures before, Locale l) {
        StringBuilder sb = new StringBuilder(Messages.get(
                l,
                "report.title",
                now.week(),
                now.monday().toString(),
                now.monday().plusDays(6).toString()));
        if (now.empty()) {
            return sb.append('\n').append(Messages.get(l, "report.empty")).toString();
        }
        WeeklyFigures.Qa qa = now.qa();
        sb.append('\n').append(Messages.get(l, "report.qa.asked", qa.asked(), count(qa.asked() - qa.previousAsked())));
        @Nullable Duration median = lastMedian(qa.firstReply(), 1);
        @Nullable Duration previous = lastMedian(qa.firstReply(), 2);
        sb.append('\n')
                .append(Messages.get(
                        l,
                        "report.qa.median",
                        median == null ? Messages.get(l, "report.none") : hours(median, l),
                        median == null || previous == null ? "-" : signedHours(median.minus(previous), l),
                        hours(qa.target(), l)));
        sb.append('\n').append(Messages.get(l, "report.qa.late", qa.unansweredPastTarget(), hours(qa.target(), l)));
        int held = sum(now.mentoring(), true);
        int skipped = sum(now.mentoring(), false);
        @Nullable Double rate = attendance(now.mentoring());
        @Nullable Double rateBefore = attendance(before.mentoring());
        sb.append('\n')
                .append(Messages.get(
                        l,
                        "report.mentoring",
                        held,
                        count(held - sum(before.mentoring(), true)),
                        skipped,
                        rate == null ? Messages.get(l, "report.none") : percent(rate),
                        rate == null || rateBefore == null ? "-" : points(rate - rateBefore, l)));
        int late =
                now.duties().stream().mapToInt(WeeklyFigures.MentorDuties::late).sum();
        int lateBefore = before.duties().stream()
                .mapToInt(WeeklyFigures.MentorDuties::late)
                .sum();
        int open = now.duties().stream()
                .mapToInt(d -> d.postsOpen() + d.reviewsOpen())
                .sum();
        sb.append('\n').append(Messages.get(l, "report.duties", late, count(late - lateBefore), open));
        List<String> lateNames = now.duties().stream()
                .filter(d -> d.late() > 0)
                .limit(LATE_NAMES)
                .map(d -> Texts.clip(d.mentor(), 60) + " " + d.late())
                .toList();
        if (!lateNames.isEmpty()) {
            sb.append('\n').append(Messages.get(l, "report.duties.late", String.join(", ", lateNames)));
        }
        WeeklyFigures.OfficeHours oh = now.officeHours();
        sb.append('\n')
                .append(Messages.get(
                        l,
                        "report.officeHours",
                        oh.held(),
                        count(oh.held() - before.officeHours().held()),
                        oh.rsvps(),
                        count(oh.rsvps() - before.officeHours().rsvps())));
        return Texts.clip(sb.toString(), Texts.MAX_MESSAGE);
    }

    /** Sessions held (or skipped) over all teams. */
    static int sum(List<WeeklyFigures.TeamMentoring> teams, boolean held) {
        return teams.stream().mapToInt(t -> held ? t.held() : t.skipped()).sum();
    }

    /** Attended over expected across the teams that held sessions; null when none did. */
    static @Nullable Double attendance(List<WeeklyFigures.TeamMentoring> teams) {
        double weighted = 0;
        int sessions = 0;
        for (WeeklyFigures.TeamMentoring t : teams) {
            if (t.attendanceRate() != null) {
                weighted += Objects.requireNonNull(t.attendanceRate()) * t.held();
                sessions += t.held();
            }
        }
        return sessions == 0 ? null : weighted / sessions;
    }

    /** The median of the {@code fromEnd}-th week from the end (1: the report's week). */
    private static @Nullable Duration lastMedian(List<WeeklyFigures.WeekMedian> medians, int fromEnd) {
        return medians.size() < fromEnd
                ? null
                : medians.get(medians.size() - fromEnd).median();
    }

    static String hours(Duration d, Locale l) {
        return Messages.get(l, "report.hours", String.format(Locale.ROOT, "%.1f", d.toSeconds() / 3600.0));
    }

    static String signedHours(Duration d, Locale l) {
        return Messages.get(l, "report.hours", String.format(Locale.ROOT, "%+.1f", d.toSeconds() / 3600.0));
    }

    static String count(int change) {
        return String.format(Locale.ROOT, "%+d", change);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    static String points(double change, Locale l) {
        return Messages.get(l, "report.points", String.format(Locale.ROOT, "%+.0f", change * 100));
    }
}
