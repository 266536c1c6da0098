package org.campops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.campops.testing.Await;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code campops doctor} through the real JDA client against the fake Discord: one line per check, the exit code. */
class DoctorCommandTest {
    /** Every permission the bot needs, without Administrator and without Manage Threads. */
    private static final long WITHOUT_MANAGE_THREADS = PERM_VIEW_CHANNEL
            | PERM_SEND_MESSAGES
            | PERM_SEND_MESSAGES_IN_THREADS
            | PERM_CREATE_PUBLIC_THREADS
            | PERM_ATTACH_FILES
            | PERM_EMBED_LINKS
            | PERM_READ_MESSAGE_HISTORY
            | PERM_MANAGE_EVENTS
            | PERM_MANAGE_CHANNELS
            | PERM_MANAGE_ROLES;

    @TempDir
    Path dir;

    private FakeDiscord fake;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        fake = FakeDiscord.start();
        config = englishTestConfig(dir);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The test camp's config (the fake's ids) with English texts. */
    static Path englishTestConfig(Path dir) throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/campops-test.yaml"))
                .replace("locale: ko", "locale: en");
        Path file = dir.resolve("campops.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Runs {@code campops doctor} with the fake's token and addresses; returns the exit code and what it printed. */
    private Result doctor(String token) {
        return doctor(token, fake.restBaseUrl(), fake.gatewayUrl());
    }

    private Result doctor(String token, String apiUrl, String gatewayUrl) {
        DoctorCommand cmd = new DoctorCommand();
        cmd.environment = Map.of("DISCORD_TOKEN", token, "DISCORD_API_URL", apiUrl, "DISCORD_GATEWAY_URL", gatewayUrl);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new CommandLine(cmd).execute("--config", config.toString());
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out) {}

    @Test
    void aWellSetUpServerPassesEveryCheck() throws InterruptedException {
        Result r = doctor(DEFAULT_TOKEN);

        assertThat(r.out())
                .contains("✅ Discord accepted the token in DISCORD_TOKEN.")
                .contains("✅ The privileged intent \"Message Content Intent\" is allowed.")
                .contains("✅ The privileged intent \"Server Members Intent\" is allowed.")
                .contains("✅ The bot is in the server AI Summer Camp (" + GUILD_ID + ").")
                .contains("✅ discord.roles.camper: the role @Camper.")
                .contains("✅ qa.channel: the forum #q-and-a.")
                .contains("✅ The bot has every permission it needs in #q-and-a (qa.channel).")
                .contains("✅ The bot has every permission it needs in #announcements"
                        + " (discord.channels.announcements, officeHours.channel).")
                .contains("✅ The forum #q-and-a has all 5 tags the Q&A uses.")
                .contains("✅ Campers cannot read #mentors (discord.channels.mentors).")
                .contains("✅ Campers cannot read #organizers (discord.channels.organizers).")
                .contains("All 20 checks passed.")
                .doesNotContain("❌", "⚠️");
        assertThat(r.code()).isZero();
        Await.until(() -> fake.connectedClients() == 0, Duration.ofSeconds(10), () -> "the doctor logged out");
    }

    @Test
    void eachProblemIsNamedWithItsFix() {
        fake.removeForumTag(QA_FORUM_CHANNEL, "Segmentation");
        // The bot's role loses Administrator and Manage Threads: the private channels are hidden from it now.
        fake.setRolePermissions(BOT_ROLE, WITHOUT_MANAGE_THREADS);
        fake.refuseIntents(INTENT_MESSAGE_CONTENT);

        Result r = doctor(DEFAULT_TOKEN);

        assertThat(r.out())
                .contains("❌ Discord refused the privileged intent \"Message Content Intent\" (the gateway closed with"
                        + " 4014), so the bot cannot connect. Turn on \"Message Content Intent\" in the Developer"
                        + " Portal (your application > Bot > Privileged Gateway Intents), or set"
                        + " discord.messageContentIntent: false.")
                .contains("✅ The privileged intent \"Server Members Intent\" is allowed.")
                .contains("⚠️ The forum #q-and-a has no tag \"Segmentation\" (qa.topics). Add the tag \"Segmentation\""
                        + " in #q-and-a > Edit Channel > Tags with exactly this name, or run `campops setup`.")
                .contains("❌ The bot cannot see #mentors (discord.channels.mentors). In #mentors > Edit Channel >"
                        + " Permissions, add the bot's role @CampOps and allow View Channel")
                .contains("❌ The bot cannot see #organizers (discord.channels.organizers).")
                .contains("❌ The bot lacks Manage Threads in #q-and-a (qa.channel). In #q-and-a > Edit Channel >"
                        + " Permissions, allow them for the bot's role @CampOps")
                // @everyone may not write in #announcements, and the bot's role has no overwrite there any more.
                .contains("❌ The bot lacks Send Messages in #announcements (discord.channels.announcements,"
                        + " officeHours.channel).")
                .contains("6 problems (5 blocking) in 20 checks.");
        assertThat(r.code()).isEqualTo(1);
        // Discord refused the first login (4014); the doctor looked again without the privileged intents.
        assertThat(fake.identifyCount()).isEqualTo(1);
        assertThat(fake.requests("GET", "/(oauth2/)?applications/@me")).isNotEmpty();
    }

    @Test
    void noAnswerFromDiscordSaysWhatToCheck() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result r = doctor(DEFAULT_TOKEN, "http://127.0.0.1:" + closed + "/api/v10/", "ws://127.0.0.1:" + closed);

        assertThat(r.out()).contains("❌ Could not reach Discord. Check the network, DISCORD_API_URL and");
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenSaysWhereToGetANewOne() {
        Result r = doctor("not-the-token");

        assertThat(r.out())
                .contains(
                        "❌ Discord refused the token in DISCORD_TOKEN. Copy the token again from the Developer Portal");
        assertThat(r.code()).isEqualTo(1);
    }
}
