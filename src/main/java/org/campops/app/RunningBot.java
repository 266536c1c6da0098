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
    private final org.campops.web.WebServer web;

    private RunningBot(CampOps app, DiscordBot discord, org.campops.web.WebServer web) {
        this.app = app;
        this.discord = discord;
        this.web = web;
    }

    /** Opens the store, connects to Discord (waiting for READY), then starts firing scheduled work. */
    public static RunningBot start(CampConfig config, Env env, Clock clock) throws InterruptedException {
        String token = env.token().orElseThrow(() -> new IllegalStateException("DISCORD_TOKEN is not set"));
        JdaNotifier notifier = new JdaNotifier(config.discord().guildId());
        CampOps app = new CampOps(config, env.dbUrl(), notifier, clock);
        notifier.useDmChannels(app.dmChannels());
        Metrics metrics = new Metrics().bind(app);
        DiscordBot discord;
        try {
            discord = DiscordBot.connect(token, env.apiUrl(), env.gatewayUrl(), config, app.router(), notifier);
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        // Whether this instance holds the Discord gateway: always, until the gateway-holder lock says otherwise.
        java.util.function.BooleanSupplier gatewayHolder = () -> true;
        metrics.bindDiscord(discord::status, discord::gatewayPing, discord::rateLimited, gatewayHolder);
        org.campops.web.WebServer web;
        try {
            web = Http.start(config, app, discord, metrics, gatewayHolder);
        } catch (RuntimeException e) {
            discord.close();
            app.close();
            throw e;
        }
        app.startScheduler();
        return new RunningBot(app, discord, web);
    }

    /** The HTTP server (/health, /metrics, calendar feeds), or null when {@code http.enabled} is false. */
    public org.campops.web.WebServer web() {
        return web;
    }

    public CampOps app() {
        return app;
    }

    public DiscordBot discord() {
        return discord;
    }

    /**
     * How long an orderly stop waits for interactions in flight, then for the outbox to drain; the drain
     * gets what is left of {@link #STOP_WITHIN} (at least a second), so the stop ends in about 15 s
     * plus the few seconds closing takes (under 10), whatever Discord does: a process manager's stop
     * timeout (30 s is common) is not what ends it.
     */
    static final java.time.Duration FINISH_INTERACTIONS = java.time.Duration.ofSeconds(10);
    static final java.time.Duration DRAIN_OUTBOX = java.time.Duration.ofSeconds(10);
    static final java.time.Duration STOP_WITHIN = java.time.Duration.ofSeconds(15);

    /**
     * The orderly stop (SIGTERM, Ctrl+C): stop taking interactions and finish those in flight; stop the
     * timers (waiting for running jobs); drain the outbox for a bounded time (Discord is still
     * connected); then disconnect and close the store. What was not sent is logged and goes out at the
     * next start.
     */
    @Override
    public void close() {
        long started = System.nanoTime();
        if (web != null) {
            // A stopping instance is not ready: load balancers and health checks see it go at once.
            try {
                web.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping the HTTP server: {}", e.toString());
            }
        }
        try {
            if (!discord.stopAccepting(FINISH_INTERACTIONS)) {
                LOG.warn("some interactions were still running after {} s", FINISH_INTERACTIONS.toSeconds());
            }
            java.time.Duration left = STOP_WITHIN.minusNanos(System.nanoTime() - started);
            java.time.Duration drain = left.compareTo(DRAIN_OUTBOX) > 0 ? DRAIN_OUTBOX
                    : left.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : left;
            app.stopFiringAndDrain(drain);
        } finally {
            try {
                discord.close();
            } finally {
                app.close();
            }
        }
        LOG.info("CampOps stopped");
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunningBot.class);
}
