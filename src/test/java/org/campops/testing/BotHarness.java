package org.campops.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.campops.app.RunningBot;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.testing.fakediscord.FakeDiscord;

/** Starts the real bot ({@code campops run}'s wiring) against the fake Discord on an H2 file database. */
public final class BotHarness {
    private BotHarness() {}

    public static String fileDb(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("campops").toAbsolutePath();
    }

    public static RunningBot start(FakeDiscord fake, String dbUrl) {
        return start(fake, dbUrl, TestConfig.load());
    }

    public static RunningBot start(FakeDiscord fake, String dbUrl, CampConfig config) {
        return start(fake, dbUrl, config, Clock.systemUTC());
    }

    public static RunningBot start(FakeDiscord fake, String dbUrl, CampConfig config, Clock clock) {
        Env env = new Env(Optional.of(FakeDiscord.DEFAULT_TOKEN), fake.restBaseUrl(), fake.gatewayUrl(), dbUrl);
        try {
            return RunningBot.start(config, env, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
