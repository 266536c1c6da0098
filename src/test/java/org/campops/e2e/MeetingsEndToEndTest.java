package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTORS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZERS_CHANNEL;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.program.ProgramMoments;
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

/** Staff meetings and deadlines of the program file through the real JDA client against the fake Discord. */
class MeetingsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String STAFF_LINK = "https://zoom.us/j/777000111?pwd=staff";
    private static final String KICKOFF_LINK = "https://zoom.us/j/777000222?pwd=kick";
    private static final String RETRO_LINK = "https://zoom.us/j/777000333";
    private static final Program.Audience MENTORS = new Program.Audience(Program.Audience.Kind.MENTORS, List.of());
    private static final Program.Audience ORGANIZERS =
            new Program.Audience(Program.Audience.Kind.ORGANIZERS, List.of());
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalDate today = LocalDate.now(SEOUL);

    /** Each test starts the bot with its own program. */
    @RegisterExtension
    final BotExtension extension =
            BotExtension.builder().noBot().clock(() -> clock).build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private void startBot(CampConfig config) throws InterruptedException {
        camp.start(config);
        assertThat(camp.bot().app().moments().awaitPlanned(WAIT)).isTrue();
    }

    /** Weekly for mentors on the day after tomorrow's weekday (3 times), once for two campers, a retro, a deadline. */
    private Program program(String staffTime, boolean withRetro) {
        LocalDate first = today.plusDays(2);
        Program.Meeting staff = new Program.Meeting(
                "staff",
                "Weekly staff meeting",
                first.getDayOfWeek(),
                null,
                LocalTime.parse(staffTime),
                60,
                STAFF_LINK,
                MENTORS,
                List.of(DAY, HOUR),
                today.plusDays(1),
                today.plusDays(20));
        Program.Meeting kickoff = new Program.Meeting(
                "kickoff",
                "Stage 2 kick-off",
                null,
                today.plusDays(3),
                LocalTime.of(19, 0),
                90,
                KICKOFF_LINK,
                new Program.Audience(Program.Audience.Kind.MEMBERS, List.of(CAMPER_ID, CAMPER2_ID)),
                List.of(HOUR),
                null,
                null);
        Program.Meeting retro = new Program.Meeting(
                "retro",
                "Mentor retro",
                null,
                today.plusDays(5),
                LocalTime.of(10, 0),
                30,
                RETRO_LINK,
                MENTORS,
                List.of(HOUR),
                null,
                null);
        Program.Deadline slides = new Program.Deadline(
                "slides",
                "Data-Centric AI slides",
                LocalDateTime.of(today.plusDays(4), LocalTime.NOON),
                ORGANIZERS,
                List.of(DAY, Duration.ofHours(2)));
        return new Program(
                List.of(),
                List.of(),
                List.of(),
                withRetro ? List.of(staff, kickoff, retro) : List.of(staff, kickoff),
                List.of(slides),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
    }

    private static Instant at(LocalDate d, int hour) {
        return ZonedDateTime.of(d, LocalTime.of(hour, 0), SEOUL).toInstant();
    }

    private Map<String, String> rows() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ProgramMoments.Row r : camp.bot().app().program().rows()) {
            out.put(r.key(), r.due() + " " + r.status());
        }
        return out;
    }

    private void fireAtDue(String key) {
        clock.set(camp.bot().app().program().row(key).orElseThrow().due());
        camp.bot().app().program().fire(key);
    }

    private static long count(List<JsonNode> messages, String... parts) {
        return messages.stream()
                .map(m -> m.path("content").asText())
                .filter(text -> java.util.Arrays.stream(parts).allMatch(text::contains))
                .count();
    }

    private static String ts(Instant i) {
        return "<t:" + i.getEpochSecond() + ":F>";
    }

    /** Every request holding a link goes to a message in one of the allowed channels. */
    private void assertLinkOnlyIn(String link, String... channels) {
        for (RecordedRequest r : fake.requests()) {
            String body = r.jsonBody() == null ? r.body() : r.jsonBody().toString();
            if (body.contains(link.substring("https://".length()))) {
                assertThat(r.method() + " " + r.path())
                        .as("a request holding " + link)
                        .matches("POST /channels/(" + String.join("|", channels) + ")/messages");
            }
        }
    }

    @Test
    void remindersGoToWhoTheyAreForOnceWithTheLinkOnlyThereAndAnEditedProgramMovesOnlyWhatIsAhead() throws Exception {
        CampConfig config = TestConfig.load().withProgram(program("18:00", true));
        startBot(config);
        LocalDate s1 = today.plusDays(2);
        LocalDate s2 = today.plusDays(9);
        LocalDate s3 = today.plusDays(16);
        LocalDate kickoffDay = today.plusDays(3);
        Instant slidesDue = at(today.plusDays(4), 12);

        Map<String, String> expected = new LinkedHashMap<>();
        for (LocalDate d : List.of(s1, s2, s3)) {
            expected.put("meeting:staff:" + d + ":PT24H", at(d, 18).minus(DAY) + " PLANNED");
            expected.put("meeting:staff:" + d + ":PT1H", at(d, 17) + " PLANNED");
        }
        expected.put("meeting:kickoff:" + kickoffDay + ":PT1H", at(kickoffDay, 18) + " PLANNED");
        expected.put("meeting:retro:" + today.plusDays(5) + ":PT1H", at(today.plusDays(5), 9) + " PLANNED");
        expected.put("deadline:slides:PT24H", slidesDue.minus(DAY) + " PLANNED");
        expected.put("deadline:slides:PT2H", slidesDue.minus(Duration.ofHours(2)) + " PLANNED");
        assertThat(rows()).containsExactlyInAnyOrderEntriesOf(expected);
        ProgramMoments.Row s3Hour =
                camp.bot().app().program().row("meeting:staff:" + s3 + ":PT1H").orElseThrow();
        assertThat(camp.bot().app().moments().nextFire(ProgramMoments.FEATURE, s3Hour.id(), "due"))
                .isEqualTo(at(s3, 17));

        // Each fired at its due time, some twice: one post or DM per recipient.
        fireAtDue("meeting:staff:" + s1 + ":PT24H");
        camp.bot().app().program().fire("meeting:staff:" + s1 + ":PT24H");
        fireAtDue("meeting:staff:" + s1 + ":PT1H");
        fireAtDue("deadline:slides:PT24H");
        fireAtDue("meeting:kickoff:" + kickoffDay + ":PT1H");
        camp.bot().app().program().fire("meeting:kickoff:" + kickoffDay + ":PT1H");
        // The bot was down until five minutes after the second staff meeting started: its reminder is skipped.
        clock.set(at(s2, 18).plus(Duration.ofMinutes(5)));
        camp.bot().app().program().fire("meeting:staff:" + s2 + ":PT1H");
        assertThat(camp.bot()
                        .app()
                        .program()
                        .row("meeting:staff:" + s2 + ":PT1H")
                        .orElseThrow()
                        .status())
                .isEqualTo("SKIPPED");
        camp.drain();

        Map<String, Long> sent = Map.of(
                MENTORS_CHANNEL,
                2L,
                ORGANIZERS_CHANNEL,
                1L,
                FakeDiscord.dmChannelOf(CAMPER_ID),
                1L,
                FakeDiscord.dmChannelOf(CAMPER2_ID),
                1L);
        assertThat(fake.createdMessageCountsByChannel()).containsExactlyInAnyOrderEntriesOf(sent);
        List<JsonNode> mentors = fake.messagesPostedTo(MENTORS_CHANNEL);
        assertThat(count(mentors, "Weekly staff meeting", ts(at(s1, 18)), "<" + STAFF_LINK + ">"))
                .isEqualTo(2);
        assertThat(mentors)
                .allSatisfy(m ->
                        assertThat(m.path("allowed_mentions").path("parse")).isEmpty());
        for (String camper : List.of(CAMPER_ID, CAMPER2_ID)) {
            assertThat(count(fake.dmsTo(camper), "Stage 2 kick-off", ts(at(kickoffDay, 19)), "90분", KICKOFF_LINK))
                    .isEqualTo(1);
        }
        assertThat(count(
                        fake.messagesPostedTo(ORGANIZERS_CHANNEL),
                        "마감 알림",
                        "Data-Centric AI slides",
                        ts(slidesDue),
                        "<t:" + slidesDue.getEpochSecond() + ":R>"))
                .isEqualTo(1);
        assertLinkOnlyIn(STAFF_LINK, MENTORS_CHANNEL);
        assertLinkOnlyIn(KICKOFF_LINK, FakeDiscord.dmChannelOf(CAMPER_ID), FakeDiscord.dmChannelOf(CAMPER2_ID));
        assertLinkOnlyIn(RETRO_LINK);

        // The program is edited: staff meetings an hour later, the retro dropped. Restart.
        camp.stop();
        clock.set(Instant.now());
        config = config.withProgram(program("19:00", false));
        startBot(config);
        expected.put("meeting:staff:" + s1 + ":PT24H", at(s1, 18).minus(DAY) + " DONE");
        expected.put("meeting:staff:" + s1 + ":PT1H", at(s1, 17) + " DONE");
        expected.put("meeting:staff:" + s2 + ":PT24H", at(s2, 19).minus(DAY) + " PLANNED");
        expected.put("meeting:staff:" + s2 + ":PT1H", at(s2, 17) + " SKIPPED");
        expected.put("meeting:staff:" + s3 + ":PT24H", at(s3, 19).minus(DAY) + " PLANNED");
        expected.put("meeting:staff:" + s3 + ":PT1H", at(s3, 18) + " PLANNED");
        expected.put("meeting:kickoff:" + kickoffDay + ":PT1H", at(kickoffDay, 18) + " DONE");
        expected.put("meeting:retro:" + today.plusDays(5) + ":PT1H", at(today.plusDays(5), 9) + " REMOVED");
        expected.put("deadline:slides:PT24H", slidesDue.minus(DAY) + " DONE");
        assertThat(rows()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(camp.bot().app().moments().nextFire(ProgramMoments.FEATURE, s3Hour.id(), "due"))
                .isEqualTo(at(s3, 18));
        long retroId = camp.bot()
                .app()
                .program()
                .row("meeting:retro:" + today.plusDays(5) + ":PT1H")
                .orElseThrow()
                .id();
        assertThat(camp.bot().app().moments().nextFire(ProgramMoments.FEATURE, retroId, "due"))
                .isNull();

        // What was sent is not sent again; what was removed does not fire; what moved fires at its new time.
        for (String key : List.of(
                "meeting:staff:" + s1 + ":PT1H",
                "meeting:kickoff:" + kickoffDay + ":PT1H",
                "deadline:slides:PT24H",
                "meeting:retro:" + today.plusDays(5) + ":PT1H")) {
            fireAtDue(key);
        }
        fireAtDue("meeting:staff:" + s3 + ":PT1H");
        camp.drain();
        assertThat(fake.createdMessageCountsByChannel())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        MENTORS_CHANNEL,
                        3L,
                        ORGANIZERS_CHANNEL,
                        1L,
                        FakeDiscord.dmChannelOf(CAMPER_ID),
                        1L,
                        FakeDiscord.dmChannelOf(CAMPER2_ID),
                        1L));
        assertThat(count(fake.messagesPostedTo(MENTORS_CHANNEL), ts(at(s3, 19)), STAFF_LINK))
                .isEqualTo(1);
        assertLinkOnlyIn(STAFF_LINK, MENTORS_CHANNEL);
        assertLinkOnlyIn(KICKOFF_LINK, FakeDiscord.dmChannelOf(CAMPER_ID), FakeDiscord.dmChannelOf(CAMPER2_ID));
        assertLinkOnlyIn(RETRO_LINK);
        EndToEnd.assertContract(fake);
    }
}
