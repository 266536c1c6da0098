package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.ANNOUNCEMENTS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Private calendar feeds: /calendar through the real JDA client against the fake Discord, the feed fetched over
 * HTTP from the bot's server and parsed back with biweekly.
 */
class CalendarEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String MENTOR2_ID = "1190000000000000211";
    private static final String LINK_A = "https://zoom.us/j/111222333?pwd=teamA";
    private static final String LINK_B = "https://zoom.us/j/444555666?pwd=teamB";
    private static final String KICKOFF_LINK = "https://zoom.us/j/777000111";
    private static final String STAFF_LINK = "https://zoom.us/j/777000222";
    private static final String ORG_LINK = "https://zoom.us/j/777000333";
    private static final Pattern URL = Pattern.compile("<(http://localhost:\\d+/calendar/([A-Za-z0-9_-]{43})\\.ics)>");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalDate today = LocalDate.now(SEOUL);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .beforeStart(fake -> fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE))
            .config(this::config)
            .build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private CampConfig config() {
        Program.Audience mentors = new Program.Audience(Program.Audience.Kind.MENTORS, List.of());
        Program.Audience organizers = new Program.Audience(Program.Audience.Kind.ORGANIZERS, List.of());
        Program program = new Program(
                List.of(new Program.Stage("Stage 1: CV", today.minusDays(7), today.plusDays(30))),
                List.of(),
                List.of(),
                List.of(
                        new Program.Meeting(
                                "kickoff",
                                "Stage 2 kick-off",
                                null,
                                today.plusDays(3),
                                LocalTime.of(19, 0),
                                90,
                                KICKOFF_LINK,
                                new Program.Audience(Program.Audience.Kind.MEMBERS, List.of(CAMPER_ID)),
                                List.of(),
                                null,
                                null),
                        new Program.Meeting(
                                "staff",
                                "Mentor sync",
                                null,
                                today.plusDays(4),
                                LocalTime.of(10, 0),
                                60,
                                STAFF_LINK,
                                mentors,
                                List.of(),
                                null,
                                null),
                        new Program.Meeting(
                                "org",
                                "Organizer sync",
                                null,
                                today.plusDays(4),
                                LocalTime.of(11, 0),
                                30,
                                ORG_LINK,
                                organizers,
                                List.of(),
                                null,
                                null)),
                List.of(
                        new Program.Deadline(
                                "report",
                                "Competition report",
                                LocalDateTime.of(today.plusDays(5), LocalTime.NOON),
                                new Program.Audience(Program.Audience.Kind.MEMBERS, List.of(CAMPER_ID)),
                                List.of()),
                        new Program.Deadline(
                                "slides",
                                "Lecture slides",
                                LocalDateTime.of(today.plusDays(6), LocalTime.NOON),
                                new Program.Audience(Program.Audience.Kind.MEMBERS, List.of(CAMPER2_ID)),
                                List.of())),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
        return TestConfig.load().withProgram(program);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<Void> head(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private String base() {
        return "http://127.0.0.1:" + camp.bot().web().port();
    }

    /** The URL in a /calendar answer. */
    private static Matcher url(String answer) {
        Matcher m = URL.matcher(answer);
        assertThat(m.find()).as("a calendar URL in: " + answer).isTrue();
        return m;
    }

    private static String day(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }

    /** Two teams with weekly mentoring, an office hour the camper RSVP'd and one they did not. */
    private void campWithTwoTeams() throws Exception {
        for (String[] t :
                new String[][] {{"CV-01", MENTOR_ID, CAMPER_ID, LINK_A}, {"CV-02", MENTOR2_ID, CAMPER2_ID, LINK_B}}) {
            assertThat(camp.slash(
                            ORGANIZER_ID,
                            "team",
                            "create",
                            Map.of("name", t[0], "mentor", FakeDiscord.userOption(t[1]))))
                    .contains(t[0]);
            camp.drain();
            assertThat(camp.slash(
                            ORGANIZER_ID, "team", "add", Map.of("team", t[0], "member", FakeDiscord.userOption(t[2]))))
                    .contains("joined");
            assertThat(camp.slash(
                            ORGANIZER_ID,
                            "mentoring",
                            "set",
                            Map.of("team", t[0], "day", day(today.plusDays(2)), "time", "20:00", "link", t[3])))
                    .contains(t[0]);
            camp.drain();
        }
        ZonedDateTime start = ZonedDateTime.now(SEOUL).plusDays(3).withHour(15).truncatedTo(ChronoUnit.HOURS);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        camp.slash(
                ORGANIZER_ID,
                "officehours",
                "schedule",
                Map.of(
                        "title",
                        "Mask R-CNN walkthrough",
                        "start",
                        start.format(f),
                        "host",
                        FakeDiscord.userOption(MENTOR_ID)));
        camp.slash(
                ORGANIZER_ID,
                "officehours",
                "schedule",
                Map.of("title", "Loss functions Q&A", "start", start.plusDays(1).format(f)));
        camp.drain();
        String messageId =
                camp.rows("SELECT message_id FROM office_hour ORDER BY id").get(0);
        assertThat(camp.press(CAMPER_ID, ANNOUNCEMENTS_CHANNEL, messageId, "oh:rsvp:1"))
                .contains("attending");
    }

    private static ICalendar parse(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/calendar; charset=utf-8");
        List<ICalendar> all = Biweekly.parse(r.body()).all();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static List<String> summaries(ICalendar ical) {
        return ical.getEvents().stream().map(e -> e.getSummary().getValue()).toList();
    }

    private static List<String> uids(ICalendar ical) {
        return ical.getEvents().stream().map(e -> e.getUid().getValue()).toList();
    }

    @Test
    void aFeedHoldsOnlyTheMembersOwnEventsAndParsesBack() throws Exception {
        campWithTwoTeams();
        String answer = camp.slash(CAMPER_ID, "calendar", "link", Map.of());
        assertThat(answer).contains("Google Calendar").contains("Outlook");
        Matcher m = url(answer);
        String feedUrl = m.group(1).replaceFirst("http://localhost:\\d+", base());

        HttpResponse<String> r = get(feedUrl);
        ICalendar ical = parse(r);
        List<String> summaries = summaries(ical);
        assertThat(summaries)
                .contains("Office hour: Mask R-CNN walkthrough", "Stage 2 kick-off", "Deadline: Competition report")
                .anyMatch(s -> s.equals("Mentoring: CV-01"))
                .doesNotContain(
                        "Office hour: Loss functions Q&A",
                        "Mentor sync",
                        "Organizer sync",
                        "Deadline: Lecture slides",
                        "Mentoring: CV-02");
        // The team's sessions carry their link (the feed is the member's own); the other team's never appear.
        VEvent session = ical.getEvents().stream()
                .filter(e -> e.getSummary().getValue().equals("Mentoring: CV-01"))
                .findFirst()
                .orElseThrow();
        assertThat(session.getDescription().getValue()).contains(LINK_A);
        assertThat(session.getDateEnd().getValue().getTime()
                        - session.getDateStart().getValue().getTime())
                .isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(r.body())
                .doesNotContain(LINK_B)
                .doesNotContain("CV-02")
                .doesNotContain(STAFF_LINK)
                .doesNotContain(ORG_LINK)
                .contains(KICKOFF_LINK);
        // Times in UTC, a DTSTAMP and a stable UID on every event.
        assertThat(r.body()).contains("DTSTART:").doesNotContain("TZID").doesNotContain("VTIMEZONE");
        assertThat(r.body().lines().filter(l -> l.startsWith("DTSTART")).toList())
                .allSatisfy(l -> assertThat(l).endsWith("Z"));
        assertThat(ical.getEvents()).allSatisfy(e -> {
            assertThat(e.getDateTimeStamp()).isNotNull();
            assertThat(e.getUid().getValue()).endsWith("@campops");
        });
        assertThat(uids(ical)).doesNotHaveDuplicates().contains("officehour-1@campops");
        assertThat(uids(parse(get(feedUrl)))).isEqualTo(uids(ical));

        // The mentor's own feed: the office hour they host, their team with its link, the mentors' meeting.
        String mentorFeed = url(camp.slash(MENTOR_ID, "calendar", "link", Map.of()))
                .group(1)
                .replaceFirst("http://localhost:\\d+", base());
        ICalendar mentor = parse(get(mentorFeed));
        assertThat(summaries(mentor))
                .contains("Office hour (you host): Mask R-CNN walkthrough", "Mentor sync", "Mentoring: CV-01")
                .doesNotContain(
                        "Stage 2 kick-off", "Organizer sync", "Mentoring: CV-02", "Deadline: Competition report");

        // The URL is shown once: the bot keeps only its hash.
        String again = camp.slash(CAMPER_ID, "calendar", "link", Map.of());
        assertThat(again).contains("already have").doesNotContain("/calendar/");
        assertThat(camp.rows("SELECT token_hash FROM calendar_feed WHERE user_id = '" + CAMPER_ID + "'"))
                .containsExactly(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(m.group(2).getBytes(StandardCharsets.US_ASCII))));
        assertThat(camp.rows("SELECT fetched_at FROM calendar_feed WHERE user_id = '" + CAMPER_ID + "'"))
                .doesNotContainNull();
    }

    @Test
    void resetTurnsTheOldUrlOffAndWrongTokensGetTheSame404AsAnUnknownPath() throws Exception {
        String first = url(camp.slash(CAMPER_ID, "calendar", "link", Map.of()))
                .group(1)
                .replaceFirst("http://localhost:\\d+", base());
        assertThat(get(first).statusCode()).isEqualTo(200);
        String reset = camp.slash(CAMPER_ID, "calendar", "reset", Map.of());
        assertThat(reset).contains("no longer works");
        String second = url(reset).group(1).replaceFirst("http://localhost:\\d+", base());
        assertThat(second).isNotEqualTo(first);
        assertThat(get(second).statusCode()).isEqualTo(200);
        assertThat(head(second).statusCode()).isEqualTo(200);
        assertThat(head(first).statusCode()).isEqualTo(404);

        HttpResponse<String> unknownPath = get(base() + "/nothing/here");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).isEmpty();
        String wrong = "A".repeat(43);
        for (String url : List.of(
                first,
                base() + "/calendar/" + wrong + ".ics",
                base() + "/calendar/short.ics",
                base() + "/calendar/" + second.substring(second.lastIndexOf('/') + 1, second.length() - 4),
                base() + "/calendar/")) {
            HttpResponse<String> r = get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(404);
            assertThat(r.body()).as(url).isEmpty();
            assertThat(r.headers().firstValue("Content-Type"))
                    .as(url)
                    .isEqualTo(unknownPath.headers().firstValue("Content-Type"));
            assertThat(r.headers().map().keySet())
                    .as(url)
                    .isEqualTo(unknownPath.headers().map().keySet());
        }
    }

    @Test
    void oneAddressGetsAtMostTheRateLimitThen429WithRetryAfter() throws Exception {
        String feed = url(camp.slash(CAMPER_ID, "calendar", "link", Map.of()))
                .group(1)
                .replaceFirst("http://localhost:\\d+", base());
        assertThat(get(feed).statusCode()).isEqualTo(200);
        int limit = TestConfig.load().http().feedRequestsPerMinute();
        assertThat(limit).isEqualTo(CampConfig.HttpSettings.DEFAULT_FEED_REQUESTS_PER_MINUTE);
        // A burst from this address: the bucket (limit a minute, one request back every 60/limit s) runs dry.
        int passed = 1;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 4 * limit && refused == null; i++) {
            HttpResponse<String> r = get(base() + "/calendar/" + "A".repeat(43) + ".ics");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(404);
                passed++;
            }
        }
        assertThat(refused).as("a 429 within " + 4 * limit + " requests").isNotNull();
        assertThat(passed).isGreaterThanOrEqualTo(limit);
        assertThat(refused.body()).isEmpty();
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        // A good feed URL is refused the same way: the limit comes before any lookup.
        HttpResponse<String> feedRefused = get(feed);
        assertThat(feedRefused.statusCode()).isEqualTo(429);
        assertThat(feedRefused.body()).isEmpty();
        assertThat(feedRefused.headers().firstValue("Retry-After")).isPresent();
        // The management listener is not limited: the operator's health checks go on.
        assertThat(get("http://127.0.0.1:" + camp.bot().web().managementPort() + "/health")
                        .statusCode())
                .isEqualTo(200);
    }
}
