package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.campops.config.Program;
import org.campops.discussion.DiscussionService;
import org.campops.program.ProgramMoments;
import org.campops.testing.Await;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Weekly discussion prompts and the mentors' weekly post, through the real JDA client and the fake Discord. */
class DiscussionEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String BOARD = "1190000000000000600";
    private static final String CAMPER3_ID = "1190000000000000210";
    private static final String MENTOR2_ID = "1190000000000000211";

    private final MutableClock clock = new MutableClock(at(LocalDate.of(2027, 2, 15), 9, 0));

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .beforeStart(fake -> {
                fake.addMember(CAMPER3_ID, "camper3", CAMPER_ROLE);
                fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE);
                fake.addTextChannel(BOARD, "nlp-discussion", null);
            })
            .config(() -> TestConfig.load().withProgram(program(LocalTime.of(10, 0))))
            .clock(() -> clock)
            .build();

    private Camp camp;
    private FakeDiscord fake;

    private static Instant at(LocalDate d, int h, int m) {
        return ZonedDateTime.of(d, LocalTime.of(h, m), SEOUL).toInstant();
    }

    static Program program(LocalTime promptTime) {
        return new Program(
                List.of(new Program.Stage(
                        "Stage 2: NLP",
                        LocalDate.of(2027, 2, 1),
                        LocalDate.of(2027, 4, 30),
                        Program.MentoringForm.DISCUSSION)),
                List.of(new Program.Competition(
                        "topic-cls",
                        "News Topic Classification",
                        LocalDate.of(2027, 2, 15),
                        LocalDate.of(2027, 3, 12),
                        BOARD,
                        LocalDate.of(2027, 3, 19))),
                List.of(),
                List.of(),
                List.of(),
                new Program.Prompts(
                        DayOfWeek.MONDAY,
                        promptTime,
                        Duration.ofHours(12),
                        List.of(
                                new Program.Prompt(
                                        "은행 주제 1: 검증 세트는 어떻게 나누나요?", "Bank prompt 1: how do you split validation?"),
                                new Program.Prompt("은행 주제 2: 앙상블", null))),
                new Program.Duties(
                        List.of(DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), LocalTime.of(10, 0), LocalTime.of(9, 0)));
    }

    @BeforeEach
    void teams(Camp camp) throws Exception {
        this.camp = camp;
        fake = camp.fake();
        for (String[] t : new String[][] {{"NLP-1", MENTOR_ID, CAMPER_ID}, {"NLP-2", MENTOR2_ID, CAMPER3_ID}}) {
            camp.slash(ORGANIZER_ID, "team", "create", Map.of("name", t[0], "mentor", FakeDiscord.userOption(t[1])));
            camp.slash(ORGANIZER_ID, "team", "add", Map.of("team", t[0], "member", FakeDiscord.userOption(t[2])));
        }
        camp.drain();
    }

    private void fireAt(String key, Instant now) throws InterruptedException {
        clock.set(now);
        camp.bot().app().program().fire(key);
        camp.bot().app().program().fire(key);
        camp.drain();
    }

    private List<JsonNode> threadStarters() {
        return fake.createdMessagesIn(BOARD).stream()
                .filter(m ->
                        FakeDiscord.BOT_ID.equals(m.path("author").path("id").asText()))
                .toList();
    }

    @Test
    void aCompetitionWeekPostsItsPromptOnceAndRemindsOnlyTheMentorWhoHasNotPosted() throws Exception {
        ProgramMoments program = camp.bot().app().program();
        assertThat(program.row("prompt:topic-cls:2027-02-15").orElseThrow().due())
                .isEqualTo(at(LocalDate.of(2027, 2, 15), 10, 0));
        assertThat(program.rows()).filteredOn(r -> r.part().equals("prompt")).hasSize(4);
        assertThat(program.row("duty:weekly-post:2027-02-15:wednesday")
                        .orElseThrow()
                        .due())
                .isEqualTo(at(LocalDate.of(2027, 2, 17), 10, 0));

        assertThat(camp.slash(
                        MENTOR2_ID, "prompt", "submit", Map.of("text", "Queued: what did your error analysis show?")))
                .contains("is queued (1 in line)");
        assertThat(camp.slash(CAMPER_ID, "prompt", "submit", Map.of("text", "x")))
                .contains("mentor");
        assertThat(camp.slash(MENTOR_ID, "prompt", "list", Map.of())).contains("1 queued, 2 left in the bank");

        fireAt("prompt:topic-cls:2027-02-15", at(LocalDate.of(2027, 2, 15), 10, 0));
        List<JsonNode> starters = threadStarters();
        assertThat(starters).hasSize(1);
        assertThat(starters.get(0).path("content").asText())
                .contains("1주차 토론")
                .contains("Queued: what did your error analysis");
        String thread = fake.threadsIn(BOARD).get(0).path("id").asText();

        // MENTOR writes on the board (a reply in the week's thread); MENTOR2 does not.
        clock.set(at(LocalDate.of(2027, 2, 16), 21, 0));
        fake.sendMessageCreate(thread, MENTOR_ID, "이번 주 멘토 글: 검증 전략 정리");
        EndToEnd.awaitGatewayHandled(fake, WAIT);
        // The board listener records the post on its own thread: wait for the record itself.
        DiscussionService discussion = camp.bot().app().service(DiscussionService.class);
        Await.until(
                () -> discussion.done("weekly-post", LocalDate.of(2027, 2, 15), MENTOR_ID),
                WAIT,
                () -> "the mentor's board post recorded as this week's weekly post");

        fireAt("duty:weekly-post:2027-02-15:wednesday", at(LocalDate.of(2027, 2, 17), 10, 0));
        assertThat(fake.dmsTo(MENTOR_ID)).isEmpty();
        assertThat(fake.dmsTo(MENTOR2_ID))
                .singleElement()
                .satisfies(m -> assertThat(m.path("content").asText()).contains("<#" + BOARD + ">"));
        // MENTOR2 marks it by hand; Friday's reminder goes to nobody.
        assertThat(camp.slash(MENTOR2_ID, "duties", "done", Map.of("duty", "weekly-post")))
                .contains("2027-02-15");
        fireAt("duty:weekly-post:2027-02-15:friday", at(LocalDate.of(2027, 2, 19), 10, 0));
        assertThat(fake.dmsTo(MENTOR2_ID)).hasSize(1);

        // Week 2: the bank's first prompt.
        fireAt("prompt:topic-cls:2027-02-22", at(LocalDate.of(2027, 2, 22), 10, 0));
        assertThat(threadStarters()).hasSize(2);
        assertThat(threadStarters().get(1).path("content").asText())
                .contains("2주차")
                .contains("Bank prompt 1");
        assertThat(fake.dmsTo(MENTOR_ID)).isEmpty();
    }

    @Test
    void aQueuedPromptsMaskedLinkShowsItsRealAddressAndItsMentionsPingNobody() throws Exception {
        String prompt =
                "Read [arxiv.org/abs/1706.03762](https://evil.example/x) and [[paper](https://a.example)](<https://b.example>)"
                        + " first @everyone @here <@&" + CAMPER_ROLE + ">";
        assertThat(camp.slash(MENTOR_ID, "prompt", "submit", Map.of("text", prompt)))
                .contains("is queued (1 in line)");
        // Whoever reviews the queue sees it defused too.
        assertThat(camp.slash(MENTOR_ID, "prompt", "list", Map.of()))
                .contains("[arxiv.org/abs/1706.03762] (https://evil.example/x)")
                .doesNotContain("](", "@everyone");

        fireAt("prompt:topic-cls:2027-02-15", at(LocalDate.of(2027, 2, 15), 10, 0));
        JsonNode sent = fake.messagesPostedTo(BOARD).get(0);
        assertThat(sent.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(sent.path("allowed_mentions").path("roles")).isEmpty();
        JsonNode starter = threadStarters().get(0);
        assertThat(starter.path("content").asText())
                .contains(
                        "Read [arxiv.org/abs/1706.03762] (https://evil.example/x) and [[paper] (https://a.example)] (<https://b.example>)")
                .doesNotContain("](", "@everyone", "@here", "<@&");
        assertThat(starter.path("mention_everyone").asBoolean()).isFalse();
        assertThat(starter.path("mention_roles")).isEmpty();
        assertThat(camp.rows("SELECT text FROM discussion_prompt")).containsExactly(prompt);
    }

    @Test
    void aPromptMissedWhileDownIsPostedLateWithinTheGraceOtherwiseSkippedAndAnEditMovesOnlyFutureMoments()
            throws Exception {
        // Down over week 1: back 3 h late, within the 12 h grace: posted once.
        fireAt("prompt:topic-cls:2027-02-15", at(LocalDate.of(2027, 2, 15), 13, 0));
        assertThat(threadStarters()).hasSize(1);
        // Down over week 2 for a day: skipped, never posted.
        fireAt("prompt:topic-cls:2027-02-22", at(LocalDate.of(2027, 2, 23), 11, 0));
        assertThat(threadStarters()).hasSize(1);
        assertThat(camp.bot()
                        .app()
                        .program()
                        .row("prompt:topic-cls:2027-02-22")
                        .orElseThrow()
                        .status())
                .isEqualTo("SKIPPED");

        // The file is edited (prompts at 11:00 now) and the bot restarted: future moments move, done ones stay done.
        camp.restart(TestConfig.load().withProgram(program(LocalTime.of(11, 0))));
        assertThat(camp.bot().app().moments().awaitPlanned(WAIT)).isTrue();
        assertThat(camp.bot()
                        .app()
                        .program()
                        .row("prompt:topic-cls:2027-03-01")
                        .orElseThrow()
                        .due())
                .isEqualTo(at(LocalDate.of(2027, 3, 1), 11, 0));
        assertThat(camp.bot()
                        .app()
                        .moments()
                        .nextFire(
                                "program",
                                camp.bot()
                                        .app()
                                        .program()
                                        .row("prompt:topic-cls:2027-03-01")
                                        .orElseThrow()
                                        .id(),
                                "due"))
                .isEqualTo(at(LocalDate.of(2027, 3, 1), 11, 0));
        assertThat(camp.bot()
                        .app()
                        .program()
                        .row("prompt:topic-cls:2027-02-15")
                        .orElseThrow()
                        .status())
                .isEqualTo("DONE");
        camp.bot().app().program().fire("prompt:topic-cls:2027-02-15");
        fireAt("prompt:topic-cls:2027-03-01", at(LocalDate.of(2027, 3, 1), 11, 0));
        assertThat(threadStarters()).hasSize(2);
        assertThat(threadStarters().get(1).path("content").asText())
                .contains("3주차")
                .contains("은행 주제 2");
    }
}
