package org.campops.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.campops.chat.Messages;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.discussion.DiscussionService;
import org.campops.duties.Duty;
import org.campops.qa.QaStats;
import org.campops.store.Database;
import org.campops.wrapup.WrapupService;
import org.jspecify.annotations.Nullable;

/**
 * Computes the {@link WeeklyFigures} of one camp week from the database, in the camp's zone: Q&A (questions per day and
 * topic, the weekly median of the first mentor reply over 8 weeks, this week's questions left without a mentor reply
 * past {@code qa.escalateAfter}), mentoring per team (sessions held and skipped, attendance, feedback averages of 4
 * weeks), mentors' duties (weekly posts as {@code /duties} shows them, wrap-up reviews one per camper) and office hours.
 * What lies after the clock's now (sessions and office hours not yet started) does not count.
 */
public record ReportFigures(Database db, DiscussionService discussion, CampConfig config, Clock clock) {
    static final int MEDIAN_WEEKS = 8;
    static final int FEEDBACK_WEEKS = 4;
    private static final ReportRepository REPO = new ReportRepository();

    private ZoneId zone() {
        return config.camp().zone();
    }

    /** The week running now in the camp's zone. */
    public ReportWeek thisWeek() {
        return ReportWeek.of(clock.instant(), zone());
    }

    public WeeklyFigures compute(ReportWeek week) {
        Instant now = clock.instant();
        return new WeeklyFigures(
                week.toString(),
                week.monday(),
                qa(week, now),
                mentoring(week, now),
                duties(week, now),
                officeHours(week, now));
    }

    // ---- Q&A ----

    private WeeklyFigures.Qa qa(ReportWeek week, Instant now) {
        ZoneId zone = zone();
        ReportWeek first = week.plusWeeks(-(MEDIAN_WEEKS - 1));
        List<ReportRepository.Asked> all =
                db.inTransaction(c -> REPO.questions(c, first.plusWeeks(-1).start(zone), week.end(zone)));
        Map<ReportWeek, List<Duration>> waits = new TreeMap<>();
        for (int i = 0; i < MEDIAN_WEEKS; i++) {
            waits.put(first.plusWeeks(i), new ArrayList<>());
        }
        Duration target = config.qa().escalateAfter();
        String noTopic = Messages.get(config.camp().locale(), "qa.post.noTopic");
        Map<LocalDate, Map<String, Integer>> perDay = new TreeMap<>();
        int previous = 0;
        int late = 0;
        for (ReportRepository.Asked q : all) {
            ReportWeek w = ReportWeek.of(q.askedAt(), zone);
            Instant reply = q.firstMentorReplyAt();
            List<Duration> list = waits.get(w);
            if (list != null && reply != null) {
                list.add(Duration.between(q.askedAt(), reply));
            }
            if (w.equals(week.plusWeeks(-1))) {
                previous++;
            }
            if (!w.equals(week)) {
                continue;
            }
            String topic = q.topic() == null || q.topic().isBlank() ? noTopic : q.topic();
            perDay.computeIfAbsent(q.askedAt().atZone(zone).toLocalDate(), d -> new TreeMap<>())
                    .merge(topic, 1, Integer::sum);
            Instant deadline = q.askedAt().plus(target);
            if (reply == null ? !now.isBefore(deadline) : reply.isAfter(deadline)) {
                late++;
            }
        }
        List<WeeklyFigures.DayCount> days = new ArrayList<>();
        perDay.forEach(
                (day, topics) -> topics.forEach((topic, n) -> days.add(new WeeklyFigures.DayCount(day, topic, n))));
        List<WeeklyFigures.WeekMedian> medians = new ArrayList<>();
        waits.forEach((w, list) -> medians.add(new WeeklyFigures.WeekMedian(w.toString(), QaStats.median(list))));
        return new WeeklyFigures.Qa(days, medians, target, late, previous);
    }

    // ---- mentoring ----

    private List<WeeklyFigures.TeamMentoring> mentoring(ReportWeek week, Instant now) {
        ZoneId zone = zone();
        ReportWeek first = week.plusWeeks(-(FEEDBACK_WEEKS - 1));
        List<ReportRepository.TeamRow> teams = db.inTransaction(REPO::teams);
        List<ReportRepository.SessionRow> sessions =
                db.inTransaction(c -> REPO.sessions(c, week.start(zone), week.end(zone), now));
        List<ReportRepository.Rating> ratings =
                db.inTransaction(c -> REPO.ratings(c, first.start(zone), week.end(zone)));
        List<WeeklyFigures.TeamMentoring> out = new ArrayList<>();
        for (ReportRepository.TeamRow t : teams) {
            int held = 0;
            int skipped = 0;
            int attended = 0;
            for (ReportRepository.SessionRow s : sessions) {
                if (s.teamId() != t.id()) {
                    continue;
                }
                if (s.skipped()) {
                    skipped++;
                } else {
                    held++;
                    attended += s.attended();
                }
            }
            Double rate = held == 0 || t.members() == 0 ? null : (double) attended / (held * t.members());
            List<@Nullable Double> averages = new ArrayList<>();
            for (int i = 0; i < FEEDBACK_WEEKS; i++) {
                ReportWeek w = first.plusWeeks(i);
                averages.add(ratings.stream()
                        .filter(r -> r.teamId() == t.id()
                                && ReportWeek.of(r.startAt(), zone).equals(w))
                        .mapToInt(ReportRepository.Rating::rating)
                        .average()
                        .stream()
                        .boxed()
                        .findFirst()
                        .orElse(null));
            }
            out.add(new WeeklyFigures.TeamMentoring(t.name(), held, skipped, rate, averages));
        }
        return out;
    }

    // ---- duties ----

    private List<WeeklyFigures.MentorDuties> duties(ReportWeek week, Instant now) {
        Locale locale = config.camp().locale();
        List<ReportRepository.TeamRow> teams = db.inTransaction(REPO::teams);
        Map<String, List<String>> mentors = new LinkedHashMap<>();
        teams.forEach(t ->
                mentors.computeIfAbsent(t.mentorId(), m -> new ArrayList<>()).add(t.name()));
        Map<String, Instant> reviewDue = new LinkedHashMap<>();
        for (Program.Competition comp : config.program().competitions()) {
            LocalDate due = WrapupService.due(comp);
            if (!comp.end().isAfter(week.sunday()) && !due.isBefore(week.monday())) {
                reviewDue.put(comp.id(), due.plusDays(1).atStartOfDay(zone()).toInstant());
            }
        }
        List<ReportRepository.Review> reviews = reviewDue.isEmpty() ? List.of() : db.inTransaction(REPO::reviews);
        Map<String, String> names = db.inTransaction(c -> REPO.answerNames(c, mentors.keySet()));
        List<WeeklyFigures.MentorDuties> out = new ArrayList<>();
        mentors.forEach((mentor, teamNames) -> {
            int[] posts = new int[3];
            for (Duty d : discussion.weeklyPostDuty(mentor, week.monday(), locale)) {
                posts[d.status() == Duty.Status.DONE ? 0 : d.status() == Duty.Status.LATE ? 2 : 1]++;
            }
            int[] done = new int[3];
            for (ReportRepository.Review r : reviews) {
                Instant due = reviewDue.get(r.competitionId());
                if (due == null || !r.mentorId().equals(mentor)) {
                    continue;
                }
                done[r.reviewed() ? 0 : now.isAfter(due) ? 2 : 1]++;
            }
            String name = names.get(mentor);
            if (name == null) {
                name = Messages.get(locale, "report.mentorOf", String.join(", ", teamNames));
            }
            out.add(new WeeklyFigures.MentorDuties(name, posts[0], posts[1], posts[2], done[0], done[1], done[2]));
        });
        out.sort(Comparator.comparingInt(WeeklyFigures.MentorDuties::late)
                .reversed()
                .thenComparing(d -> -(d.postsOpen() + d.reviewsOpen()))
                .thenComparing(WeeklyFigures.MentorDuties::mentor));
        return out;
    }

    // ---- office hours ----

    private WeeklyFigures.OfficeHours officeHours(ReportWeek week, Instant now) {
        int[] counts = db.inTransaction(c -> REPO.officeHours(c, week.start(zone()), week.end(zone()), now));
        return new WeeklyFigures.OfficeHours(counts[0], counts[1]);
    }
}
