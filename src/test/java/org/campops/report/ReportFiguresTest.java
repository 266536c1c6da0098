package org.campops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.discussion.DiscussionService;
import org.campops.feature.Export;
import org.campops.testing.SmallApp;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every figure of a seeded camp against hand-worked values: week 2026-W49 (Monday 2026-11-30 to Sunday 2026-12-06 in
 * Seoul), the report computed on Tuesday 2026-12-08; the week before for medians and changes; an empty week; a week
 * across the end of daylight-saving time in New York.
 */
class ReportFiguresTest {
    private static final ReportWeek W49 = ReportWeek.parse("2026-W49").orElseThrow();
    private static final String M1 = "1190000000000000501";
    private static final String M2 = "1190000000000000502";

    private SmallApp app;
    private ReportSeed seed;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private ReportFigures start(CampConfig config, String now) {
        app = SmallApp.of(config, Instant.parse(now));
        seed = new ReportSeed(app.db(), config.camp().zone());
        DiscussionService discussion = new DiscussionService(app.db(), app.clock(), config, app.teams());
        return new ReportFigures(app.db(), discussion, config, app.clock());
    }

    private static CampConfig seoulCamp() {
        Program program = new Program(
                List.of(new Program.Stage(
                        "심화", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6), Program.MentoringForm.DISCUSSION)),
                List.of(new Program.Competition(
                        "trash",
                        "쓰레기 탐지",
                        LocalDate.of(2026, 11, 16),
                        LocalDate.of(2026, 11, 29),
                        "1190000000000000302",
                        LocalDate.of(2026, 12, 5))),
                List.of(),
                List.of(),
                List.of(),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
        return TestConfig.load().withProgram(program);
    }

    /** The seeded camp: questions of W48 and W49, two teams, office hours, wrap-up reviews, one weekly post. */
    private ReportFigures seeded() {
        ReportFigures figures = start(seoulCamp(), "2026-12-08T00:00:00Z");
        // W49: waits 1 h, 3 h, 30 h (past the 24 h target), 2 h and one never answered (past the target by now).
        seed.question("객체 탐지", seed.at("2026-11-30T10:00"), seed.at("2026-11-30T11:00"));
        seed.question("객체 탐지", seed.at("2026-11-30T23:30"), seed.at("2026-12-01T02:30"));
        seed.question("세그멘테이션", seed.at("2026-12-01T09:00"), seed.at("2026-12-02T15:00"));
        seed.question(null, seed.at("2026-12-06T23:59"), null);
        seed.question("세그멘테이션", seed.at("2026-12-06T22:00"), seed.at("2026-12-07T00:00"));
        // W48: waits 4 h, 6 h, 8 h; the first one a minute before W49 starts.
        seed.question("객체 탐지", seed.at("2026-11-29T23:59"), seed.at("2026-11-30T03:59"));
        seed.question("객체 탐지", seed.at("2026-11-25T10:00"), seed.at("2026-11-25T16:00"));
        seed.question("세그멘테이션", seed.at("2026-11-26T10:00"), seed.at("2026-11-26T18:00"));

        seed.team(1, "알파팀", M1, "c1", "c2", "c3");
        seed.team(2, "베타팀", M2, "c4", "c5");
        long a1 = seed.session(1, seed.at("2026-12-01T19:00"), false);
        seed.attendance(a1, "c1", true);
        seed.attendance(a1, "c2", true);
        seed.attendance(a1, "c3", false);
        seed.feedback(a1, "h1", 4);
        seed.feedback(a1, "h2", 5);
        seed.session(1, seed.at("2026-12-03T19:00"), true);
        long a47 = seed.session(1, seed.at("2026-11-17T19:00"), false);
        seed.feedback(a47, "h1", 3);
        long b1 = seed.session(2, seed.at("2026-12-02T19:00"), false);
        seed.attendance(b1, "c4", true);
        seed.attendance(b1, "c5", true);
        seed.feedback(b1, "h4", 5);
        long b2 = seed.session(2, seed.at("2026-12-04T19:00"), false);
        seed.attendance(b2, "c4", true);
        seed.feedback(b2, "h4", 4);
        seed.session(2, seed.at("2026-12-09T19:00"), false);

        seed.officeHour(1, seed.at("2026-12-02T20:00"), false, 3);
        seed.officeHour(2, seed.at("2026-12-03T20:00"), true, 1);
        seed.officeHour(3, seed.at("2026-12-05T20:00"), false, 0);
        seed.officeHour(4, seed.at("2026-12-09T20:00"), false, 2);

        seed.assignment("trash", "c1", M1, true);
        seed.assignment("trash", "c2", M1, false);
        seed.assignment("trash", "c3", M1, false);
        seed.assignment("trash", "c4", M2, true);
        seed.assignment("trash", "c5", M2, true);
        seed.weeklyPostDone(W49.monday(), M2);
        seed.answerBy(M1, "김멘토");
        return figures;
    }

    private static Duration hours(double h) {
        return Duration.ofMinutes(Math.round(h * 60));
    }

    @Test
    void qaPerDayByTopicTheMediansOfEvenAndOddCountsAndTheQuestionsPastTheTarget() {
        WeeklyFigures f = seeded().compute(W49);
        assertThat(f.week()).isEqualTo("2026-W49");
        assertThat(f.monday()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(f.qa().perDay())
                .containsExactly(
                        new WeeklyFigures.DayCount(LocalDate.of(2026, 11, 30), "객체 탐지", 2),
                        new WeeklyFigures.DayCount(LocalDate.of(2026, 12, 1), "세그멘테이션", 1),
                        new WeeklyFigures.DayCount(LocalDate.of(2026, 12, 6), "세그멘테이션", 1),
                        new WeeklyFigures.DayCount(LocalDate.of(2026, 12, 6), "일반", 1));
        assertThat(f.qa().asked()).isEqualTo(5);
        assertThat(f.qa().previousAsked()).isEqualTo(3);
        assertThat(f.qa().target()).isEqualTo(Duration.ofHours(24));
        // 30 h after asking, and never answered 24 h after Sunday 23:59.
        assertThat(f.qa().unansweredPastTarget()).isEqualTo(2);
        // Eight weeks W42..W49, oldest first; W49: 1, 2, 3, 30 h -> (2 + 3) / 2; W48: 4, 6, 8 h -> 6.
        assertThat(f.qa().firstReply())
                .extracting(WeeklyFigures.WeekMedian::week)
                .containsExactly(
                        "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49");
        assertThat(f.qa().firstReply())
                .extracting(WeeklyFigures.WeekMedian::median)
                .containsExactly(null, null, null, null, null, null, hours(6), hours(2.5));
    }

    @Test
    void mentoringPerTeamHeldSkippedAttendanceAndFourWeeksOfFeedback() {
        WeeklyFigures f = seeded().compute(W49);
        assertThat(f.mentoring()).hasSize(2);
        // In name order: 베 before 알.
        WeeklyFigures.TeamMentoring beta = f.mentoring().get(0);
        WeeklyFigures.TeamMentoring alpha = f.mentoring().get(1);
        assertThat(alpha.team()).isEqualTo("알파팀");
        assertThat(alpha.held()).isEqualTo(1);
        assertThat(alpha.skipped()).isEqualTo(1);
        assertThat(alpha.attendanceRate()).isEqualTo(2.0 / 3);
        // W46..W49: W47 one rating of 3, W49 4 and 5.
        assertThat(alpha.feedbackAverages()).containsExactly(null, 3.0, null, 4.5);
        assertThat(beta.team()).isEqualTo("베타팀");
        // The session of 2026-12-09 is next week (and not yet held).
        assertThat(beta.held()).isEqualTo(2);
        assertThat(beta.skipped()).isZero();
        assertThat(beta.attendanceRate()).isEqualTo(0.75);
        assertThat(beta.feedbackAverages()).containsExactly(null, null, null, 4.5);
    }

    @Test
    void dutiesPerMentorLateFirstAndOfficeHoursHeldWithTheirRsvps() {
        WeeklyFigures f = seeded().compute(W49);
        // M1: no weekly post (late), 1 of 3 reviews done, 2 past the 2026-12-05 deadline. M2: post done, 2 reviews
        // done.
        assertThat(f.duties())
                .containsExactly(
                        new WeeklyFigures.MentorDuties("김멘토", 0, 0, 1, 1, 0, 2),
                        new WeeklyFigures.MentorDuties("베타팀 멘토", 1, 0, 0, 2, 0, 0));
        assertThat(f.duties().get(0).late()).isEqualTo(3);
        // Held: 12-02 (3 RSVPs) and 12-05; the cancelled one and next week's do not count.
        assertThat(f.officeHours()).isEqualTo(new WeeklyFigures.OfficeHours(2, 3));
        assertThat(f.empty()).isFalse();
    }

    @Test
    void reviewsBeforeTheirDeadlineAreOpenAndSessionsNotYetStartedDoNotCount() {
        ReportFigures figures = seeded();
        app.clock().set(seed.at("2026-12-02T20:30"));
        WeeklyFigures f = figures.compute(W49);
        // The weekly post is late from the first reminder (Wednesday 10:00), as /duties shows it.
        assertThat(f.duties().get(0)).isEqualTo(new WeeklyFigures.MentorDuties("김멘토", 0, 0, 1, 1, 2, 0));
        app.clock().set(seed.at("2026-12-01T09:00"));
        assertThat(figures.compute(W49).duties().get(0))
                .isEqualTo(new WeeklyFigures.MentorDuties("김멘토", 0, 1, 0, 1, 2, 0));
        app.clock().set(seed.at("2026-12-02T20:30"));
        assertThat(f.mentoring().get(0).held()).isEqualTo(1);
        assertThat(f.officeHours()).isEqualTo(new WeeklyFigures.OfficeHours(1, 3));
        // The questions of 12-06 are not asked yet; 12-01's (30 h) was answered past the target.
        assertThat(f.qa().unansweredPastTarget()).isEqualTo(1);
    }

    @Test
    void aWeekWithoutDataIsEmptyAndSaysSo() {
        ReportFigures figures = seeded();
        ReportWeek july = ReportWeek.parse("2026-W30").orElseThrow();
        WeeklyFigures f = figures.compute(july);
        assertThat(f.qa().perDay()).isEmpty();
        assertThat(f.qa().firstReply())
                .extracting(WeeklyFigures.WeekMedian::median)
                .containsOnlyNulls();
        assertThat(f.mentoring()).allSatisfy(t -> {
            assertThat(t.held() + t.skipped()).isZero();
            assertThat(t.attendanceRate()).isNull();
        });
        assertThat(f.empty()).isTrue();
        String text = ReportText.summary(f, figures.compute(july.plusWeeks(-1)), Locale.ENGLISH);
        assertThat(text).contains("2026-W30").contains("No data this week.");
        assertThat(ReportText.summary(f, f, Locale.KOREAN)).contains("이번 주에는 데이터가 없습니다.");
    }

    @Test
    void theSummaryShowsWeekOverWeekChangesWithinOneMessageAndTheCsvHoldsEveryNumber() {
        ReportFigures figures = seeded();
        WeeklyFigures now = figures.compute(W49);
        WeeklyFigures before = figures.compute(W49.plusWeeks(-1));
        String en = ReportText.summary(now, before, Locale.ENGLISH);
        assertThat(en)
                .contains("**Weekly report 2026-W49** (2026-11-30 to 2026-12-06)")
                .contains("Q&A: 5 questions (+2)")
                .contains("Median first mentor reply 2.5 h (-3.5 h), target 24.0 h")
                .contains("2 questions without a mentor reply after 24.0 h")
                .contains("Mentoring: 3 sessions held (+3), 1 skipped, attendance 72% (-)")
                .contains("Duties: 3 late (+1), 0 open")
                .contains("Late: 김멘토 3")
                .contains("Office hours: 2 held (+2), 3 RSVPs (+3)");
        assertThat(en.length()).isLessThanOrEqualTo(2000);
        assertThat(ReportText.summary(now, before, Locale.KOREAN)).contains("멘토 첫 답변 중앙값 2.5시간 (-3.5시간)");

        List<String> csv = Arrays.asList(ReportFiles.csv(now).split("\n"));
        assertThat(csv.get(0)).isEqualTo("section,week,day,name,measure,value");
        assertThat(csv)
                .contains(
                        "qa,2026-W49,2026-11-30,\"객체 탐지\",questions,2",
                        "qa,2026-W49,,,unanswered_past_target,2",
                        "qa,2026-W49,,,median_first_reply_hours,2.50",
                        "qa,2026-W48,,,median_first_reply_hours,6.00",
                        "mentoring,2026-W49,,알파팀,attendance_rate,0.667",
                        "mentoring,2026-W47,,알파팀,feedback_average,3.000",
                        "duties,2026-W49,,김멘토,reviews_late,2",
                        "office_hours,2026-W49,,,rsvps,3");
    }

    @Test
    void theExportWritesTheWeeksMarkdownAndCsvAndRefusesAWeekItCannotRead() {
        CampConfig config = seoulCamp();
        Export export = ReportExport.export(new Reports(seeded(), config), config);
        assertThat(export.files()).isNotNull();
        List<Export.File> md = export.files().write(new Export.Request("md", null, "2026-W49"));
        assertThat(md).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("report-2026-W49.md");
            assertThat(new String(f.content(), StandardCharsets.UTF_8))
                    .startsWith("# " + config.camp().name() + ": 2026-W49")
                    .contains("| section | week | day | name | measure | value |")
                    .contains("| qa | 2026-W49 |");
        });
        assertThat(export.files().write(new Export.Request("csv", null, "2026-W49")))
                .singleElement()
                .satisfies(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8))
                        .startsWith("section,week,day,name,measure,value")
                        .contains("qa,2026-W49,,,questions_total,5"));
        assertThatThrownBy(() -> export.files().write(new Export.Request("csv", null, "last week")))
                .isInstanceOf(Export.Refused.class)
                .hasMessageContaining("--week takes an ISO week such as 2026-W49");
    }

    @Test
    void aWeekAcrossTheEndOfDaylightSavingTimeInNewYorkHoldsItsLocalMondayToSunday() {
        ZoneId ny = ZoneId.of("America/New_York");
        ReportFigures figures = start(TestConfig.load().withZone(ny), "2026-11-10T12:00:00Z");
        ReportWeek w44 = ReportWeek.parse("2026-W44").orElseThrow();
        assertThat(w44.monday()).isEqualTo(LocalDate.of(2026, 10, 26));
        // 2026-10-26 00:00 EDT to 2026-11-02 00:00 EST: 169 hours.
        assertThat(Duration.between(w44.start(ny), w44.end(ny))).isEqualTo(Duration.ofHours(169));
        // Sunday 23:30 EST (04:30 UTC, past midnight at the summer offset) is still in W44; Sunday 23:30 EDT before.
        seed.question("Segmentation", Instant.parse("2026-11-02T04:30:00Z"), null);
        seed.question("Segmentation", Instant.parse("2026-10-26T03:30:00Z"), null);
        seed.question("Segmentation", Instant.parse("2026-11-02T05:00:00Z"), null);
        // Asked Saturday 22:00 EDT, answered Sunday 03:00 EST: 6 hours, not the 5 the clock on the wall shows.
        seed.question("Object Detection", Instant.parse("2026-11-01T02:00:00Z"), Instant.parse("2026-11-01T08:00:00Z"));
        WeeklyFigures f = figures.compute(w44);
        assertThat(f.qa().perDay())
                .containsExactly(
                        new WeeklyFigures.DayCount(LocalDate.of(2026, 10, 31), "Object Detection", 1),
                        new WeeklyFigures.DayCount(LocalDate.of(2026, 11, 1), "Segmentation", 1));
        assertThat(f.qa().firstReply().get(7).median()).isEqualTo(Duration.ofHours(6));
        assertThat(f.qa().previousAsked()).isEqualTo(1);
        assertThat(figures.compute(w44.plusWeeks(1)).qa().asked()).isEqualTo(1);
    }

    @Test
    void weeksParseAndPrintAsIsoWeeks() {
        assertThat(ReportWeek.parse("2026-W49").orElseThrow().monday()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(ReportWeek.parse("2026-w01").orElseThrow().monday()).isEqualTo(LocalDate.of(2025, 12, 29));
        // 2026 starts on a Thursday: it has a week 53 (to Sunday 2027-01-03); 2027 has not.
        assertThat(ReportWeek.parse("2026-W53").orElseThrow().monday()).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(ReportWeek.parse("2027-W53")).isEmpty();
        assertThat(ReportWeek.parse("2020-W53").orElseThrow().toString()).isEqualTo("2020-W53");
        assertThat(ReportWeek.parse("2026-12-01")).isEmpty();
        assertThat(ReportWeek.parse("W49")).isEmpty();
        assertThat(ReportWeek.parse("2026-W00")).isEmpty();
        assertThat(ReportWeek.of(LocalDate.of(2027, 1, 3)).toString()).isEqualTo("2026-W53");
        assertThat(new ReportKey(ReportWeek.parse("2026-W49").orElseThrow()).text())
                .isEqualTo("report:2026-W49");
        assertThat(new ReportKey(W49).to("304").text()).isEqualTo("report:2026-W49:channel:304");
        assertThat(ReportKey.parse("report:2026-W49")).contains(new ReportKey(W49));
        assertThat(ReportKey.parse("report:2026-W49:x")).isEmpty();
    }
}
