package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZERS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.wrapup.WrapupDigests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Wrap-up reviews through the real JDA client against the fake Discord: assign, submit, mine, done,
 * the mentors' daily digests and the organizers' late report, with a controlled clock.
 */
class WrapupEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String COMP = "trash-detection";
    /** A camper and a mentor of the second team, and a camper who joins the first team after the assignment. */
    private static final String CAMPER3_ID = "1190000000000000210";

    private static final String MENTOR2_ID = "1190000000000000211";
    private static final String CAMPER4_ID = "1190000000000000212";
    private static final String LINK1 = "https://github.com/camper1/wrapup-v1";
    private static final String LINK1B = "https://github.com/camper1/wrapup-v2";
    private static final String LINK3 = "https://notion.so/camper3-wrapup";
    private static final String LINK4 = "https://velog.io/@camper4/trash-wrapup";

    private final MutableClock clock = new MutableClock(Instant.now());
    /** Every moment of the test's program is days ahead of the real time, so no Quartz trigger fires by itself. */
    private final LocalDate today = LocalDate.now(SEOUL);

    private final LocalDate end = today.plusDays(10);
    private final LocalDate due = today.plusDays(12);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .beforeStart(fake -> {
                fake.addMember(CAMPER3_ID, "camper3", CAMPER_ROLE);
                fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE);
                fake.addMember(CAMPER4_ID, "camper4", CAMPER_ROLE);
            })
            .config(this::config)
            .clock(() -> clock)
            .build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private CampConfig config() {
        Program program = new Program(
                List.of(),
                List.of(
                        new Program.Competition(COMP, "Trash Detection", today.plusDays(3), end, GENERAL_CHANNEL, due),
                        new Program.Competition(
                                "ocr",
                                "Receipt OCR",
                                today.plusDays(20),
                                today.plusDays(30),
                                GENERAL_CHANNEL,
                                today.plusDays(35))),
                List.of(),
                List.of(),
                List.of(),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
        return TestConfig.load().withProgram(program);
    }

    private void team(String name, String mentor, String... campers) throws Exception {
        assertThat(camp.slash(
                        ORGANIZER_ID, "team", "create", Map.of("name", name, "mentor", FakeDiscord.userOption(mentor))))
                .contains(name);
        for (String c : campers) {
            addToTeam(name, c);
        }
        camp.drain();
    }

    private void addToTeam(String team, String camper) {
        assertThat(camp.slash(
                        ORGANIZER_ID, "team", "add", Map.of("team", team, "member", FakeDiscord.userOption(camper))))
                .contains("joined");
    }

    private static String at(String user) {
        return "<@" + user + ">";
    }

    private static Instant seoul(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(day, LocalTime.of(hour, minute), SEOUL).toInstant();
    }

    private List<String> assignments() throws Exception {
        return camp.rows("SELECT camper_id || ':' || mentor_id || ':' || COALESCE(report_link, '-') || ':'"
                + " || CASE WHEN reviewed_at IS NULL THEN 'open' ELSE 'reviewed by ' || reviewed_by END"
                + " FROM wrapup_assignment WHERE competition_id = '" + COMP + "' ORDER BY camper_id");
    }

    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("content").asText()).toList();
    }

    @Test
    void assignSubmitMineAndDoneThenOneDigestPerMentorWithOpenReviewsAndTheLateReportNamesOnlyTheLateMentor()
            throws Exception {
        // The program's wrap-up moments were planned at start, in the camp's zone.
        assertThat(camp.bot()
                        .app()
                        .program()
                        .row(WrapupDigests.digestKey(COMP, end.plusDays(1)))
                        .orElseThrow()
                        .due())
                .isEqualTo(seoul(end.plusDays(1), 9, 0));
        assertThat(camp.bot().app().program().row(WrapupDigests.digestKey(COMP, end)))
                .isEmpty();
        assertThat(camp.bot().app().program().row(WrapupDigests.digestKey(COMP, due)))
                .isPresent();
        assertThat(camp.bot().app().program().row(WrapupDigests.digestKey(COMP, due.plusDays(1))))
                .isEmpty();
        assertThat(camp.bot()
                        .app()
                        .program()
                        .row(WrapupDigests.lateKey(COMP))
                        .orElseThrow()
                        .due())
                .isEqualTo(seoul(due.plusDays(1), 9, 0));

        // The morning after the competition ended.
        clock.set(seoul(end.plusDays(1), 8, 0));
        team("CV-01", MENTOR_ID, CAMPER_ID, CAMPER2_ID);
        team("CV-02", MENTOR2_ID, CAMPER3_ID);

        assertThat(camp.slash(ORGANIZER_ID, "wrapup", "assign", Map.of("competition", "trash")))
                .contains("There is no competition 'trash'")
                .contains("`trash-detection`, `ocr`");
        assertThat(camp.slash(MENTOR_ID, "wrapup", "assign", Map.of("competition", COMP)))
                .contains("organizer");
        assertThat(camp.slash(CAMPER_ID, "wrapup", "submit", Map.of("competition", COMP, "link", LINK1)))
                .contains("no wrap-up report to hand in");

        assertThat(camp.slash(ORGANIZER_ID, "wrapup", "assign", Map.of("competition", COMP)))
                .contains("assigned: 3 campers")
                .contains(at(MENTOR_ID) + " 2")
                .contains(at(MENTOR2_ID) + " 1")
                .contains("due " + due);
        // A camper who joins afterwards is added by running it again; the others are kept.
        addToTeam("CV-01", CAMPER4_ID);
        camp.drain();
        assertThat(camp.slash(ORGANIZER_ID, "wrapup", "assign", Map.of("competition", COMP)))
                .contains("assigned: 1 camper ")
                .contains(at(MENTOR_ID) + " 1")
                .doesNotContain(at(MENTOR2_ID))
                .contains("3 campers were assigned before");
        assertThat(camp.slash(ORGANIZER_ID, "wrapup", "assign", Map.of("competition", COMP)))
                .contains("Nothing new")
                .contains("all 4 campers");

        // Campers hand in their links: only http(s), replacing an earlier one.
        assertThat(camp.slash(
                        CAMPER_ID,
                        "wrapup",
                        "submit",
                        Map.of("competition", COMP, "link", "ftp://files.example.com/report.pdf")))
                .contains("is not a link to your report")
                .contains("link:https://github.com/you/wrapup-report");
        assertThat(camp.slash(CAMPER_ID, "wrapup", "submit", Map.of("competition", COMP, "link", LINK1)))
                .contains("Saved your wrap-up report for **Trash Detection**")
                .contains(LINK1)
                .contains(at(MENTOR_ID));
        assertThat(camp.slash(CAMPER_ID, "wrapup", "submit", Map.of("competition", COMP, "link", LINK1B)))
                .contains("Replaced")
                .contains(LINK1B);
        assertThat(camp.slash(CAMPER3_ID, "wrapup", "submit", Map.of("competition", COMP, "link", LINK3)))
                .contains(at(MENTOR2_ID));
        assertThat(camp.slash(CAMPER4_ID, "wrapup", "submit", Map.of("competition", COMP, "link", LINK4)))
                .contains("Saved");
        assertThat(camp.slash(CAMPER3_ID, "wrapup", "submit", Map.of("competition", "ocr", "link", LINK3)))
                .contains("no wrap-up report to hand in for **Receipt OCR**");

        // Each mentor sees their own campers (the default competition is the last one that ended).
        String mine = camp.slash(MENTOR_ID, "wrapup", "mine", Map.of());
        assertThat(mine)
                .contains("**Trash Detection**")
                .contains("3 campers, 2 reports in, 0 reviewed")
                .contains(at(CAMPER_ID))
                .contains(LINK1B)
                .doesNotContain(LINK1 + ">")
                .contains(at(CAMPER2_ID))
                .contains("no report yet")
                .contains(at(CAMPER4_ID))
                .contains("CV-01")
                .doesNotContain(at(CAMPER3_ID))
                .doesNotContain(LINK3);
        assertThat(mine.length()).isLessThanOrEqualTo(2000);
        String mine2 = camp.slash(MENTOR2_ID, "wrapup", "mine", Map.of("competition", COMP));
        assertThat(mine2)
                .contains(at(CAMPER3_ID))
                .contains(LINK3)
                .doesNotContain(at(CAMPER_ID))
                .doesNotContain(LINK1B);

        // Campers can neither list nor mark; a mentor marks only their own campers.
        assertThat(camp.slash(CAMPER3_ID, "wrapup", "mine", Map.of())).contains("mentor");
        assertThat(camp.slash(CAMPER_ID, "wrapup", "done", Map.of("camper", FakeDiscord.userOption(CAMPER_ID))))
                .contains("mentor");
        assertThat(camp.slash(MENTOR2_ID, "wrapup", "done", Map.of("camper", FakeDiscord.userOption(CAMPER_ID))))
                .contains("is not one of your campers");
        assertThat(camp.slash(
                        MENTOR2_ID,
                        "wrapup",
                        "done",
                        Map.of("camper", FakeDiscord.userOption(CAMPER3_ID), "competition", COMP)))
                .contains("Marked the wrap-up review of " + at(CAMPER3_ID));
        assertThat(camp.slash(MENTOR_ID, "wrapup", "done", Map.of("camper", FakeDiscord.userOption(CAMPER_ID))))
                .contains("Marked the wrap-up review of " + at(CAMPER_ID));
        assertThat(camp.slash(MENTOR_ID, "wrapup", "done", Map.of("camper", FakeDiscord.userOption(CAMPER_ID))))
                .contains("already marked");
        assertThat(camp.slash(MENTOR_ID, "wrapup", "mine", Map.of())).contains("3 campers, 2 reports in, 1 reviewed");
        assertThat(assignments())
                .containsExactly(
                        CAMPER_ID + ":" + MENTOR_ID + ":" + LINK1B + ":reviewed by " + MENTOR_ID,
                        CAMPER2_ID + ":" + MENTOR_ID + ":-:open",
                        CAMPER3_ID + ":" + MENTOR2_ID + ":" + LINK3 + ":reviewed by " + MENTOR2_ID,
                        CAMPER4_ID + ":" + MENTOR_ID + ":" + LINK4 + ":open");

        // The first digest: one DM to the mentor with open reviews (fired twice), none to the one who is done.
        String digest1 = WrapupDigests.digestKey(COMP, end.plusDays(1));
        clock.set(seoul(end.plusDays(1), 9, 0).plusSeconds(30));
        camp.bot().app().program().fire(digest1);
        camp.bot().app().program().fire(digest1);
        camp.drain();
        List<String> dms = texts(fake.dmsTo(MENTOR_ID));
        assertThat(dms).hasSize(1);
        assertThat(dms.get(0))
                .contains("Trash Detection")
                .contains("2개 남았어요")
                .contains(at(CAMPER2_ID))
                .contains(at(CAMPER4_ID))
                .contains(LINK4)
                .doesNotContain(at(CAMPER_ID))
                .doesNotContain(LINK1B);
        assertThat(fake.dmsTo(MENTOR2_ID)).isEmpty();
        assertThat(camp.bot().app().program().row(digest1).orElseThrow().status())
                .isEqualTo("DONE");

        // An organizer may mark anyone's camper; the next day's digest lists what is left.
        assertThat(camp.slash(ORGANIZER_ID, "wrapup", "done", Map.of("camper", FakeDiscord.userOption(CAMPER2_ID))))
                .contains("Marked")
                .contains("have not handed in a report link");
        String digest2 = WrapupDigests.digestKey(COMP, due);
        clock.set(seoul(due, 9, 0).plusSeconds(30));
        camp.bot().app().program().fire(digest2);
        camp.drain();
        dms = texts(fake.dmsTo(MENTOR_ID));
        assertThat(dms).hasSize(2);
        assertThat(dms.get(1)).contains("1개 남았어요").contains(at(CAMPER4_ID)).doesNotContain(at(CAMPER2_ID));
        assertThat(fake.dmsTo(MENTOR2_ID)).isEmpty();

        // The morning after the deadline: one post in the organizers' channel naming the late mentor only.
        clock.set(seoul(due.plusDays(1), 9, 0).plusSeconds(30));
        camp.bot().app().program().fire(WrapupDigests.lateKey(COMP));
        camp.bot().app().program().fire(WrapupDigests.lateKey(COMP));
        camp.drain();
        List<String> late = texts(fake.messagesPostedTo(ORGANIZERS_CHANNEL)).stream()
                .filter(t -> t.contains("Trash Detection"))
                .toList();
        assertThat(late).hasSize(1);
        assertThat(late.get(0))
                .contains(at(MENTOR_ID) + ": 1개 남음")
                .contains("멘토 1명")
                .doesNotContain(at(MENTOR2_ID));
        JsonNode post = fake.messagesPostedTo(ORGANIZERS_CHANNEL).stream()
                .filter(m -> m.path("content").asText().contains("Trash Detection"))
                .findFirst()
                .orElseThrow();
        assertThat(post.path("allowed_mentions").toString()).doesNotContain(MENTOR_ID);

        assertThat(camp.rows("SELECT delivery_key FROM outbox WHERE delivery_key LIKE 'wrapup:%' ORDER BY id"))
                .containsExactly(
                        digest1 + ":" + MENTOR_ID,
                        digest2 + ":" + MENTOR_ID,
                        WrapupDigests.lateKey(COMP) + ":" + ORGANIZERS_CHANNEL);
        EndToEnd.assertContract(fake);
    }
}
