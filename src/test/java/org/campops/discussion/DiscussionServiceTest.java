package org.campops.discussion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.campops.chat.Caller;
import org.campops.chat.ChatMessage;
import org.campops.chat.Role;
import org.campops.chat.UserError;
import org.campops.config.Program;
import org.campops.duties.Duty;
import org.campops.testing.SmallApp;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The discussion board's service on a small app (database, teams, clock): the prompt queue and bank, and the mentors'
 * weekly post as a duty, done by a post on the board or by hand.
 */
class DiscussionServiceTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String BOARD = "1190000000000000600";
    private static final LocalDate MONDAY = LocalDate.of(2027, 2, 15);
    private static final Caller ORGANIZER = new Caller("org", "Org", Set.of(Role.ORGANIZER));
    private static final Caller MENTOR = new Caller("mentor1", "Mentor", Set.of(Role.MENTOR));
    private static final Program.Prompt BANK_1 = new Program.Prompt("은행 주제 1", "Bank prompt 1");
    private static final Program.Prompt BANK_2 = new Program.Prompt("은행 주제 2", null);

    private final SmallApp app = SmallApp.of(TestConfig.load().withProgram(program()), at(MONDAY, 9, 0));
    private final DiscussionService discussion =
            new DiscussionService(app.db(), app.clock(), app.config(), app.teams());

    private static Instant at(LocalDate d, int h, int m) {
        return ZonedDateTime.of(d, LocalTime.of(h, m), SEOUL).toInstant();
    }

    /** A discussion stage through March with one competition whose board is {@link #BOARD}; posts chased Wed and Fri. */
    private static Program program() {
        return new Program(
                List.of(new Program.Stage(
                        "Stage 2: NLP",
                        LocalDate.of(2027, 2, 1),
                        LocalDate.of(2027, 3, 31),
                        Program.MentoringForm.DISCUSSION)),
                List.of(new Program.Competition(
                        "topic-cls",
                        "News Topic Classification",
                        MONDAY,
                        LocalDate.of(2027, 3, 12),
                        BOARD,
                        LocalDate.of(2027, 3, 19))),
                List.of(),
                List.of(),
                List.of(),
                new Program.Prompts(
                        DayOfWeek.MONDAY, LocalTime.of(10, 0), Duration.ofHours(12), List.of(BANK_1, BANK_2)),
                new Program.Duties(
                        List.of(DayOfWeek.FRIDAY, DayOfWeek.WEDNESDAY), LocalTime.of(10, 0), LocalTime.of(9, 0)));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private String take(String key) {
        return app.db()
                .inTransaction(c -> discussion.take(c, key, app.clock().instant()))
                .orElse(null);
    }

    @Test
    void queuedPromptsGoFirstThenTheBankInOrderEachMomentKeepsItsOwnAndNoneIsLeftAtTheEnd() {
        DiscussionService.QueuedPrompt first = discussion.submit(MENTOR, "  Which tokenizer do you use?  ");
        app.clock().set(at(MONDAY, 9, 5));
        discussion.submit(MENTOR, "How do you handle class imbalance?");
        assertThat(first.text()).isEqualTo("Which tokenizer do you use?");
        assertThat(discussion.queue())
                .extracting(DiscussionService.QueuedPrompt::text)
                .containsExactly("Which tokenizer do you use?", "How do you handle class imbalance?");
        assertThat(discussion.unusedBank()).containsExactly(BANK_1, BANK_2);

        assertThat(take("prompt:topic-cls:2027-02-15")).isEqualTo("Which tokenizer do you use?");
        assertThat(take("prompt:topic-cls:2027-02-15"))
                .as("asked again: the same one")
                .isEqualTo("Which tokenizer do you use?");
        assertThat(take("prompt:topic-cls:2027-02-22")).isEqualTo("How do you handle class imbalance?");
        assertThat(take("prompt:topic-cls:2027-03-01")).isEqualTo(BANK_1.text());
        assertThat(discussion.unusedBank()).containsExactly(BANK_2);
        assertThat(take("prompt:topic-cls:2027-03-08")).isEqualTo(BANK_2.text());
        assertThat(take("prompt:topic-cls:2027-03-15")).isNull();
        assertThat(discussion.queue()).isEmpty();
        assertThat(app.rows("SELECT source || ' ' || status || ' ' || used_key FROM discussion_prompt ORDER BY id"))
                .containsExactly(
                        "SUBMITTED USED prompt:topic-cls:2027-02-15", "SUBMITTED USED prompt:topic-cls:2027-02-22",
                        "BANK USED prompt:topic-cls:2027-03-01", "BANK USED prompt:topic-cls:2027-03-08");
    }

    @Test
    void aPromptMustHaveVisibleTextFitAMessageAndOnlyOrganizersDropOne() {
        assertThatThrownBy(() -> discussion.submit(MENTOR, " \u200b "))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("prompt.error.empty"));
        assertThatThrownBy(() -> discussion.submit(MENTOR, "x".repeat(DiscussionService.MAX_PROMPT + 1)))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("prompt.error.tooLong"));
        DiscussionService.QueuedPrompt p = discussion.submit(MENTOR, "x".repeat(DiscussionService.MAX_PROMPT));

        assertThatThrownBy(() -> discussion.drop(MENTOR, p.id()))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("prompt.error.organizersOnly"));
        assertThat(discussion.drop(ORGANIZER, p.id()).id()).isEqualTo(p.id());
        assertThatThrownBy(() -> discussion.drop(ORGANIZER, p.id()))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("prompt.error.notQueued"));
        assertThat(discussion.queue()).isEmpty();
        assertThat(app.rows("SELECT status FROM discussion_prompt")).containsExactly("DROPPED");
    }

    @Test
    void theWeeklyPostIsOpenUntilTheFirstReminderThenLateUntilAMentorWritesOnTheBoard() {
        assertThat(discussion.weekOf(at(MONDAY.plusDays(6), 23, 59))).isEqualTo(MONDAY);
        assertThat(discussion.weekOf(at(MONDAY.plusDays(7), 0, 0))).isEqualTo(MONDAY.plusDays(7));
        Instant weekEnd = at(MONDAY.plusDays(7), 0, 0).minusSeconds(60);
        assertThat(discussion.weeklyPostDuty("mentor1", MONDAY, Locale.ENGLISH))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(DiscussionService.WEEKLY_POST);
                    assertThat(d.status()).isEqualTo(Duty.Status.OPEN);
                    assertThat(d.due()).isEqualTo(weekEnd);
                });
        // The first reminder of the week (Wednesday 10:00) has passed.
        app.clock().set(at(MONDAY.plusDays(2), 10, 1));
        assertThat(discussion.weeklyPostDuty("mentor1", MONDAY, Locale.ENGLISH))
                .extracting(Duty::status)
                .containsExactly(Duty.Status.LATE);

        // A camper's message, a mentor's message elsewhere and a bot's message on the board do not count.
        discussion.onMessage(new ChatMessage(
                "m1",
                BOARD,
                "camper1",
                "camper",
                Set.of(Role.CAMPER),
                false,
                "hi",
                app.clock().instant(),
                null));
        discussion.onMessage(new ChatMessage(
                "m2",
                "1190000000000000301",
                "mentor1",
                "Mentor",
                Set.of(Role.MENTOR),
                false,
                "hi",
                app.clock().instant(),
                null));
        discussion.onMessage(new ChatMessage(
                "m3",
                BOARD,
                "mentor1",
                "Mentor",
                Set.of(Role.MENTOR),
                true,
                "hi",
                app.clock().instant(),
                null));
        assertThat(discussion.done(DiscussionService.WEEKLY_POST, MONDAY, "mentor1"))
                .isFalse();
        // A mentor's reply in a thread under the board does.
        discussion.onMessage(new ChatMessage(
                "m4",
                "thread-1",
                "mentor1",
                "Mentor",
                Set.of(Role.MENTOR),
                false,
                "이번 주 토론 정리",
                app.clock().instant(),
                BOARD));
        assertThat(discussion.weeklyPostDuty("mentor1", MONDAY, Locale.ENGLISH))
                .extracting(Duty::status)
                .containsExactly(Duty.Status.DONE);
        assertThat(app.rows("SELECT how || ' ' || message_id || ' ' || week_start FROM duty_done"))
                .containsExactly("POST m4 2027-02-15");
    }

    @Test
    void aMentorMarksTheWeekDoneByHandOnceAndNoPostIsDueOutsideADiscussionStage() {
        app.clock().set(at(MONDAY.plusDays(3), 12, 0));
        assertThat(discussion.markDone(MENTOR, DiscussionService.WEEKLY_POST)).isEqualTo(MONDAY);
        assertThat(discussion.markDone(MENTOR, DiscussionService.WEEKLY_POST)).isEqualTo(MONDAY);
        assertThat(app.rows("SELECT how FROM duty_done WHERE mentor_id = 'mentor1'"))
                .containsExactly("MANUAL");
        assertThat(discussion.done(DiscussionService.WEEKLY_POST, MONDAY, "mentor1"))
                .isTrue();
        assertThat(discussion.done(DiscussionService.WEEKLY_POST, MONDAY.plusDays(7), "mentor1"))
                .isFalse();
        assertThatThrownBy(() -> discussion.markDone(MENTOR, "report"))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("duties.error.unknownDuty"));

        assertThat(discussion.postsDue(LocalDate.of(2027, 1, 25))).isFalse();
        assertThat(discussion.postsDue(LocalDate.of(2027, 3, 29)))
                .as("the stage's last days")
                .isTrue();
        assertThat(discussion.postsDue(LocalDate.of(2027, 4, 5))).isFalse();
        assertThat(discussion.weeklyPostDuty("mentor1", LocalDate.of(2027, 4, 5), Locale.ENGLISH))
                .isEmpty();
    }

    @Test
    void theMentorsWhoOweAPostAreThoseOfTheTeamsEachOnce() {
        assertThat(discussion.mentors()).isEmpty();
        app.teams().create(ORGANIZER, "NLP-1", "mentor1", null);
        app.teams().create(ORGANIZER, "NLP-2", "mentor2", null);
        app.teams().create(ORGANIZER, "NLP-3", "mentor1", null);
        assertThat(discussion.mentors()).containsExactlyInAnyOrder("mentor1", "mentor2");
        // A team's mentor counts even without the mentor role on Discord.
        discussion.onMessage(new ChatMessage(
                "m9",
                BOARD,
                "mentor2",
                "Mentor two",
                Set.of(),
                false,
                "post",
                app.clock().instant(),
                null));
        assertThat(discussion.done(DiscussionService.WEEKLY_POST, MONDAY, "mentor2"))
                .isTrue();
    }
}
