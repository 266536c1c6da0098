package org.campops.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every figure of one camp week (Monday to Sunday in the camp's zone), computed from the database. The charts, the CSV
 * and the text summary are drawn from this value only.
 *
 * @param week the ISO week label, for example {@code 2026-W49}
 * @param monday the week's first day in the camp's zone
 */
public record WeeklyFigures(
        String week,
        LocalDate monday,
        Qa qa,
        List<TeamMentoring> mentoring,
        List<MentorDuties> duties,
        OfficeHours officeHours) {

    public WeeklyFigures {
        mentoring = List.copyOf(mentoring);
        duties = List.copyOf(duties);
    }

    /** True when nothing at all happened in the week: the report says so instead of drawing empty charts. */
    public boolean empty() {
        return qa.perDay().isEmpty()
                && mentoring.stream().allMatch(t -> t.held() == 0 && t.skipped() == 0)
                && duties.stream().allMatch(d -> d.total() == 0)
                && officeHours.held() == 0
                && officeHours.rsvps() == 0;
    }

    /**
     * Q&A of the week.
     *
     * @param perDay questions asked per day and topic (only non-zero counts), in day then topic order
     * @param firstReply the median time to the first mentor reply for this week and the 7 before it, oldest first
     * @param target the camp's answer-time target ({@code qa.escalateAfter})
     * @param unansweredPastTarget questions asked this week still without a mentor reply after the target
     * @param previousAsked questions asked the week before, for the week-over-week change
     */
    public record Qa(
            List<DayCount> perDay,
            List<WeekMedian> firstReply,
            Duration target,
            int unansweredPastTarget,
            int previousAsked) {
        public Qa {
            perDay = List.copyOf(perDay);
            firstReply = List.copyOf(firstReply);
        }

        public int asked() {
            return perDay.stream().mapToInt(DayCount::count).sum();
        }
    }

    /** Questions asked on one day about one topic. */
    public record DayCount(LocalDate day, String topic, int count) {}

    /** The median of one week; {@code median} is null when no question of that week had a mentor reply. */
    public record WeekMedian(String week, @Nullable Duration median) {}

    /**
     * One team's mentoring in the week.
     *
     * @param attendanceRate attended / (held sessions x members), null when no session was held
     * @param feedbackAverages the average feedback rating of each of the last 4 weeks (oldest first), null for a week
     *     with no rating
     */
    public record TeamMentoring(
            String team,
            int held,
            int skipped,
            @Nullable Double attendanceRate,
            List<@Nullable Double> feedbackAverages) {
        public TeamMentoring {
            feedbackAverages = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(feedbackAverages));
        }
    }

    /** One mentor's duties of the week: weekly discussion posts and wrap-up reviews, done / open / late. */
    public record MentorDuties(
            String mentor,
            int postsDone,
            int postsOpen,
            int postsLate,
            int reviewsDone,
            int reviewsOpen,
            int reviewsLate) {
        public int late() {
            return postsLate + reviewsLate;
        }

        public int total() {
            return postsDone + postsOpen + postsLate + reviewsDone + reviewsOpen + reviewsLate;
        }
    }

    /** Office hours held in the week and the RSVPs they had. */
    public record OfficeHours(int held, int rsvps) {}
}
