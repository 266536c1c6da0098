package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GUILD_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ROLE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.mentoring.MentoringService;
import org.campops.mentoring.Session;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
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

/** Teams and weekly mentoring through the real JDA client against the fake Discord. */
class MentoringEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String LINK = "https://zoom.us/j/999111222?pwd=s3cret";
    private static final String SECRET = "zoom.us/j/999111222";
    /** A camper and a mentor of another team. */
    private static final String CAMPER3_ID = "1190000000000000210";

    private static final String MENTOR2_ID = "1190000000000000211";

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalDate today = LocalDate.now(SEOUL);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .beforeStart(fake -> {
                fake.addMember(CAMPER3_ID, "camper3", CAMPER_ROLE);
                fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE);
            })
            .config(() -> TestConfig.load()
                    .withStages(List.of(new Program.Stage("Stage 1: CV", today.minusDays(7), today.plusDays(30)))))
            .clock(() -> clock)
            .build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    @Test
    void aGivenChannelMustBePrivateAndACreatedOneSitsUnderTheCategoryOpenOnlyToTheTeam() throws Exception {
        camp.stop();
        fake.addCategory("1190000000000000500", "Teams");
        fake.addTextChannel("1190000000000000501", "public-team", null);
        fake.addPrivateTextChannel("1190000000000000502", "cv-05-private", "1190000000000000500", ORGANIZER_ROLE);
        camp.start(camp.config()
                .withMentoring(new CampConfig.MentoringSettings(
                        "1190000000000000500", Duration.ofHours(1), Duration.ofMinutes(10), 3, 12)));
        EndToEnd.awaitGatewayHandled(fake, WAIT);

        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "create",
                        Map.of(
                                "name",
                                "CV-05",
                                "mentor",
                                FakeDiscord.userOption(MENTOR_ID),
                                "channel",
                                FakeDiscord.channelOption("1190000000000000501"))))
                .contains("can be read by everyone");
        assertThat(camp.bot().app().service(TeamService.class).all()).isEmpty();
        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "create",
                        Map.of(
                                "name",
                                "CV-05",
                                "mentor",
                                FakeDiscord.userOption(MENTOR_ID),
                                "channel",
                                FakeDiscord.channelOption("1190000000000000502"))))
                .contains("its channel is <#1190000000000000502>");
        camp.drain();
        assertThat(fake.canView(MENTOR_ID, "1190000000000000502")).isTrue();
        assertThat(fake.canView(CAMPER_ID, "1190000000000000502")).isFalse();

        Team t = camp.team("CV-06", MENTOR2_ID, CAMPER3_ID);
        assertThat(fake.channelsUnder("1190000000000000500"))
                .extracting(c -> c.path("id").asText())
                .contains(t.channelId());
        assertThat(fake.canView(CAMPER3_ID, t.channelId())).isTrue();
        assertThat(fake.canView(MENTOR2_ID, t.channelId())).isTrue();
        assertThat(fake.canView(ORGANIZER_ID, t.channelId())).isTrue();
        assertThat(fake.canView(CAMPER_ID, t.channelId())).isFalse();
        assertThat(fake.canView(MENTOR_ID, t.channelId())).isFalse();
        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "remove",
                        Map.of("team", "CV-06", "member", FakeDiscord.userOption(CAMPER3_ID))))
                .contains("left team");
        camp.drain();
        assertThat(fake.canView(CAMPER3_ID, t.channelId())).isFalse();
        assertThat(camp.slash(
                        CAMPER_ID, "team", "create", Map.of("name", "X", "mentor", FakeDiscord.userOption(MENTOR_ID))))
                .contains("organizer");
    }

    private static String day(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }

    private String setSeries(String user, String team, LocalDate first, String time) {
        return camp.slash(
                user, "mentoring", "set", Map.of("team", team, "day", day(first), "time", time, "link", LINK));
    }

    private List<Session> sessions(Team t) {
        return camp.bot().app().service(MentoringService.class).sessions(t);
    }

    private static long count(List<JsonNode> messages, String... parts) {
        return messages.stream()
                .map(m -> m.path("content").asText())
                .filter(text -> java.util.Arrays.stream(parts).allMatch(text::contains))
                .count();
    }

    @Test
    void weeklyRemindersGoToTheMentorAndTheTeamChannelOnceAcrossARestartThenAttendanceAndFeedback() throws Exception {
        Team t = camp.team("CV-03", MENTOR_ID, CAMPER_ID, CAMPER2_ID);
        camp.team("CV-04", MENTOR2_ID, CAMPER3_ID);
        // The private channel: hidden from @everyone, open to the mentor, the organizers and (once added) the campers.
        RecordedRequest created =
                fake.requests("POST", "/guilds/" + GUILD_ID + "/channels").get(0);
        String overwrites = created.jsonBody().path("permission_overwrites").toString();
        assertThat(overwrites).contains(GUILD_ID).contains(MENTOR_ID).contains(ORGANIZER_ROLE);
        assertThat(fake.requests("PUT", "/channels/" + t.channelId() + "/permissions/" + CAMPER_ID))
                .hasSize(1);

        LocalDate firstDay = today.plusDays(2);
        String reply = setSeries(MENTOR_ID, "CV-03", firstDay, "20:00");
        assertThat(reply)
                .contains("Weekly mentoring for **CV-03**")
                .contains("Stage 1: CV")
                .doesNotContain(SECRET);
        camp.drain();
        List<Session> all = sessions(t);
        Instant start = ZonedDateTime.of(firstDay, LocalTime.of(20, 0), SEOUL).toInstant();
        assertThat(all.get(0).startAt()).isEqualTo(start);
        assertThat(all).allSatisfy(s -> assertThat(s.originalDate()).isBeforeOrEqualTo(today.plusDays(30)));
        assertThat(all.get(all.size() - 1).originalDate()).isAfter(today.plusDays(23));
        long sid = all.get(0).id();
        assertThat(camp.bot().app().moments().nextFire("mentoring", sid, "mentor"))
                .isEqualTo(start.minus(Duration.ofHours(1)));
        assertThat(camp.bot().app().moments().nextFire("mentoring", sid, "team"))
                .isEqualTo(start.minus(Duration.ofMinutes(10)));
        assertThat(camp.bot().app().moments().nextFire("mentoring", sid, "after"))
                .isEqualTo(start.plus(Duration.ofHours(1)));

        assertThat(camp.slash(MENTOR_ID, "mentoring", "topic", Map.of("team", "CV-03", "text", "Augmentation review")))
                .contains("Augmentation review");

        clock.set(start.minus(Duration.ofHours(1)));
        camp.bot().app().service(MentoringService.class).fire(sid, "mentor");
        camp.bot().app().service(MentoringService.class).fire(sid, "mentor");
        clock.set(start.minus(Duration.ofMinutes(10)));
        camp.bot().app().service(MentoringService.class).fire(sid, "team");
        camp.drain();

        camp.restart();
        assertThat(camp.bot().app().moments().nextFire("mentoring", all.get(1).id(), "mentor"))
                .as("restored")
                .isEqualTo(all.get(1).startAt().minus(Duration.ofHours(1)));
        camp.bot().app().service(MentoringService.class).fire(sid, "mentor");
        camp.bot().app().service(MentoringService.class).fire(sid, "team");
        camp.drain();
        assertThat(count(fake.dmsTo(MENTOR_ID), SECRET, "Augmentation review")).isEqualTo(1);
        List<JsonNode> teamPosts = fake.messagesPostedTo(t.channelId());
        assertThat(count(teamPosts, SECRET, "Augmentation review", "<@" + CAMPER_ID + ">"))
                .isEqualTo(1);
        JsonNode teamReminder = teamPosts.stream()
                .filter(m -> m.path("content").asText().contains("Augmentation review"))
                .findFirst()
                .orElseThrow();
        assertThat(teamReminder.path("allowed_mentions").toString())
                .doesNotContain("everyone")
                .doesNotContain("roles\":[\"");

        clock.set(start.plus(Duration.ofHours(1)));
        camp.bot().app().service(MentoringService.class).fire(sid, "after");
        camp.drain();
        JsonNode after = fake.createdMessagesIn(t.channelId()).stream()
                .filter(m -> m.path("components").toString().contains("mt:att:" + sid + ":1"))
                .findFirst()
                .orElseThrow();
        String messageId = after.path("id").asText();
        assertThat(camp.press(CAMPER_ID, t.channelId(), messageId, "mt:att:" + sid + ":1"))
                .contains("you attended");
        assertThat(camp.press(CAMPER2_ID, t.channelId(), messageId, "mt:att:" + sid + ":0"))
                .contains("couldn't make it");
        assertThat(camp.press(CAMPER3_ID, t.channelId(), messageId, "mt:att:" + sid + ":1"))
                .contains("not valid any more")
                .doesNotContain("CV-03");
        JsonNode form = camp.pressCallback(CAMPER_ID, t.channelId(), messageId, "mt:fb:" + sid);
        assertThat(form.path("type").asInt()).as("a form opens").isEqualTo(9);
        assertThat(EndToEnd.answerText(
                        fake,
                        fake.sendModalSubmit(
                                CAMPER_ID, t.channelId(), "mt:fbs:" + sid, Map.of("rating", "9", "comment", "")),
                        WAIT))
                .contains("from 1 to 5");
        assertThat(EndToEnd.answerText(
                        fake,
                        fake.sendModalSubmit(
                                CAMPER_ID,
                                t.channelId(),
                                "mt:fbs:" + sid,
                                Map.of("rating", "4", "comment", "Very concrete tips")),
                        WAIT))
                .contains("anonymous");
        assertThat(EndToEnd.answerText(
                        fake,
                        fake.sendModalSubmit(
                                MENTOR_ID,
                                t.channelId(),
                                "mt:notes:" + sid,
                                Map.of("note", "Went through the augmentation ablation")),
                        WAIT))
                .contains("saved");
        assertThat(EndToEnd.answerText(
                        fake,
                        fake.sendModalSubmit(CAMPER_ID, t.channelId(), "mt:notes:" + sid, Map.of("note", "hi")),
                        WAIT))
                .contains("Only the team's mentor");
        assertThat(camp.rows("SELECT user_id || ':' || attended FROM mentoring_attendance ORDER BY user_id"))
                .containsExactly(CAMPER_ID + ":TRUE", CAMPER2_ID + ":FALSE");

        String mentorReport = camp.slash(MENTOR_ID, "mentoring", "report", Map.of());
        assertThat(mentorReport)
                .contains("CV-03")
                .contains("1 held")
                .contains("attendance 50%")
                .contains("no feedback to show yet")
                .doesNotContain("Very concrete")
                .doesNotContain("CV-04");
        String organizerReport = camp.slash(ORGANIZER_ID, "mentoring", "report", Map.of());
        assertThat(organizerReport)
                .contains("CV-03")
                .contains("CV-04")
                .contains("feedback 4.0/5")
                .contains("Very concrete tips");

        // The link went only to the team channel, the mentor's DMs and the replies of those allowed to see it.
        assertNoLinkOutside(t.channelId());
        EndToEnd.assertContract(fake);
    }

    private void assertNoLinkOutside(String teamChannel) {
        for (RecordedRequest r : fake.requests()) {
            String body = r.jsonBody() == null ? "" : r.jsonBody().toString();
            if (!body.contains(SECRET)) {
                continue;
            }
            assertThat(r.path())
                    .as("a request holding the link")
                    .matches(".*/channels/(" + teamChannel + "|" + FakeDiscord.dmChannelOf(MENTOR_ID)
                            + ")/messages|.*/interactions/.*|.*/webhooks/.*");
        }
    }

    @Test
    void noOneOutsideTheTeamSeesItsLinkWhateverTheyTry() throws Exception {
        Team t = camp.team("CV-03", MENTOR_ID, CAMPER_ID);
        camp.team("CV-04", MENTOR2_ID, CAMPER3_ID);
        assertThat(setSeries(MENTOR_ID, "CV-03", today.plusDays(3), "19:30")).contains("CV-03");
        camp.drain();

        List<String> outsiders = new ArrayList<>();
        Map<String, Object> set =
                new LinkedHashMap<>(Map.of("team", "CV-03", "day", "mon", "time", "20:00", "link", LINK));
        outsiders.add(camp.slash(CAMPER3_ID, "mentoring", "next", Map.of("team", "CV-03")));
        outsiders.add(camp.slash(CAMPER3_ID, "mentoring", "next", Map.of()));
        outsiders.add(camp.slash(CAMPER3_ID, "team", "show", Map.of("team", "CV-03")));
        outsiders.add(camp.slash(CAMPER3_ID, "mentoring", "set", set));
        outsiders.add(camp.slash(CAMPER_ID, "mentoring", "set", set));
        outsiders.add(camp.slash(MENTOR2_ID, "mentoring", "set", set));
        outsiders.add(camp.slash(MENTOR2_ID, "mentoring", "next", Map.of("team", "CV-03")));
        outsiders.add(camp.slash(MENTOR2_ID, "mentoring", "next", Map.of()));
        outsiders.add(camp.slash(
                MENTOR2_ID,
                "mentoring",
                "skip",
                Map.of("team", "CV-03", "date", today.plusDays(3).toString())));
        outsiders.add(camp.slash(
                MENTOR2_ID,
                "mentoring",
                "move",
                Map.of("team", "CV-03", "date", today.plusDays(3).toString(), "time", "21:00")));
        outsiders.add(camp.slash(MENTOR2_ID, "mentoring", "topic", Map.of("team", "CV-03", "text", "x")));
        outsiders.add(camp.slash(MENTOR2_ID, "mentoring", "report", Map.of("team", "CV-03")));
        outsiders.add(camp.slash(MENTOR2_ID, "team", "show", Map.of("team", "CV-03")));
        outsiders.add(camp.slash(CAMPER3_ID, "team", "list", Map.of()));
        outsiders.add(camp.slash(CAMPER3_ID, "mentoring", "next", Map.of("team", "NO-SUCH")));
        outsiders.add(camp.slash(
                MENTOR_ID,
                "mentoring",
                "set",
                Map.of("team", "CV-03", "day", "mon", "time", "20:00", "link", "javascript:alert('" + SECRET + "')")));
        outsiders.add(camp.slash(
                MENTOR_ID,
                "mentoring",
                "set",
                Map.of("team", "CV-03", "day", "someday", "time", "20:00", "link", LINK)));
        outsiders.add(camp.slash(
                MENTOR_ID, "mentoring", "set", Map.of("team", "CV-03", "day", "mon", "time", "25:00", "link", LINK)));
        for (String answer : outsiders) {
            assertThat(answer).isNotBlank().doesNotContain(SECRET);
        }
        assertThat(outsiders.get(0))
                .isEqualTo(outsiders.get(14))
                .as("an unknown team gets the same answer as another team's");
        assertThat(outsiders.get(3)).contains("mentor");
        assertThat(outsiders.get(15)).contains("http(s)");

        assertThat(camp.slash(CAMPER_ID, "mentoring", "next", Map.of()))
                .contains(SECRET)
                .contains("CV-03");
        assertThat(camp.slash(MENTOR_ID, "mentoring", "next", Map.of())).contains(SECRET);
        assertThat(camp.slash(ORGANIZER_ID, "mentoring", "next", Map.of()))
                .contains(SECRET)
                .contains("CV-04");
        assertThat(camp.slash(CAMPER_ID, "team", "show", Map.of("team", "CV-03")))
                .contains("<@" + CAMPER_ID + ">");
        camp.drain();
        assertNoLinkOutside(t.channelId());
        assertThat(fake.scheduledEvents()).isEmpty();
    }

    @Test
    void skipAndMoveChangeExactlyOneOccurrenceAndTheSeriesEndsWithItsStage() throws Exception {
        Team t = camp.team("CV-03", MENTOR_ID, CAMPER_ID);
        LocalDate firstDay = today.plusDays(1);
        setSeries(ORGANIZER_ID, "CV-03", firstDay, "20:00");
        camp.drain();
        List<Session> before = sessions(t);
        assertThat(before.size()).isGreaterThanOrEqualTo(4);
        assertThat(before.get(before.size() - 1).originalDate())
                .isBeforeOrEqualTo(today.plusDays(30))
                .isAfter(today.plusDays(23));
        Session second = before.get(1);
        Session third = before.get(2);

        assertThat(camp.slash(
                        MENTOR_ID,
                        "mentoring",
                        "skip",
                        Map.of("team", "CV-03", "date", second.originalDate().toString())))
                .contains("skipped");
        String thirdDate = third.originalDate().getMonthValue() + "/"
                + third.originalDate().getDayOfMonth();
        assertThat(camp.slash(
                        MENTOR_ID, "mentoring", "move", Map.of("team", "CV-03", "date", thirdDate, "time", "21:30")))
                .contains("Moved");
        assertThat(camp.slash(MENTOR_ID, "mentoring", "skip", Map.of("team", "CV-03", "date", "2/30")))
                .contains("not a date");
        camp.drain();

        List<Session> after = sessions(t);
        Instant movedStart = ZonedDateTime.of(third.originalDate(), LocalTime.of(21, 30), SEOUL)
                .toInstant();
        for (int i = 0; i < before.size(); i++) {
            Session b = before.get(i);
            Session a = after.get(i);
            if (i == 1) {
                assertThat(a.status()).isEqualTo(Session.Status.SKIPPED);
                assertThat(camp.bot().app().moments().nextFire("mentoring", a.id(), "mentor"))
                        .isNull();
                assertThat(camp.bot().app().moments().nextFire("mentoring", a.id(), "team"))
                        .isNull();
            } else if (i == 2) {
                assertThat(a.startAt()).isEqualTo(movedStart);
                assertThat(camp.bot().app().moments().nextFire("mentoring", a.id(), "team"))
                        .isEqualTo(movedStart.minus(Duration.ofMinutes(10)));
            } else {
                assertThat(a).isEqualTo(b);
                assertThat(camp.bot().app().moments().nextFire("mentoring", a.id(), "mentor"))
                        .isEqualTo(b.startAt().minus(Duration.ofHours(1)));
            }
        }
        // A skipped session's moment fired anyway (a trigger left by a crash) posts nothing.
        clock.set(second.startAt().minus(Duration.ofMinutes(10)));
        camp.bot()
                .app()
                .service(MentoringService.class)
                .reminders()
                .fire(new org.campops.schedule.Moment(
                        "mentoring", second.id(), "team", second.startAt().minus(Duration.ofMinutes(10))));
        // The moved session's old reminder time is stale; its new one posts with the new time.
        clock.set(third.startAt().minus(Duration.ofMinutes(10)));
        camp.bot()
                .app()
                .service(MentoringService.class)
                .reminders()
                .fire(new org.campops.schedule.Moment(
                        "mentoring", third.id(), "team", third.startAt().minus(Duration.ofMinutes(10))));
        clock.set(movedStart.minus(Duration.ofMinutes(10)));
        camp.bot().app().service(MentoringService.class).fire(third.id(), "team");
        camp.drain();
        List<JsonNode> posts = fake.messagesPostedTo(t.channelId());
        assertThat(count(posts, SECRET, "<t:" + second.startAt().getEpochSecond() + ":F>", "주제"))
                .isZero();
        assertThat(count(posts, SECRET, "<t:" + third.startAt().getEpochSecond() + ":F>", "주제"))
                .isZero();
        assertThat(count(posts, SECRET, "<t:" + movedStart.getEpochSecond() + ":F>", "주제"))
                .isEqualTo(1);
        assertThat(count(posts, "<t:" + second.startAt().getEpochSecond() + ":F>", "쉬어요"))
                .isEqualTo(1);
    }

    @Test
    void aZoneWithDaylightSavingKeepsTheLocalMeetingTimeAcrossTheChange() throws Exception {
        ZoneId ny = ZoneId.of("America/New_York");
        camp.stop();
        // US daylight saving time starts on 2027-03-14; the camp runs through it.
        CampConfig config = TestConfig.load()
                .withZone(ny)
                .withStages(List.of(new Program.Stage("Spring", LocalDate.of(2027, 2, 22), LocalDate.of(2027, 3, 31))));
        clock.set(ZonedDateTime.of(2027, 3, 1, 9, 0, 0, 0, ny).toInstant());
        camp.start(config);
        Team t = camp.team("NY-1", MENTOR_ID, CAMPER_ID);
        String set = camp.slash(
                MENTOR_ID, "mentoring", "set", Map.of("team", "NY-1", "day", "monday", "time", "19:00", "link", LINK));
        assertThat(set).contains("America/New_York");
        // The last session is Monday 2027-03-29, not the stage's last day (Wednesday 03-31) at the session's time.
        long lastSession = ZonedDateTime.of(2027, 3, 29, 19, 0, 0, 0, ny).toEpochSecond();
        assertThat(set)
                .contains("<t:" + lastSession + ":F>")
                .doesNotContain(
                        "<t:" + ZonedDateTime.of(2027, 3, 31, 19, 0, 0, 0, ny).toEpochSecond() + ":F>");
        camp.drain();
        List<Session> all = sessions(t);
        assertThat(all)
                .extracting(Session::originalDate)
                .containsExactly(
                        LocalDate.of(2027, 3, 1),
                        LocalDate.of(2027, 3, 8),
                        LocalDate.of(2027, 3, 15),
                        LocalDate.of(2027, 3, 22),
                        LocalDate.of(2027, 3, 29));
        assertThat(all)
                .allSatisfy(
                        s -> assertThat(s.startAt().atZone(ny).toLocalTime()).isEqualTo(LocalTime.of(19, 0)));
        assertThat(all.get(1).startAt()).isEqualTo(Instant.parse("2027-03-09T00:00:00Z"));
        assertThat(all.get(2).startAt()).isEqualTo(Instant.parse("2027-03-15T23:00:00Z"));
        assertThat(camp.bot().app().moments().nextFire("mentoring", all.get(2).id(), "mentor"))
                .isEqualTo(Instant.parse("2027-03-15T22:00:00Z"));
        assertThat(all.get(0).startAt().atZone(ny).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }
}
