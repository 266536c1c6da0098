package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTORS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZERS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.campops.config.Program;
import org.campops.mentoring.MentoringService;
import org.campops.mentoring.Session;
import org.campops.program.ProgramMoments;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulated competition week with a controlled clock: every program moment and mentoring moment of the week fires
 * at its instant (twice, as a re-fired trigger would), members act in between, and everything the bot posted is
 * compared with the golden list {@code src/test/resources/golden/competition-week.txt}. Set
 * {@code -Dgolden.update=true} to rewrite it after a deliberate change, then review the diff.
 */
class CompetitionWeekEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/competition-week.txt");
    private static final String BOARD = "1190000000000000600";
    private static final String CAMPER3_ID = "1190000000000000210";
    private static final String MENTOR2_ID = "1190000000000000211";
    private static final LocalDate MONDAY = LocalDate.of(2027, 2, 15);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("EEE HH:mm", java.util.Locale.ENGLISH);

    private final MutableClock clock = new MutableClock(at(MONDAY.minusDays(3), 12, 0));
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> users = new LinkedHashMap<>();

    private static Instant at(LocalDate d, int h, int m) {
        return ZonedDateTime.of(d, LocalTime.of(h, m), SEOUL).toInstant();
    }

    static Program program() {
        return new Program(
                List.of(new Program.Stage(
                        "Stage 2: NLP",
                        LocalDate.of(2027, 2, 1),
                        LocalDate.of(2027, 4, 30),
                        Program.MentoringForm.DISCUSSION)),
                List.of(
                        new Program.Competition(
                                "ner",
                                "Named Entity Recognition",
                                LocalDate.of(2027, 2, 1),
                                LocalDate.of(2027, 2, 12),
                                BOARD,
                                LocalDate.of(2027, 2, 17)),
                        new Program.Competition(
                                "topic-cls",
                                "News Topic Classification",
                                MONDAY,
                                LocalDate.of(2027, 3, 12),
                                BOARD,
                                LocalDate.of(2027, 3, 19))),
                List.of(new Program.Lecture("Transformers for NLP", LocalDate.of(2027, 2, 1))),
                List.of(new Program.Meeting(
                        "staff",
                        "Weekly staff meeting",
                        DayOfWeek.MONDAY,
                        null,
                        LocalTime.of(18, 0),
                        60,
                        "https://zoom.us/j/5550001",
                        new Program.Audience(Program.Audience.Kind.MENTORS, List.of()),
                        List.of(Duration.ofHours(1)),
                        LocalDate.of(2027, 2, 1),
                        LocalDate.of(2027, 4, 30))),
                List.of(new Program.Deadline(
                        "nlp-slides",
                        "NLP lecture slides",
                        LocalDateTime.of(2027, 2, 18, 18, 0),
                        new Program.Audience(Program.Audience.Kind.MEMBERS, List.of(MENTOR2_ID)),
                        List.of(Duration.ofDays(1)))),
                new Program.Prompts(
                        DayOfWeek.MONDAY,
                        LocalTime.of(10, 0),
                        Duration.ofHours(12),
                        List.of(new Program.Prompt(
                                "이번 주 토론: 검증 세트는 어떻게 나누나요?", "This week: how do you split validation?"))),
                new Program.Duties(
                        List.of(DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), LocalTime.of(10, 0), LocalTime.of(9, 0)));
    }

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .beforeStart(fake -> {
                fake.addMember(CAMPER3_ID, "camper3", CAMPER_ROLE);
                fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE);
                fake.addTextChannel(BOARD, "nlp-discussion", null);
            })
            .config(() -> TestConfig.load().withProgram(program()))
            .clock(() -> clock)
            .build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
        names.put(BOARD, "#board");
        names.put(MENTORS_CHANNEL, "#mentors");
        names.put(ORGANIZERS_CHANNEL, "#organizers");
        names.put(FakeDiscord.dmChannelOf(MENTOR_ID), "DM mentor1");
        names.put(FakeDiscord.dmChannelOf(MENTOR2_ID), "DM mentor2");
        names.put(FakeDiscord.dmChannelOf(CAMPER_ID), "DM camper1");
        users.put(MENTOR_ID, "@mentor1");
        users.put(MENTOR2_ID, "@mentor2");
        users.put(CAMPER_ID, "@camper1");
        users.put(CAMPER2_ID, "@camper2");
        users.put(CAMPER3_ID, "@camper3");
    }

    /** A moment to fire: program rows by key, mentoring moments by session and kind. */
    private record Due(Instant at, String label, Runnable fire) {}

    private List<Due> dueIn(Instant from, Instant to) {
        List<Due> out = new ArrayList<>();
        ProgramMoments program = camp.bot().app().program();
        for (ProgramMoments.Row r : program.rows()) {
            if (r.status().equals("PLANNED")
                    && !r.due().isBefore(from)
                    && r.due().isBefore(to)) {
                out.add(new Due(r.due(), r.key(), () -> program.fire(r.key())));
            }
        }
        for (Team t : camp.bot().app().service(TeamService.class).all()) {
            for (Session s : camp.bot().app().service(MentoringService.class).sessions(t)) {
                Map<String, Instant> kinds = Map.of(
                        "mentor",
                        s.startAt().minus(Duration.ofHours(1)),
                        "team",
                        s.startAt().minus(Duration.ofMinutes(10)),
                        "after",
                        s.endAt());
                kinds.forEach((kind, due) -> {
                    if (!due.isBefore(from) && due.isBefore(to)) {
                        out.add(new Due(
                                due,
                                "mentoring:" + t.name() + ":" + kind,
                                () -> camp.bot()
                                        .app()
                                        .service(MentoringService.class)
                                        .fire(s.id(), kind)));
                    }
                });
            }
        }
        out.sort(Comparator.comparing(Due::at).thenComparing(Due::label));
        return out;
    }

    /** What the bot posted since {@code seen}, one line each, ids replaced by names, sorted within one moment. */
    private List<String> newPosts(Set<String> seen, Instant at) {
        List<String> lines = new ArrayList<>();
        for (RecordedPost p : botPosts()) {
            // Interaction replies (in #general) are what one member saw, not posts of the week.
            if (seen.add(p.id()) && !p.channel().equals(GENERAL_CHANNEL)) {
                lines.add(STAMP.format(at.atZone(SEOUL)) + " " + name(p.channel()) + ": " + firstLine(p.content()));
            }
        }
        lines.sort(String::compareTo);
        return lines;
    }

    private record RecordedPost(String id, String channel, String content) {}

    private List<RecordedPost> botPosts() {
        List<RecordedPost> out = new ArrayList<>();
        for (JsonNode m : fake.botMessages()) {
            out.add(new RecordedPost(
                    m.path("id").asText(),
                    m.path("channel_id").asText(),
                    m.path("content").asText()));
        }
        return out;
    }

    private String name(String channel) {
        String n = names.get(channel);
        if (n != null) {
            return n;
        }
        JsonNode c = fake.channel(channel);
        if (c != null && c.path("type").asInt() == 11) {
            return name(c.path("parent_id").asText()) + " thread";
        }
        return c == null ? channel : "#" + c.path("name").asText();
    }

    private String firstLine(String content) {
        String line = content.lines().findFirst().orElse("");
        for (Map.Entry<String, String> e : names.entrySet()) {
            line = line.replace("<#" + e.getKey() + ">", e.getValue());
        }
        for (Map.Entry<String, String> e : users.entrySet()) {
            line = line.replace("<@" + e.getKey() + ">", e.getValue());
        }
        line = java.util.regex.Pattern.compile("<t:(\\d+):[FR]>")
                .matcher(line)
                .replaceAll(r -> STAMP.format(
                        Instant.ofEpochSecond(Long.parseLong(r.group(1))).atZone(SEOUL)));
        return line.length() > 90 ? line.substring(0, 90) + "…" : line;
    }

    @Test
    void aCompetitionWeekProducesExactlyTheGoldenPostsAndReminders() throws Exception {
        // Set-up on the Friday before: two teams, a weekly Zoom series for one, a prompt queued by mentor2.
        for (String[] t :
                new String[][] {{"NLP-1", MENTOR_ID, CAMPER_ID, CAMPER2_ID}, {"NLP-2", MENTOR2_ID, CAMPER3_ID}}) {
            camp.slash(ORGANIZER_ID, "team", "create", Map.of("name", t[0], "mentor", FakeDiscord.userOption(t[1])));
            for (int i = 2; i < t.length; i++) {
                camp.slash(ORGANIZER_ID, "team", "add", Map.of("team", t[0], "member", FakeDiscord.userOption(t[i])));
            }
        }
        camp.drain();
        for (Team t : camp.bot().app().service(TeamService.class).all()) {
            names.put(t.channelId(), "#team-" + t.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(camp.slash(
                        MENTOR_ID,
                        "mentoring",
                        "set",
                        Map.of("team", "NLP-1", "day", "thu", "time", "20:00", "link", "https://zoom.us/j/7770001")))
                .contains("Weekly mentoring");
        assertThat(camp.slash(
                        MENTOR2_ID,
                        "prompt",
                        "submit",
                        Map.of("text", "Queued by mentor2: what did error analysis show?")))
                .contains("queued");
        // The previous competition's wrap-up reviews: assigned, two reports handed in, one reviewed.
        assertThat(camp.slash(ORGANIZER_ID, "wrapup", "assign", Map.of("competition", "ner")))
                .contains("3 campers");
        assertThat(camp.slash(
                        CAMPER_ID,
                        "wrapup",
                        "submit",
                        Map.of("competition", "ner", "link", "https://github.com/c1/ner")))
                .isNotBlank();
        assertThat(camp.slash(
                        CAMPER3_ID,
                        "wrapup",
                        "submit",
                        Map.of("competition", "ner", "link", "https://github.com/c3/ner")))
                .isNotBlank();
        camp.drain();
        Set<String> seen = new HashSet<>();
        List<String> log = new ArrayList<>(newPosts(seen, clock.instant()));

        // Members act during the week.
        TreeMap<Instant, Runnable> actions = new TreeMap<>();
        actions.put(at(MONDAY.plusDays(1), 21, 0), () -> {
            String thread = fake.threadsIn(BOARD).get(0).path("id").asText();
            fake.sendMessageCreate(thread, MENTOR_ID, "mentor1's weekly post: validation strategies");
            EndToEnd.awaitGatewayHandled(fake, WAIT);
        });
        actions.put(
                at(MONDAY.plusDays(1), 22, 0),
                () -> assertThat(camp.slash(
                                MENTOR2_ID,
                                "wrapup",
                                "done",
                                Map.of("camper", FakeDiscord.userOption(CAMPER3_ID), "competition", "ner")))
                        .isNotBlank());
        Instant from = at(MONDAY, 0, 0);
        Instant to = at(MONDAY.plusDays(7), 0, 0);
        for (Due d : dueIn(from, to)) {
            while (!actions.isEmpty() && !actions.firstKey().isAfter(d.at())) {
                Map.Entry<Instant, Runnable> a = actions.pollFirstEntry();
                clock.set(a.getKey());
                a.getValue().run();
            }
            clock.set(d.at());
            d.fire().run();
            d.fire().run();
            camp.drain();
            log.addAll(newPosts(seen, d.at()));
        }

        // Sunday evening: what mentors and organizers see of the week.
        clock.set(at(MONDAY.plusDays(6), 20, 0));
        String mine = camp.slash(MENTOR_ID, "duties", "mine", Map.of());
        assertThat(mine)
                .contains("✅ done Weekly post")
                .contains("NLP-1")
                .contains("write your note")
                .contains("🔴 late Wrap-up reviews for Named Entity Recognition: 2 of 2 left");
        String board = camp.slash(ORGANIZER_ID, "duties", "board", Map.of());
        assertThat(board.indexOf("@" + MENTOR_ID.substring(0, 0))).isNotNegative();
        assertThat(board).contains("<@" + MENTOR_ID + ">: 2 late").contains("<@" + MENTOR2_ID + ">");
        assertThat(board.indexOf("<@" + MENTOR_ID + ">")).isLessThan(board.indexOf("<@" + MENTOR2_ID + ">"));

        String actual = String.join("\n", log) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(golden());
    }

    private static String golden() throws IOException {
        return Files.exists(GOLDEN) ? Files.readString(GOLDEN, StandardCharsets.UTF_8) : "(no golden file yet)";
    }
}
