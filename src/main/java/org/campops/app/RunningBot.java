package org.campops.app;

import java.time.Clock;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.discord.DiscordBot;
import org.campops.discord.JdaNotifier;

/** {@code campops run}: the application connected to Discord, with its scheduler started. */
public final class RunningBot implements AutoCloseable {
    private final CampOps app;
    private final DiscordBot discord;

    private RunningBot(CampOps app, DiscordBot discord) {
        this.app = app;
        this.discord = discord;
    }

    /** Opens the store, connects to Discord (waiting for READY), then starts firing scheduled work. */
    public static RunningBot start(CampConfig config, Env env, Clock clock) throws InterruptedException {
        String token = env.token().orElseThrow(() -> new IllegalStateException("DISCORD_TOKEN is not set"));
        JdaNotifier notifier = new JdaNotifier(config.discord().guildId());
        CampOps app = new CampOps(config, env.dbUrl(), notifier, clock);
        DiscordBot discord;
        try {
            discord = DiscordBot.connect(token, env.apiUrl(), env.gatewayUrl(), config, app.router(), notifier);
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        app.startScheduler();
        return new RunningBot(app, discord);
    }

    public CampOps app() {
        return app;
    }

    public DiscordBot discord() {
        return discord;
    }

    /** Stops the scheduler first (waiting for running jobs), then Discord, then the store. */
    @Override
    public void close() {
        try {
            app.scheduling().close();
        } finally {
            discord.close();
            app.close();
        }
    }
}
