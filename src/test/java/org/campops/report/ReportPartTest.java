package org.campops.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.campops.chat.Reply;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Delivery;
import org.campops.delivery.Payload;
import org.campops.discussion.DiscussionService;
import org.campops.program.ProgramPart;
import org.campops.testing.SmallApp;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The report's moments (one per week of the program, on the configured day and time) and its one post per week. */
class ReportPartTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String ORGANIZERS = "1190000000000000304";

    private SmallApp app;
    private ReportFigures figures;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private static CampConfig camp(CampConfig.ReportSettings reports) {
        Program program = new Program(
                List.of(new Program.Stage("기초", LocalDate.of(2026, 11, 18), LocalDate.of(2026, 12, 2))),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
        return TestConfig.load().withProgram(program).withReports(reports);
    }

    private ReportPart part(CampConfig config) {
        app = SmallApp.of(config, Instant.parse("2026-12-07T00:30:00Z"));
        figures = new ReportFigures(
                app.db(), new DiscussionService(app.db(), app.clock(), config, app.teams()), config, app.clock());
        return new ReportPart(new Reports(figures, config), app.outbox(), config);
    }

    @Test
    void theDefaultsAreOnMondayAtNineAndEachWeekOfTheProgramGetsOneMoment() {
        CampConfig.ReportSettings defaults = CampConfig.ReportSettings.defaults();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.day()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(defaults.time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(TestConfig.load().reports()).isEqualTo(defaults);

        ReportPart part = part(camp(defaults));
        // The stage runs Wednesday 2026-11-18 (W47) to Wednesday 2026-12-02 (W49).
        assertThat(part.plan(app.config().program()))
                .containsExactly(
                        new ProgramPart.Planned("report:2026-W47", Instant.parse("2026-11-23T00:00:00Z")),
                        new ProgramPart.Planned("report:2026-W48", Instant.parse("2026-11-30T00:00:00Z")),
                        new ProgramPart.Planned("report:2026-W49", Instant.parse("2026-12-07T00:00:00Z")));
        assertThat(part.grace(part.plan(app.config().program()).get(0))).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anotherDayAndTimeMoveTheMomentsAndTurnedOffThereAreNone() {
        ReportPart tuesday = part(camp(new CampConfig.ReportSettings(true, DayOfWeek.TUESDAY, LocalTime.of(18, 30))));
        assertThat(tuesday.plan(app.config().program()).get(0).due())
                .isEqualTo(
                        LocalDate.of(2026, 11, 24).atTime(18, 30).atZone(SEOUL).toInstant());
        app.close();
        ReportPart off = part(camp(new CampConfig.ReportSettings(false, DayOfWeek.MONDAY, LocalTime.of(9, 0))));
        assertThat(off.plan(app.config().program())).isEmpty();
    }

    @Test
    void firedTwiceItQueuesOneMessageToTheOrganizersWithTheChartsAndTheCsv() {
        ReportPart part = part(camp(CampConfig.ReportSettings.defaults()));
        ProgramPart.Planned w49 = part.plan(app.config().program()).get(2);
        app.db().inTransaction(c -> {
            part.fire(c, w49, app.clock().instant());
            part.fire(c, w49, app.clock().instant());
            return null;
        });
        assertThat(app.rows("SELECT delivery_key FROM outbox"))
                .containsExactly("report:2026-W49:channel:" + ORGANIZERS);
        Delivery row =
                app.outbox().find("report:2026-W49:channel:" + ORGANIZERS).orElseThrow();
        assertThat(row.payload().kind()).isEqualTo(Payload.Kind.SEND);
        assertThat(row.payload().target()).isEqualTo(ORGANIZERS);
        Reply reply = row.payload().reply();
        assertThat(reply).isNotNull();
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.text()).contains("**주간 리포트 2026-W49**").contains("이번 주에는 데이터가 없습니다.");
        // The charts' files as ReportCharts draws them for this week, then the CSV.
        List<String> expected = new java.util.ArrayList<>(
                ReportCharts.render(
                                figures.compute(ReportWeek.parse("2026-W49").orElseThrow()), java.util.Locale.KOREAN)
                        .stream()
                        .map(Reply.Attachment::fileName)
                        .toList());
        expected.add("report-2026-W49.csv");
        assertThat(reply.attachments()).extracting(Reply.Attachment::fileName).containsExactlyElementsOf(expected);
    }

    @Test
    void aPostWithSeveralMegabytesOfFilesIsStoredWhole() {
        part(camp(CampConfig.ReportSettings.defaults()));
        byte[] chart = new byte[2_500_000];
        new java.util.Random(7).nextBytes(chart);
        Reply reply = Reply.visible("charts")
                .withAttachments(List.of(
                        new Reply.Attachment("a.png", "image/png", chart),
                        new Reply.Attachment("b.png", "image/png", chart)));
        ReportKey key = new ReportKey(ReportWeek.parse("2026-W49").orElseThrow());
        app.db().inTransaction(c -> app.outbox().enqueue(c, key.to(ORGANIZERS), Payload.send(ORGANIZERS, reply)));
        Reply stored = app.outbox()
                .find(key.to(ORGANIZERS).text())
                .orElseThrow()
                .payload()
                .reply();
        assertThat(stored).isNotNull();
        assertThat(stored.attachments()).allSatisfy(a -> assertThat(a.content()).isEqualTo(chart));
    }
}
