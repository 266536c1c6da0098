package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.campops.config.CampConfig;
import org.campops.config.ConfigLoader;
import org.campops.config.Env;
import org.campops.discord.DoctorProbe;
import org.campops.discord.JdaSetup;
import org.campops.doctor.Checks;
import org.campops.doctor.Doctor;
import org.campops.doctor.Finding;
import org.campops.setup.BotPermission;
import org.campops.setup.Setup;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campops setup} through the real JDA client against the fake Discord: an empty server gets its roles,
 * private channels, Q&A forum with tags, team category and boards, and the bot then runs with the config written; a
 * server that has everything gets no request that creates anything and, once written, the file stays byte for byte;
 * several servers and ambiguous names are asked about; a bot in no server prints the invite URL and waits.
 */
class SetupEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder().noBot().build();

    private Camp camp;
    private FakeDiscord fake;

    @TempDir
    Path dir;

    private Path config;
    /** The token setup logs in with. */
    private String token = DEFAULT_TOKEN;

    @BeforeEach
    void attach(Camp camp) throws IOException {
        this.camp = camp;
        this.fake = camp.fake();
        config = dir.resolve("campops.yaml");
    }

    /** Every request setup sent was one the fake knows, and its body is one Discord's description allows. */
    @AfterEach
    void wellFormed() {
        assertThat(fake.serverErrors()).isEmpty();
        assertThat(fake.unhandledRequests()).isEmpty();
        EndToEnd.assertContract(fake);
    }

    /** The test camp's config (the fake's ids) with the example program file (two discussion boards) beside it. */
    private void testConfig() throws IOException {
        Files.copy(Path.of("src/test/resources/campops-test.yaml"), config);
        Files.copy(Path.of("config/program.yaml"), dir.resolve("program.yaml"));
    }

    /** The example files the project ships (placeholder ids). */
    private void exampleConfig() throws IOException {
        Files.copy(Path.of("config/campops.yaml"), config);
        Files.copy(Path.of("config/program.yaml"), dir.resolve("program.yaml"));
    }

    /** What setup prints, readable while it runs. */
    private static final class Transcript extends OutputStream {
        private final StringBuilder text = new StringBuilder();
        private byte[] pending = new byte[0];

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            byte[] all = new byte[pending.length + len];
            System.arraycopy(pending, 0, all, 0, pending.length);
            System.arraycopy(b, off, all, pending.length, len);
            // Keep an incomplete UTF-8 sequence for the next write.
            int end = all.length;
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (all[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (all[end - back - 1] & 0xC0) == 0xC0) {
                int lead = all[end - back - 1] & 0xFF;
                int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
                if (back < need) {
                    end = end - back - 1;
                }
            }
            text.append(new String(all, 0, end, StandardCharsets.UTF_8));
            pending = java.util.Arrays.copyOfRange(all, end, all.length);
            notifyAll();
        }

        synchronized String text() {
            return text.toString();
        }

        synchronized String await(String wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!text.toString().contains(wanted)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("setup never printed '" + wanted + "'; it printed:\n" + text);
                }
                wait(left);
            }
            return text.toString();
        }
    }

    /** Answers typed one at a time, when the test has read the question. */
    private static final class Answers extends Reader {
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private String current = "";

        void type(String line) {
            lines.add(line + "\n");
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (current.isEmpty()) {
                try {
                    current = lines.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int n = Math.min(len, current.length());
            current.getChars(0, n, buf, off);
            current = current.substring(n);
            return n;
        }

        @Override
        public void close() {}
    }

    private record Run(CompletableFuture<Integer> exit, Transcript out, Answers in) {
        int exitCode() throws Exception {
            return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Starts setup on its own thread, as {@code campops setup ARGS} would run. */
    private Run start(boolean yes, Duration inviteWait) {
        return start(yes, inviteWait, null);
    }

    /** Setup with {@code --guild}. */
    private Run start(boolean yes, Duration inviteWait, String guild) {
        Transcript out = new Transcript();
        Answers in = new Answers();
        Env env = new Env(Optional.of(token), fake.restBaseUrl(), fake.gatewayUrl(), "jdbc:h2:mem:unused");
        Setup setup = new Setup(
                new Setup.Options(config, null, yes, guild, inviteWait),
                new BufferedReader(in),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return setup.run(env, JdaSetup::connect);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return new Run(exit, out, in);
    }

    private List<RecordedRequest> creates() {
        List<RecordedRequest> out = new ArrayList<>(fake.requests("POST", "/guilds/\\d+/(roles|channels)"));
        out.addAll(fake.requests("PATCH", "/channels/\\d+"));
        return out;
    }

    private String roleNamed(String name) {
        return fake.admin().roles().stream()
                .filter(r -> r.path("name").asText().equals(name))
                .map(r -> r.path("id").asText())
                .reduce((a, b) -> {
                    throw new AssertionError("two roles named " + name);
                })
                .orElseThrow(() -> new AssertionError("no role named " + name));
    }

    private JsonNode channelNamed(String name) {
        List<JsonNode> found = fake.admin().channelsNamed(name);
        assertThat(found).as("channels named " + name).hasSize(1);
        return found.get(0);
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("campops.yaml.bak-"))
                    .toList();
        }
    }

    @Test
    void anEmptyServerGetsEverythingAndTheBotRunsWithTheConfigWritten() throws Exception {
        fake.admin().emptyCampServer();
        testConfig();
        String before = Files.readString(config);
        Run run = start(true, WAIT);
        assertThat(run.exitCode()).as(run.out().text()).isZero();
        assertThat(run.out().text())
                .contains("  channel mentors        will create: 멘토 (mentors and organizers only)")
                .contains("  forum tags             will create: Object Detection, Segmentation, Data-Centric AI,"
                        + " unanswered, answered");

        String camper = roleNamed("캠퍼");
        String mentor = roleNamed("멘토");
        String organizer = roleNamed("운영진");
        String mentors = channelNamed("멘토").path("id").asText();
        String organizers = channelNamed("운영진").path("id").asText();
        String announcements = channelNamed("공지").path("id").asText();
        JsonNode qa = channelNamed("질문");
        JsonNode teams = channelNamed("팀");
        assertThat(qa.path("type").asInt()).isEqualTo(15);
        assertThat(qa.path("available_tags").findValuesAsText("name"))
                .containsExactly("Object Detection", "Segmentation", "Data-Centric AI", "unanswered", "answered");
        assertThat(teams.path("type").asInt()).isEqualTo(4);
        assertThat(channelNamed("cv-discussion").path("type").asInt()).isEqualTo(15);
        assertThat(channelNamed("nlp-discussion").path("type").asInt()).isEqualTo(15);

        // Private channels: campers cannot see the mentors' channel, mentors not the organizers'; the bot sees both.
        fake.setMemberRoles(CAMPER_ID, camper);
        fake.setMemberRoles(MENTOR_ID, mentor);
        fake.addMember("1190000000000000299", "staff_sam", organizer);
        assertThat(fake.canView(CAMPER_ID, mentors)).isFalse();
        assertThat(fake.canView(MENTOR_ID, mentors)).isTrue();
        assertThat(fake.canView("1190000000000000299", mentors)).isTrue();
        assertThat(fake.canView(MENTOR_ID, organizers)).isFalse();
        assertThat(fake.canView("1190000000000000299", organizers)).isTrue();
        assertThat(fake.permissionOverwrite(mentors, BOT_ID).path("allow").asLong() & BotPermission.all())
                .isNotZero();
        assertThat(fake.canView(CAMPER_ID, announcements)).isTrue();

        // The config holds the ids, loads, and kept every comment and key it did not set; the old one is backed up.
        CampConfig written = ConfigLoader.load(config);
        assertThat(written.discord().guildId()).isEqualTo(GUILD_ID);
        assertThat(written.discord().roles()).isEqualTo(new CampConfig.Roles(camper, mentor, organizer));
        assertThat(written.discord().channels()).isEqualTo(new CampConfig.Channels(announcements, mentors, organizers));
        assertThat(written.qa().channel()).isEqualTo(qa.path("id").asText());
        assertThat(written.officeHours().channel()).isEqualTo(announcements);
        assertThat(written.mentoring().teamCategory())
                .isEqualTo(teams.path("id").asText());
        assertThat(Files.readString(config)).startsWith("# The test camp: ids match the fake Discord");
        assertThat(backups())
                .singleElement()
                .satisfies(b -> assertThat(Files.readString(b)).isEqualTo(before));
        assertThat(Files.readString(dir.resolve("program.yaml")))
                .contains("  cv-discussion: \""
                        + channelNamed("cv-discussion").path("id").asText() + "\"     #");

        // Run again: nothing is created and the files stay as they are.
        int requestsBefore = creates().size();
        String after = Files.readString(config);
        String programAfter = Files.readString(dir.resolve("program.yaml"));
        Run again = start(false, WAIT);
        assertThat(again.exitCode()).as(again.out().text()).isZero();
        assertThat(again.out().text()).contains("Everything is in place");
        assertThat(creates()).hasSize(requestsBefore);
        assertThat(Files.readString(config)).isEqualTo(after);
        assertThat(Files.readString(dir.resolve("program.yaml"))).isEqualTo(programAfter);
        assertThat(backups()).hasSize(1);

        // Doctor finds nothing to fix in what setup wrote and made: ids, kinds, permissions, tags, privacy.
        List<Finding> findings =
                Checks.run(written, DoctorProbe.probe(token, fake.restBaseUrl(), fake.gatewayUrl(), written));
        assertThat(findings)
                .as(() -> Doctor.report(findings, Locale.ENGLISH, false))
                .isNotEmpty()
                .noneMatch(Finding::isProblem);

        // The bot runs with it: a camper's question becomes a post in the new forum with the new tags.
        camp.start(written);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("title", "mAP가 0이에요");
        options.put("topic", "Object Detection");
        assertThat(camp.slash(CAMPER_ID, "ko", "ask", null, options)).contains("질문을 올렸어요");
        RecordedRequest post =
                fake.awaitRequest("POST", "/channels/" + qa.path("id").asText() + "/threads", WAIT);
        JsonNode tags = qa.path("available_tags");
        assertThat(post.jsonBody().path("applied_tags").toString())
                .contains(
                        tags.get(0).path("id").asText(), tags.get(3).path("id").asText());
    }

    @Test
    void aServerThatHasEverythingGetsNothingCreatedAndTheFileStaysAsWritten() throws Exception {
        fake.addCategory("1190000000000000501", "Teams");
        fake.admin().addForum("1190000000000000502", "cv-discussion");
        fake.addTextChannel("1190000000000000503", "nlp-discussion", null);
        fake.admin()
                .setForumTags(
                        QA_FORUM_CHANNEL,
                        "unanswered",
                        "answered",
                        "Object Detection",
                        "Segmentation",
                        "Data-Centric AI");
        exampleConfig();
        Run run = start(false, WAIT);
        run.out().await("Write the ids into", WAIT);
        run.in().type("y");
        assertThat(run.exitCode()).as(run.out().text()).isZero();
        assertThat(creates()).isEmpty();
        assertThat(run.out().text())
                .contains("found: q-and-a (" + QA_FORUM_CHANNEL + ")")
                .contains("'Competition: Trash Detection' cannot be a forum tag")
                .doesNotContain("can be read by everyone");

        CampConfig written = ConfigLoader.load(config);
        assertThat(written.discord().guildId()).isEqualTo(GUILD_ID);
        assertThat(written.discord().roles()).isEqualTo(new CampConfig.Roles(CAMPER_ROLE, MENTOR_ROLE, ORGANIZER_ROLE));
        assertThat(written.discord().channels())
                .isEqualTo(new CampConfig.Channels(ANNOUNCEMENTS_CHANNEL, MENTORS_CHANNEL, ORGANIZERS_CHANNEL));
        assertThat(written.qa().channel()).isEqualTo(QA_FORUM_CHANNEL);
        assertThat(written.officeHours().channel()).isEqualTo(ANNOUNCEMENTS_CHANNEL);
        assertThat(written.mentoring().teamCategory()).isEqualTo("1190000000000000501");
        assertThat(written.program().competitions().get(0).discussionChannel()).isEqualTo("1190000000000000502");
        assertThat(written.program().competitions().get(2).discussionChannel()).isEqualTo("1190000000000000503");

        String after = Files.readString(config);
        Run again = start(true, WAIT);
        assertThat(again.exitCode()).as(again.out().text()).isZero();
        assertThat(again.out().text()).contains("Everything is in place");
        assertThat(creates()).isEmpty();
        assertThat(Files.readString(config)).isEqualTo(after);
        assertThat(backups()).hasSize(1);
    }

    @Test
    void severalServersAndAmbiguousNamesAreAsked() throws Exception {
        fake.addOtherGuild(STRANGER_ID);
        fake.addTextChannel("1190000000000000504", "멘토", null);
        exampleConfig();
        Run run = start(true, WAIT);
        run.out().await("Which one is the camp's?", WAIT);
        String asked = run.out().await(") AI Summer Camp (" + GUILD_ID + ")", WAIT);
        String line = asked.lines()
                .filter(l -> l.contains("(" + GUILD_ID + ")"))
                .findFirst()
                .orElseThrow();
        run.in().type(line.strip().substring(0, 1));
        run.out().await("Which is channel mentors?", WAIT);
        assertThat(run.out().text()).contains("1) mentors (" + MENTORS_CHANNEL + ")", "2) 멘토 (1190000000000000504)");
        run.in().type("9");
        run.out().await("Type a number from 1 to 2.", WAIT);
        run.in().type("2");
        assertThat(run.exitCode()).as(run.out().text()).isZero();
        // The pick is a channel everyone can read: setup says so and leaves it as it is.
        assertThat(run.out().text()).contains("note: 멘토 (channel mentors) can be read by everyone");
        assertThat(fake.canView(CAMPER_ID, "1190000000000000504")).isTrue();
        CampConfig written = ConfigLoader.load(config);
        assertThat(written.discord().guildId()).isEqualTo(GUILD_ID);
        assertThat(written.discord().channels().mentors()).isEqualTo("1190000000000000504");
    }

    @Test
    void aBotInNoServerPrintsTheInviteUrlAndWaitsUntilItIsAdded() throws Exception {
        fake.admin().leaveCampServer();
        testConfig();
        String before = Files.readString(config);
        Run late = start(true, Duration.ofMillis(300));
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.out().text()).contains("The bot was not added within");
        assertThat(Files.readString(config)).isEqualTo(before);

        Run run = start(true, WAIT);
        run.out()
                .await(
                        "https://discord.com/oauth2/authorize?client_id=" + BOT_ID
                                + "&scope=bot+applications.commands&permissions=" + BotPermission.all(),
                        WAIT);
        run.out().await("Waiting for the bot to be added", WAIT);
        fake.admin().joinCampServer();
        assertThat(run.exitCode()).as(run.out().text()).isZero();
        assertThat(run.out().text()).contains("Server: AI Summer Camp (" + GUILD_ID + ")");
        assertThat(ConfigLoader.load(config).discord().guildId()).isEqualTo(GUILD_ID);
    }

    @Test
    void guildPicksTheServerWithoutAsking() throws Exception {
        fake.addOtherGuild(STRANGER_ID);
        exampleConfig();
        String before = Files.readString(config);
        Run unknown = start(true, WAIT, "1190000000000000999");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.out().text())
                .contains("The bot is not in server 1190000000000000999. It is in: ")
                .contains("AI Summer Camp (" + GUILD_ID + ")");
        assertThat(Files.readString(config)).isEqualTo(before);

        Run run = start(true, WAIT, GUILD_ID);
        assertThat(run.exitCode()).as(run.out().text()).isZero();
        assertThat(run.out().text()).doesNotContain("Which one is the camp's?");
        assertThat(ConfigLoader.load(config).discord().guildId()).isEqualTo(GUILD_ID);
    }

    @Test
    void aWrongTokenStopsBeforeAnythingChanges() throws Exception {
        token = "not-the-bot-token";
        testConfig();
        String before = Files.readString(config);
        Run run = start(true, WAIT);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().text()).contains("Could not connect to Discord").doesNotContain(token);
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(creates()).isEmpty();
    }
}
