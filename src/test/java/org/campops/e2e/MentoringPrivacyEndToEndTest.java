package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.config.Program;
import org.campops.mentoring.MentoringService;
import org.campops.mentoring.Session;
import org.campops.teams.Team;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15 items 3 and 4 through the real JDA client against the fake Discord: what mentors and organizers see of
 * the anonymous feedback (a mentor who looks before and after each answer learns nothing; nobody sees who answered,
 * and the database keeps no member id with an answer), and forged attendance, feedback and note buttons and forms
 * (another team's session, one not held yet, an unknown id) all get the very same refusal and store nothing.
 */
class MentoringPrivacyEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String CAMPER3_ID = "1190000000000000220";
    private static final String CAMPER4_ID = "1190000000000000221";
    private static final String OTHER_CAMPER_ID = "1190000000000000222";
    private static final String OTHER_MENTOR_ID = "1190000000000000223";
    private static final List<String> MEMBERS = List.of(
            CAMPER_ID, CAMPER2_ID, CAMPER3_ID, CAMPER4_ID, OTHER_CAMPER_ID, MENTOR_ID, OTHER_MENTOR_ID, ORGANIZER_ID);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalDate today = LocalDate.now(SEOUL);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .beforeStart(fake -> {
                for (String camper : List.of(CAMPER3_ID, CAMPER4_ID, OTHER_CAMPER_ID)) {
                    fake.addMember(camper, "camper-" + camper.substring(camper.length() - 3), CAMPER_ROLE);
                }
                fake.addMember(OTHER_MENTOR_ID, "mentor-223", MENTOR_ROLE);
            })
            .config(() -> TestConfig.load()
                    .withStages(List.of(new Program.Stage("Stage 1", today.minusDays(7), today.plusDays(40)))))
            .clock(() -> clock)
            .build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private String report(String user) {
        return camp.slash(user, "mentoring", "report", Map.of());
    }

    private String rate(String camper, Session s, int rating) {
        return camp.submit(
                camper, "mt:fbs:" + s.id(), Map.of("rating", String.valueOf(rating), "comment", "rated " + rating));
    }

    /** A team (its channel made by the bot) with a weekly series starting the day after tomorrow; its sessions. */
    private List<Session> teamWithSeries(String name, String mentor, String... campers) throws Exception {
        Team t = camp.team(name, mentor, campers);
        String day = today.plusDays(2)
                .getDayOfWeek()
                .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                .toLowerCase(Locale.ROOT);
        assertThat(camp.slash(
                        mentor,
                        "mentoring",
                        "set",
                        Map.of("team", name, "day", day, "time", "20:00", "link", "https://zoom.us/j/123")))
                .contains(name);
        return camp.bot().app().service(MentoringService.class).sessions(t);
    }

    @Test
    void aMentorLearnsNoSingleAnswer_organizersSeeAllButNeverWho_andNoMemberIdIsStored() throws Exception {
        List<Session> s = teamWithSeries("CV-03", MENTOR_ID, CAMPER_ID, CAMPER2_ID, CAMPER3_ID, CAMPER4_ID);
        Session first = s.get(0);
        clock.set(first.startAt().plus(Duration.ofHours(1)));
        assertThat(rate(CAMPER_ID, first, 5)).contains("anonymous");
        rate(CAMPER2_ID, first, 5);
        rate(CAMPER3_ID, first, 4);
        String afterThree = report(MENTOR_ID);
        assertThat(afterThree)
                .contains("CV-03")
                .contains("no feedback to show yet")
                .doesNotContain("4.7")
                .doesNotContain("answers)")
                .doesNotContain("rated");
        rate(CAMPER4_ID, first, 1);
        assertThat(report(MENTOR_ID)).as("after a 4th answer (a 1)").isEqualTo(afterThree);
        rate(CAMPER_ID, first, 1);
        assertThat(report(MENTOR_ID)).as("after a changed answer").isEqualTo(afterThree);

        String organizer = report(ORGANIZER_ID);
        assertThat(organizer)
                .contains("feedback 2.8/5 from 4 answers")
                .contains("rated 1")
                .contains("rated 4");
        for (String camper : List.of(CAMPER_ID, CAMPER2_ID, CAMPER3_ID, CAMPER4_ID)) {
            assertThat(organizer).doesNotContain(camper);
            assertThat(afterThree).doesNotContain(camper);
        }

        // A week after the start the session takes no more answers; the report does not move.
        clock.set(first.startAt().plus(Duration.ofDays(7)));
        String atClose = report(MENTOR_ID);
        assertThat(camp.submit(CAMPER2_ID, "mt:fbs:" + first.id(), Map.of("rating", "1", "comment", "")))
                .contains("closed on");
        assertThat(camp.press(CAMPER2_ID, GENERAL_CHANNEL, fake.newSnowflake(), "mt:fb:" + first.id()))
                .contains("closed on");
        assertThat(report(MENTOR_ID)).isEqualTo(atClose).contains("no feedback to show yet");

        // Closed: one figure for that week, rounded to 0.5 ((1 + 5 + 4 + 1) / 4 = 2.75 -> 3.0), without a count.
        clock.set(first.startAt().plus(Duration.ofDays(7)).plusSeconds(60));
        String closed = report(MENTOR_ID);
        assertThat(closed)
                .contains(first.startAt().atZone(SEOUL).toLocalDate() + " – "
                        + first.startAt().atZone(SEOUL).toLocalDate()
                        + ": feedback 3.0/5 (rounded to 0.5, at least 3 answers)")
                .contains("later sessions")
                .doesNotContain("2.8")
                .doesNotContain("2.75")
                .doesNotContain("4 answers")
                .doesNotContain("rated");
        // The next session's answers are not shown while its window is open.
        rate(CAMPER3_ID, s.get(1), 1);
        rate(CAMPER4_ID, s.get(1), 1);
        rate(CAMPER_ID, s.get(1), 1);
        assertThat(report(MENTOR_ID)).isEqualTo(closed);

        List<String> stored = camp.rows("SELECT CAST(session_id AS VARCHAR(20)) || ';' || member_hash || ';'"
                + " || CAST(rating AS VARCHAR(2)) || ';' || COALESCE(comment, '') FROM mentoring_feedback");
        assertThat(stored).hasSize(7);
        assertThat(camp.rows("SELECT member_hash FROM mentoring_feedback")).allMatch(h -> h.matches("[0-9a-f]{64}"));
        for (String row : stored) {
            for (String member : MEMBERS) {
                assertThat(row).doesNotContain(member);
            }
        }
    }

    @Test
    void forgedMentoringButtonsAndFormsGetOneRefusalAndStoreNothing() throws Exception {
        List<Session> own = teamWithSeries("CV-03", MENTOR_ID, CAMPER_ID);
        List<Session> other = teamWithSeries("CV-04", OTHER_MENTOR_ID, OTHER_CAMPER_ID);
        clock.set(own.get(0).startAt().plus(Duration.ofHours(1)));
        long othersHeld = other.get(0).id();
        long ownFuture = own.get(1).id();
        long othersFuture = other.get(1).id();
        long unknown = 999_999;
        String refusal = camp.press(CAMPER_ID, GENERAL_CHANNEL, fake.newSnowflake(), "mt:att:x:1");
        assertThat(refusal).contains("not valid any more");

        List<String> answers = new ArrayList<>();
        for (String member : List.of(CAMPER_ID, MENTOR_ID)) {
            for (long id : List.of(othersHeld, ownFuture, othersFuture, unknown)) {
                answers.add(camp.press(member, GENERAL_CHANNEL, fake.newSnowflake(), "mt:att:" + id + ":1"));
                answers.add(camp.press(member, GENERAL_CHANNEL, fake.newSnowflake(), "mt:att:" + id + ":0"));
                answers.add(camp.press(member, GENERAL_CHANNEL, fake.newSnowflake(), "mt:fb:" + id));
                answers.add(camp.press(member, GENERAL_CHANNEL, fake.newSnowflake(), "mt:note:" + id));
                answers.add(camp.submit(member, "mt:fbs:" + id, Map.of("rating", "5", "comment", "forged")));
                answers.add(camp.submit(member, "mt:fbs:" + id, Map.of("rating", "x", "comment", "")));
                answers.add(camp.submit(member, "mt:notes:" + id, Map.of("note", "forged")));
            }
        }
        // The other team's mentor on this team's held session.
        answers.add(camp.press(
                OTHER_MENTOR_ID,
                GENERAL_CHANNEL,
                fake.newSnowflake(),
                "mt:note:" + own.get(0).id()));
        answers.add(camp.submit(OTHER_MENTOR_ID, "mt:notes:" + own.get(0).id(), Map.of("note", "forged")));
        answers.add(camp.press(
                OTHER_CAMPER_ID,
                GENERAL_CHANNEL,
                fake.newSnowflake(),
                "mt:fb:" + own.get(0).id()));
        assertThat(answers).hasSize(59).allSatisfy(a -> assertThat(a).isEqualTo(refusal));

        assertThat(camp.rows("SELECT COUNT(*) FROM mentoring_attendance")).containsExactly("0");
        assertThat(camp.rows("SELECT COUNT(*) FROM mentoring_feedback")).containsExactly("0");
        assertThat(camp.rows("SELECT COUNT(*) FROM mentoring_session WHERE note IS NOT NULL"))
                .containsExactly("0");

        // Q&A's resolve and office hours' RSVP buttons with unknown ids: the same refusal.
        assertThat(camp.press(CAMPER_ID, GENERAL_CHANNEL, fake.newSnowflake(), "qa:resolve:" + unknown))
                .isEqualTo(refusal);
        assertThat(camp.press(CAMPER_ID, GENERAL_CHANNEL, fake.newSnowflake(), "oh:rsvp:" + unknown))
                .isEqualTo(refusal);

        // The real buttons still work for those they are for.
        assertThat(camp.press(
                        CAMPER_ID,
                        GENERAL_CHANNEL,
                        fake.newSnowflake(),
                        "mt:att:" + own.get(0).id() + ":1"))
                .contains("you attended");
        assertThat(camp.press(
                        MENTOR_ID,
                        GENERAL_CHANNEL,
                        fake.newSnowflake(),
                        "mt:att:" + own.get(0).id() + ":1"))
                .contains("Only campers of team CV-03");
    }
}
