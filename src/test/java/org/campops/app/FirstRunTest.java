package org.campops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code campops run} on a first run that cannot work says what to do next ({@code campops setup}, {@code campops
 * doctor}) and exits non-zero: no token, the example config's placeholder ids on a server that lacks them, a server the bot is not in, a
 * privileged intent switched off.
 */
class FirstRunTest {
    @TempDir
    Path dir;

    private FakeDiscord fake;

    @BeforeEach
    void start() {
        fake = FakeDiscord.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private record Result(int code, String err) {}

    private Result run(Path config, Map<String, String> env) {
        RunCommand cmd = new RunCommand();
        cmd.environment = env;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new CommandLine(cmd).execute("--config", config.toString());
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> fakeEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_TOKEN", DEFAULT_TOKEN);
        env.put("DISCORD_API_URL", fake.restBaseUrl());
        env.put("DISCORD_GATEWAY_URL", fake.gatewayUrl());
        env.put("CAMPOPS_DB_URL", TestConfig.memoryDb());
        return env;
    }

    @Test
    void withoutATokenItSaysWhereToGetOneAndWhatComesNext() throws Exception {
        Result r = run(DoctorCommandTest.englishTestConfig(dir), Map.of());

        assertThat(r.err())
                .contains("DISCORD_TOKEN is not set")
                .contains("Reset Token")
                .contains("`campops setup`")
                .contains("`campops doctor`")
                .contains("`campops console`");
        assertThat(r.code()).isEqualTo(2);
        assertThat(fake.gatewayConnectionCount()).isZero();
    }

    @Test
    void theExampleConfigsPlaceholderIdsAreNamed() {
        Result r = run(Path.of("config/campops.yaml"), fakeEnv());

        assertThat(r.err())
                .contains("config/campops.yaml still holds the example's placeholder ids (discord.guildId,"
                        + " discord.roles.camper, discord.roles.mentor, discord.roles.organizer")
                .contains("`campops setup`")
                .contains("`campops doctor`");
        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void aServerTheBotIsNotInIsNamedWithTheServersItIsIn() throws Exception {
        Path config = dir.resolve("campops.yaml");
        Files.writeString(
                config,
                Files.readString(Path.of("src/test/resources/campops-test.yaml"))
                        .replace("guildId: \"" + GUILD_ID + "\"", "guildId: \"1190000000000000999\""));

        Result r = run(config, fakeEnv());

        assertThat(r.err())
                .contains("The bot is not in the server discord.guildId 1190000000000000999 (it is in: AI Summer Camp ("
                        + GUILD_ID + "))")
                .contains("`campops setup`")
                .contains("`campops doctor`");
        assertThat(r.code()).isEqualTo(1);
        fake.awaitNoConnections(Duration.ofSeconds(15));
    }

    @Test
    void aRefusedIntentNamesTheDeveloperPortalSwitch() throws Exception {
        fake.refuseIntents(INTENT_GUILD_MEMBERS);

        Result r = run(DoctorCommandTest.englishTestConfig(dir), fakeEnv());

        assertThat(r.err())
                .contains("Discord refused a privileged intent (gateway close 4014)")
                .contains("\"Server Members Intent\"")
                .contains("`campops doctor`");
        assertThat(r.code()).isEqualTo(1);
    }
}
