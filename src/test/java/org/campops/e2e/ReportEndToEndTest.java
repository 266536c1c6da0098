package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZERS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.chat.Reply;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.report.ReportCharts;
import org.campops.report.ReportFigures;
import org.campops.report.ReportKey;
import org.campops.report.ReportWeek;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The weekly report through the real JDA client against the fake Discord: the scheduled post (fired twice and across a
 * restart) arrives once in the organizers' channel as one multipart message with the charts and the CSV; one missed
 * while the bot was down goes out late within a day and is skipped after; {@code /report week} for an organizer (with
 * the files, only to them) and refused for a camper and for a bad or future week.
 */
class ReportEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String MESSAGES = "/channels/" + ORGANIZERS_CHANNEL + "/messages";

    private final MutableClock clock = new MutableClock(Instant.now());
    /** The program is weeks ahead of the real time, so no Quartz trigger fires by itself: the test fires by hand. */
    private final LocalDate start = LocalDate.now(SEOUL).plusWeeks(3);

    private final ReportWeek first = ReportWeek.of(start);

    @RegisterExtension
    final BotExtension extension =
            BotExtension.builder().config(this::config).clock(() -> clock).build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private CampConfig config() {
        Program program = new Program(
                List.of(new Program.Stage("심화", start, start.plusWeeks(3))),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
        return TestConfig.load().withProgram(program);
    }

    /** The report moment of {@code week}: due Monday 09:00 (Seoul) after it. */
    private Instant due(ReportWeek week) {
        return week.plusWeeks(1).monday().atTime(9, 0).atZone(SEOUL).toInstant();
    }

    private String key(ReportWeek week) {
        return new ReportKey(week).text();
    }

    private List<RecordedRequest> reportPosts(ReportWeek week) {
        return fake.requests("POST", MESSAGES).stream()
                .filter(r -> r.files().stream().anyMatch(f -> f.filename().equals("report-" + week + ".csv")))
                .toList();
    }

    /** The files the report of {@code week} carries: its charts, then its CSV. */
    private List<String> expectedFiles(ReportWeek week) {
        List<String> names = new ArrayList<>();
        ReportCharts.render(camp.bot().app().service(ReportFigures.class).compute(week), Locale.KOREAN).stream()
                .map(Reply.Attachment::fileName)
                .forEach(names::add);
        names.add("report-" + week + ".csv");
        return names;
    }

    @Test
    void theScheduledReportIsPostedOnceAsOneMultipartMessageAlsoAcrossARestart() throws Exception {
        camp.slash(ORGANIZER_ID, "team", "create", Map.of("name", "알파팀", "mentor", FakeDiscord.userOption(MENTOR_ID)));
        camp.drain();
        // One moment per week of the program, each due the Monday after at 09:00.
        assertThat(camp.bot().app().program().row(key(first)).orElseThrow().due())
                .isEqualTo(due(first));
        assertThat(camp.bot().app().program().row(key(first.plusWeeks(3)))).isPresent();
        assertThat(camp.bot().app().program().row(key(first.plusWeeks(4)))).isEmpty();

        clock.set(due(first).plusSeconds(60));
        camp.bot().app().program().fire(key(first));
        camp.bot().app().program().fire(key(first));
        camp.drain();
        RecordedRequest post = fake.awaitRequest(
                r -> r.method().equals("POST")
                        && r.path().endsWith(MESSAGES)
                        && r.files().stream().anyMatch(f -> f.filename().equals("report-" + first + ".csv")),
                WAIT);
        assertThat(post.isMultipart()).isTrue();
        assertThat(post.jsonBody().path("content").asText())
                .contains("주간 리포트 " + first)
                .contains("이번 주에는 데이터가 없습니다.");
        assertThat(post.files())
                .extracting(RecordedRequest.Part::filename)
                .containsExactlyElementsOf(expectedFiles(first));
        assertThat(post.files().get(post.files().size() - 1).content())
                .startsWith("section,week,day,name,measure,value")
                .contains("mentoring," + first + ",,알파팀,sessions_held,0");
        assertThat(post.jsonBody().path("nonce").asText()).isNotEmpty();

        camp.restart();
        camp.bot().app().program().fire(key(first));
        camp.drain();
        assertThat(reportPosts(first)).hasSize(1);
        assertThat(camp.rows("SELECT COUNT(*) FROM outbox WHERE delivery_key LIKE 'report:" + first + ":%'"))
                .containsExactly("1");
        assertThat(camp.bot().app().program().row(key(first)).orElseThrow().status())
                .isEqualTo("DONE");
    }

    @Test
    void aReportMissedWhileTheBotWasDownGoesOutWithinADayAndIsSkippedAfter() throws Exception {
        ReportWeek second = first.plusWeeks(1);
        ReportWeek third = first.plusWeeks(2);
        camp.stop();
        // Down past the second week's report by more than a day: skipped when the bot is back.
        clock.set(due(second).plus(Duration.ofHours(25)));
        camp.start();
        camp.bot().app().program().fire(key(second));
        assertThat(camp.bot().app().program().row(key(second)).orElseThrow().status())
                .isEqualTo("SKIPPED");
        // Down past the third week's by 20 hours: posted late.
        camp.stop();
        clock.set(due(third).plus(Duration.ofHours(20)));
        camp.start();
        camp.bot().app().program().fire(key(third));
        camp.drain();
        fake.awaitRequest(
                r -> r.method().equals("POST")
                        && r.path().endsWith(MESSAGES)
                        && r.files().stream().anyMatch(f -> f.filename().equals("report-" + third + ".csv")),
                WAIT);
        assertThat(reportPosts(third)).hasSize(1);
        assertThat(reportPosts(second)).isEmpty();
    }

    @Test
    void reportWeekAnswersAnOrganizerWithTheFilesAndRefusesACamperABadWeekAndAFutureOne() throws Exception {
        clock.set(due(first).plusSeconds(60));
        ReportWeek now = ReportWeek.of(clock.instant(), SEOUL);
        String id = fake.sendSlash(
                ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "report", "week", Map.of("week", first.toString()));
        JsonNode reply = camp.callback(id);
        assertThat(EndToEnd.content(reply))
                .contains("**Weekly report " + first + "**")
                .contains("No data this week.");
        RecordedRequest callback = fake.awaitRequest(
                r -> r.path().contains("/interactions/" + id + "/") || r.path().contains("/webhooks/"), WAIT);
        assertThat(callback.files()).extracting(RecordedRequest.Part::filename).contains("report-" + first + ".csv");
        assertThat(reply.path("data").path("flags").asInt() & 64).isEqualTo(64);

        JsonNode thisWeek = camp.slashCallback(ORGANIZER_ID, "en-US", "report", "week", Map.of());
        assertThat(EndToEnd.content(thisWeek)).contains("**Weekly report " + now + "**");

        JsonNode bad = camp.slashCallback(ORGANIZER_ID, "en-US", "report", "week", Map.of("week", "last week"));
        assertThat(EndToEnd.content(bad)).contains("'last week' is not a week").contains(now.toString());
        JsonNode future = camp.slashCallback(
                ORGANIZER_ID,
                "en-US",
                "report",
                "week",
                Map.of("week", now.plusWeeks(1).toString()));
        assertThat(EndToEnd.content(future)).contains("has not started yet");

        JsonNode camper = camp.slashCallback(CAMPER_ID, "en-US", "report", "week", Map.of());
        assertThat(EndToEnd.content(camper))
                .isEqualTo("/report week is for organizers only. Type /help to see the commands you can use.");
        assertThat(fake.requests("POST", MESSAGES)).isEmpty();
    }
}
