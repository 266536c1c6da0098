package org.campops.wrapup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.campops.app.CampOps;
import org.campops.chat.Caller;
import org.campops.chat.Invocation;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.console.ConsoleOutput;
import org.campops.program.ProgramPart;
import org.campops.teams.TeamService;
import org.campops.testing.EndToEnd;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wrap-up service and its moments against an in-memory H2 with the real migrations and a set clock. */
class WrapupServiceTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Caller ORGANIZER = new Caller("org-park", "park", Set.of(Role.ORGANIZER));
    private static final Caller MENTOR_KIM = new Caller("mentor-kim", "kim", Set.of(Role.MENTOR));
    private static final Caller MENTOR_LEE = new Caller("mentor-lee", "lee", Set.of(Role.MENTOR));
    private static final Program.Competition TRASH = new Program.Competition(
            "trash-detection",
            "Trash Detection",
            LocalDate.of(2026, 11, 2),
            LocalDate.of(2026, 12, 1),
            "1190000000000000301",
            LocalDate.of(2026, 12, 4));
    private static final Program.Competition OCR = new Program.Competition(
            "ocr", "Receipt OCR", LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 20), "1190000000000000301", null);

    private final MutableClock clock = new MutableClock(seoul(LocalDate.of(2026, 12, 2), 8, 0));
    private CampOps app;
    private String db;
    private CampConfig config;
    private WrapupService service;
    private WrapupDigests digests;

    private static Instant seoul(LocalDate d, int hour, int minute) {
        return ZonedDateTime.of(d, LocalTime.of(hour, minute), SEOUL).toInstant();
    }

    private static Caller camper(String id) {
        return new Caller(id, id, Set.of(Role.CAMPER));
    }

    @BeforeEach
    void open() {
        db = TestConfig.memoryDb() + ";DB_CLOSE_DELAY=-1";
        Program program = new Program(
                List.of(),
                List.of(TRASH, OCR),
                List.of(),
                List.of(),
                List.of(),
                Program.Prompts.defaults(),
                new Program.Duties(List.of(), LocalTime.of(10, 0), LocalTime.of(18, 30)));
        config = TestConfig.load().withProgram(program);
        app = new CampOps(
                config,
                db,
                new ConsoleOutput(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), SEOUL, clock),
                clock);
        service = new WrapupService(app.database(), app.service(TeamService.class), clock, config);
        digests = new WrapupDigests(service, app.outbox());
    }

    @AfterEach
    void close() {
        app.close();
    }

    private void teams() {
        app.service(TeamService.class).create(ORGANIZER, "CV-01", MENTOR_KIM.userId(), null);
        app.service(TeamService.class).addMember(ORGANIZER, "CV-01", "minji");
        app.service(TeamService.class).addMember(ORGANIZER, "CV-01", "jisoo");
        app.service(TeamService.class).create(ORGANIZER, "CV-02", MENTOR_LEE.userId(), null);
        app.service(TeamService.class).addMember(ORGANIZER, "CV-02", "hyun");
        app.service(TeamService.class).create(ORGANIZER, "CV-03", "mentor-choi", null);
    }

    @Test
    void digestsRunFromTheDayAfterTheEndToTheDeadlineAtTheDigestTimeInTheCampZoneThenTheLateReport() {
        List<ProgramPart.Planned> plan = digests.plan(config.program());
        List<ProgramPart.Planned> trash =
                plan.stream().filter(p -> p.key().contains(":trash-detection")).toList();
        assertThat(trash)
                .extracting(ProgramPart.Planned::key)
                .containsExactly(
                        "wrapup:digest:trash-detection:2026-12-02", "wrapup:digest:trash-detection:2026-12-03",
                        "wrapup:digest:trash-detection:2026-12-04", "wrapup:late:trash-detection");
        // 18:30 in Seoul is 09:30 UTC.
        assertThat(trash)
                .extracting(ProgramPart.Planned::due)
                .containsExactly(
                        Instant.parse("2026-12-02T09:30:00Z"), Instant.parse("2026-12-03T09:30:00Z"),
                        Instant.parse("2026-12-04T09:30:00Z"), Instant.parse("2026-12-05T09:30:00Z"));
        // Without wrapupDue the reviews are due a week after the end.
        assertThat(plan.stream()
                        .filter(p -> p.key().contains(":ocr"))
                        .map(ProgramPart.Planned::key)
                        .toList())
                .hasSize(8)
                .contains("wrapup:digest:ocr:2026-12-21", "wrapup:digest:ocr:2026-12-27")
                .last()
                .isEqualTo("wrapup:late:ocr");
        assertThat(digests.grace(trash.get(0))).isLessThan(digests.grace(trash.get(3)));
        // Registered in the app: the program's sync stores them (once).
        // (other parts, e.g. the competitions' weekly prompts, add theirs too)
        app.program().sync();
        assertThat(app.program().rows())
                .filteredOn(r -> r.part().equals("wrapup"))
                .hasSize(12);
        assertThat(app.program().sync().added()).isZero();
        assertThat(app.program().row("wrapup:late:trash-detection")).isPresent();
    }

    @Test
    void onlyHttpLinksWithAHostAreTakenAndTheRefusalShowsAnExample() {
        for (String bad : List.of(
                "ftp://files.example.com/r.pdf",
                "javascript:alert(1)",
                "https://",
                "github.com/me/wrapup",
                "https://user:pw@example.com/x",
                "https://example.com/a b",
                "",
                "mailto:me@example.com")) {
            assertThatThrownBy(() -> WrapupService.link(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            UserError.class, e -> assertThat(e.key()).isEqualTo("wrapup.error.link"));
        }
        assertThat(WrapupService.link(" https://github.com/me/wrapup ")).isEqualTo("https://github.com/me/wrapup");
        assertThat(WrapupService.link("HTTP://velog.io/@me/post?x=1#y")).isEqualTo("HTTP://velog.io/@me/post?x=1#y");
        assertThatThrownBy(() -> WrapupService.link("https://example.com/" + "a".repeat(WrapupService.MAX_LINK)))
                .isInstanceOf(UserError.class);
    }

    @Test
    void assignIsPerCamperOnceAndARerunAddsOnlyNewCampersKeepingTheMentorTheyHad() throws Exception {
        teams();
        WrapupService.AssignResult first = service.assign(ORGANIZER, "Trash-Detection");
        assertThat(first.addedPerMentor()).containsExactly(Map.entry("mentor-kim", 2), Map.entry("mentor-lee", 1));
        assertThat(first.kept()).isZero();
        assertThat(first.teamsWithoutCampers()).containsExactly("CV-03");

        app.service(TeamService.class).addMember(ORGANIZER, "CV-03", "dana");
        app.service(TeamService.class).removeMember(ORGANIZER, "CV-01", "jisoo");
        app.service(TeamService.class).addMember(ORGANIZER, "CV-02", "jisoo");
        WrapupService.AssignResult second = service.assign(ORGANIZER, "trash-detection");
        assertThat(second.addedPerMentor()).containsExactly(Map.entry("mentor-choi", 1));
        assertThat(second.kept()).isEqualTo(3);
        assertThat(EndToEnd.rows(db, "SELECT camper_id || ':' || mentor_id FROM wrapup_assignment ORDER BY camper_id"))
                .containsExactly("dana:mentor-choi", "hyun:mentor-lee", "jisoo:mentor-kim", "minji:mentor-kim");

        assertThatThrownBy(() -> service.assign(MENTOR_KIM, "trash-detection"))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("wrapup.error.organizersOnly"));
        assertThatThrownBy(() -> service.assign(ORGANIZER, "trash")).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.key()).isEqualTo("wrapup.error.unknownCompetition");
            assertThat(e.args()[1]).isEqualTo("`trash-detection`, `ocr`");
        });
    }

    @Test
    void submitReplacesTheLinkAndDoneIsForTheAssignedMentorOrOrganizers() {
        teams();
        service.assign(ORGANIZER, "trash-detection");
        assertThat(service.submit(camper("minji"), "trash-detection", "https://github.com/minji/v1")
                        .replaced())
                .isFalse();
        WrapupService.Submitted again =
                service.submit(camper("minji"), "trash-detection", "https://github.com/minji/v2");
        assertThat(again.replaced()).isTrue();
        assertThat(again.assignment().reportLink()).isEqualTo("https://github.com/minji/v2");
        assertThatThrownBy(() -> service.submit(camper("nobody"), "trash-detection", "https://x.io/r"))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("wrapup.error.notAssigned"));

        // The same answer for another mentor's camper and for someone not assigned at all.
        assertThatThrownBy(() -> service.done(MENTOR_LEE, "minji", null))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("wrapup.error.notYourCamper"));
        assertThatThrownBy(() -> service.done(MENTOR_LEE, "nobody", null))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("wrapup.error.notYourCamper"));
        assertThatThrownBy(() -> service.done(ORGANIZER, "nobody", null))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("wrapup.error.camperNotAssigned"));
        WrapupService.Done done = service.done(MENTOR_KIM, "minji", null);
        assertThat(done.already()).isFalse();
        assertThat(done.assignment().reviewedBy()).isEqualTo("mentor-kim");
        assertThat(service.done(MENTOR_KIM, "minji", "trash-detection").already())
                .isTrue();
        assertThat(service.done(ORGANIZER, "hyun", null).assignment().reviewedBy())
                .isEqualTo("org-park");
        assertThat(service.mine(MENTOR_KIM, null).reviewed()).isEqualTo(1);
    }

    @Test
    void theDefaultCompetitionIsTheLastOneThatEnded() {
        clock.set(seoul(LocalDate.of(2026, 12, 1), 23, 0));
        assertThatThrownBy(() -> service.competitionOrLatest(null))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("wrapup.error.noneEnded"));
        clock.set(seoul(LocalDate.of(2026, 12, 2), 0, 0));
        assertThat(service.competitionOrLatest(" ").id()).isEqualTo("trash-detection");
        clock.set(seoul(LocalDate.of(2026, 12, 21), 0, 0));
        assertThat(service.competitionOrLatest(null).id()).isEqualTo("ocr");
        assertThat(service.competitionOrLatest("TRASH-DETECTION").id()).isEqualTo("trash-detection");
    }

    private void fire(String key, Instant now) {
        ProgramPart.Planned p = digests.plan(config.program()).stream()
                .filter(x -> x.key().equals(key))
                .findFirst()
                .orElseThrow();
        app.database().inTransaction(c -> {
            digests.fire(c, p, now);
            return null;
        });
    }

    private List<String> outbox(String like) throws Exception {
        return EndToEnd.rows(db, "SELECT delivery_key FROM outbox WHERE delivery_key LIKE '" + like + "' ORDER BY id");
    }

    @Test
    void aDigestIsOneRowPerMentorWithOpenReviewsAndFiringAgainQueuesNothingMore() throws Exception {
        String late = "wrapup:late:trash-detection";
        fire(late, seoul(LocalDate.of(2026, 12, 5), 18, 30));
        assertThat(app.outbox()
                        .find(late + ":" + config.discord().channels().organizers())
                        .orElseThrow()
                        .payload()
                        .text())
                .contains("/wrapup assign competition:trash-detection");

        teams();
        service.assign(ORGANIZER, "trash-detection");
        service.done(MENTOR_LEE, "hyun", null);
        String key = "wrapup:digest:trash-detection:2026-12-02";
        Instant at = seoul(LocalDate.of(2026, 12, 2), 18, 30);
        fire(key, at);
        fire(key, at);
        assertThat(outbox(key + "%")).containsExactly(key + ":mentor-kim");
        String text =
                app.outbox().find(key + ":mentor-kim").orElseThrow().payload().text();
        assertThat(text).contains("<@minji>").contains("<@jisoo>").contains("2개");

        service.done(MENTOR_KIM, "minji", null);
        service.done(MENTOR_KIM, "jisoo", null);
        String next = "wrapup:digest:trash-detection:2026-12-03";
        fire(next, at.plusSeconds(86_400));
        assertThat(outbox(next + "%")).isEmpty();
    }

    @Test
    void theLateReportNamesTheLateMentorsWithWhatTheyOweOrSaysAllIsDone() throws Exception {
        teams();
        app.service(TeamService.class).addMember(ORGANIZER, "CV-03", "dana");
        service.assign(ORGANIZER, "trash-detection");
        service.done(MENTOR_LEE, "hyun", null);
        service.done(MENTOR_KIM, "minji", null);
        String late = "wrapup:late:trash-detection";
        String channel = config.discord().channels().organizers();
        fire(late, seoul(LocalDate.of(2026, 12, 5), 18, 30));
        String text =
                app.outbox().find(late + ":" + channel).orElseThrow().payload().text();
        assertThat(text)
                .contains("<@mentor-kim>: 1개")
                .contains("<@mentor-choi>: 1개")
                .doesNotContain("mentor-lee")
                .contains("멘토 2명")
                .contains("리뷰 2개");

        // Another camp where everything was done: the post says so.
        service.done(ORGANIZER, "jisoo", null);
        service.done(ORGANIZER, "dana", null);
        WrapupPosts posts = new WrapupPosts(Locale.ENGLISH);
        assertThat(posts.late(TRASH, TRASH.wrapupDue(), Map.of())).contains("every review is done");
    }

    private Reply route(Caller who, String path, Map<String, String> options) {
        return app.router().route(new Invocation(path, who, "console", options, Locale.ENGLISH));
    }

    @Test
    void mineIsPagedWithinDiscordsLimit() {
        app.service(TeamService.class).create(ORGANIZER, "Big", MENTOR_KIM.userId(), null);
        List<String> campers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = String.format("camper%02d", i);
            campers.add(id);
            app.service(TeamService.class).addMember(ORGANIZER, "Big", id);
        }
        service.assign(ORGANIZER, "trash-detection");
        for (String id : campers) {
            service.submit(camper(id), "trash-detection", "https://github.com/" + id + "/" + "wrapup-".repeat(10));
        }
        Reply first = route(MENTOR_KIM, "wrapup mine", Map.of());
        assertThat(first.text().length()).isLessThanOrEqualTo(2000);
        assertThat(first.text()).contains("40 campers").contains("Page 1 of").contains("page:2");
        StringBuilder all = new StringBuilder(first.text());
        int pages = Integer.parseInt(first.text().replaceAll("(?s).*Page 1 of (\\d+).*", "$1"));
        for (int p = 2; p <= pages; p++) {
            Reply r = route(
                    MENTOR_KIM, "wrapup mine", Map.of("competition", "trash-detection", "page", String.valueOf(p)));
            assertThat(r.text().length()).isLessThanOrEqualTo(2000);
            all.append(r.text());
        }
        assertThat(campers).allSatisfy(id -> assertThat(all).contains("<@" + id + ">"));
        assertThat(route(MENTOR_KIM, "wrapup mine", Map.of("page", String.valueOf(pages + 1)))
                        .text())
                .contains("There are " + pages + " pages");
        assertThat(route(MENTOR_LEE, "wrapup mine", Map.of()).text()).contains("no campers to review");
    }

    @Test
    void pagesNeverExceedTheirSize() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("x".repeat(i * 7 % 300 + 1));
        }
        lines.add("y".repeat(5000));
        List<List<String>> pages = WrapupCommands.pages(lines, 1700);
        assertThat(pages)
                .allSatisfy(p -> assertThat(String.join("\n", p).length()).isLessThanOrEqualTo(1700));
        assertThat(pages.stream().mapToInt(List::size).sum()).isEqualTo(lines.size());
    }
}
