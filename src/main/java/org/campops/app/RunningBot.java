package org.campops.app;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.discord.DiscordBot;
import org.campops.discord.JdaNotifier;
import org.campops.doctor.Doctor;
import org.campops.qa.QaService;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;

/**
 * {@code campops run}: the application with its scheduler started and, when this instance holds the Discord gateway,
 * connected to Discord and sending the outbox.
 *
 * <p>Several instances may share one PostgreSQL database (and token). All of them run the timers (Quartz clustered:
 * each trigger fires on one instance, and its posts are queued in the outbox). Exactly one of them, the holder of the
 * gateway lock ({@link GatewayHolder}), holds the gateway session, so it alone receives interactions, and it alone
 * sends the outbox: JDA sends nothing without a logged-in session (and the transport reads channels, threads and
 * tags from the session's cache), and Discord's global rate limit is per bot, so a second sender would add no
 * throughput, only 429s. When the holder dies, another instance takes the lock, connects, resumes the rows the old
 * holder left in flight (resent with the same nonce) and sends the rest. On H2 the one instance is the holder.
 */
public final class RunningBot implements AutoCloseable {
    /** The advisory lock key of the gateway holder: one CampOps bot per database ("CampOps" in ASCII). */
    static final long GATEWAY_LOCK_KEY = 0x43616D704F7073L;
    /** The longest a check of the gateway lock waits for the database. */
    static final java.time.Duration LOCK_TIMEOUT = java.time.Duration.ofSeconds(2);

    private final CampOps app;
    private final CampConfig config;
    private final Env env;
    private final String token;
    private final JdaNotifier notifier;
    private volatile @Nullable DiscordBot discord;
    private @Nullable GatewayHolder gateway;
    private final Metrics metrics;
    private org.campops.web.@Nullable WebServer web;
    /** 429s seen by earlier gateway sessions of this process (the counter only grows). */
    private final java.util.concurrent.atomic.AtomicLong earlierRateLimits =
            new java.util.concurrent.atomic.AtomicLong();

    private RunningBot(CampOps app, CampConfig config, Env env, String token, JdaNotifier notifier) {
        this.app = app;
        this.config = config;
        this.env = env;
        this.token = token;
        this.notifier = notifier;
        this.metrics = new Metrics().bind(app);
    }

    /** JDA's status while this instance holds the gateway; STANDING_BY otherwise. */
    private String discordStatus() {
        DiscordBot d = discord;
        return d == null ? "STANDING_BY" : d.status();
    }

    private long gatewayPing() {
        DiscordBot d = discord;
        return d == null ? -1 : d.gatewayPing();
    }

    private long rateLimited() {
        DiscordBot d = discord;
        return earlierRateLimits.get() + (d == null ? 0 : d.rateLimited());
    }

    /** The HTTP server (/health, /metrics, calendar feeds), or null when {@code http.enabled} is false. */
    public org.campops.web.@Nullable WebServer web() {
        return web;
    }

    /**
     * Opens the store; when this instance gets the gateway, connects to Discord (waiting for READY) and starts sending;
     * then starts firing scheduled work. An instance that does not get the gateway stands by (timers running) and
     * takes it over when its holder goes.
     */
    public static RunningBot start(CampConfig config, Env env, Clock clock) throws InterruptedException {
        return start(config, env, clock, GatewayHolder.Timing.defaults());
    }

    static RunningBot start(CampConfig config, Env env, Clock clock, GatewayHolder.Timing timing)
            throws InterruptedException {
        String token = env.token().orElseThrow(() -> new IllegalStateException("DISCORD_TOKEN is not set"));
        if (!env.discordUrlProblems().isEmpty()) {
            throw new IllegalStateException(String.join("; ", env.discordUrlProblems()));
        }
        JdaNotifier notifier = new JdaNotifier(config.discord().guildId());
        CampOps app = new CampOps(config, env.dbUrl(), notifier, clock);
        notifier.useDmChannels(app.dmChannels());
        RunningBot bot = new RunningBot(app, config, env, token, notifier);
        try {
            bot.begin(timing);
        } catch (RuntimeException | InterruptedException e) {
            if (bot.web != null) {
                bot.web.close();
            }
            if (bot.gateway != null) {
                bot.gateway.close();
                bot.gateway.releaseLock(false);
            }
            app.close();
            throw e;
        }
        return bot;
    }

    private void begin(GatewayHolder.Timing timing) throws InterruptedException {
        boolean single = app.database().vendor() == Database.Vendor.H2;
        GatewayHolder.Lock lock = single
                ? GatewayHolder.alwaysHeld()
                : new AdvisoryGatewayLock(app.database(), GATEWAY_LOCK_KEY, LOCK_TIMEOUT);
        gateway = new GatewayHolder(lock, new GatewaySession(), single ? GatewayHolder.Timing.single() : timing);
        metrics.bindDiscord(this::discordStatus, this::gatewayPing, this::rateLimited, this::holdsGateway);
        // The HTTP server starts while the gateway connects (each takes about half a second); /health says "not
        // ready" until both are done.
        CompletableFuture<org.campops.web.@Nullable WebServer> webStarting = CompletableFuture.supplyAsync(
                () -> Http.start(config, app, this::discordStatus, this::gatewayPing, metrics, this::holdsGateway));
        boolean holder;
        try {
            holder = gateway.takeAtStart();
        } catch (Exception e) {
            webStarting.thenAccept(w -> {
                if (w != null) {
                    w.close();
                }
            });
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof InterruptedException i) {
                throw i;
            }
            throw new IllegalStateException(e);
        }
        try {
            web = webStarting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (!holder) {
            LOG.info(
                    "another instance holds the Discord gateway: this one fires scheduled moments and stands by to take"
                            + " the gateway over");
        }
        app.startTimers();
        // Ready means searchable: the saved Q&A index re-indexed what changed while the gateway connected.
        app.service(QaService.class).awaitIndexReady();
        if (!single) {
            gateway.watch();
        }
    }

    /** Holding the gateway: connected to Discord, sending the outbox. */
    private final class GatewaySession implements GatewayHolder.Session {
        @Override
        public void take(boolean atStart) throws InterruptedException {
            if (!atStart) {
                // Questions asked through the old holder are in the database, not in this instance's search index:
                // what changed since this instance last read the database is indexed again.
                app.service(QaService.class).catchUpIndex();
            }
            DiscordBot connected =
                    DiscordBot.connect(token, env.apiUrl(), env.gatewayUrl(), config, app.router(), notifier);
            discord = connected;
            // The configuration against the server as it is now: problems logged and posted once to the organizers.
            app.service(Doctor.class).connected(() -> connected.serverFacts(config));
            if (app.database().vendor() == Database.Vendor.POSTGRESQL) {
                // Only the holder sends, and the old one is gone (dead, or it left when it lost the lock): what it
                // had claimed goes out now rather than when its lease ends.
                app.dispatcher().resumeLeftInFlight();
            }
            app.dispatcher().start();
        }

        @Override
        public void drop() {
            // Stop claiming rows first (the poller is woken and ends its turn), so nothing is sent once the gateway
            // is left; then leave it at once.
            app.dispatcher().pause();
            app.service(Doctor.class).disconnected();
            DiscordBot d = discord;
            discord = null;
            if (d != null) {
                earlierRateLimits.addAndGet(d.rateLimited());
                d.abandon();
            }
        }
    }

    public CampOps app() {
        return app;
    }

    /** The Discord connection while this instance holds the gateway; null while it stands by. */
    public @Nullable DiscordBot discord() {
        return discord;
    }

    /** Whether this instance holds the Discord gateway (and sends the outbox) now. */
    public boolean holdsGateway() {
        return Objects.requireNonNull(gateway, "started").holding() && discord != null;
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
     * The orderly stop (SIGTERM, Ctrl+C): no take-over from now on; stop taking interactions and finish those in
     * flight; stop the timers (waiting for running jobs); drain the outbox for a bounded time (Discord is still
     * connected); then disconnect, give the gateway lock back (another instance takes over) and close the store.
     * What was not sent is logged and goes out at the next start (or from the next holder). An instance standing by
     * only stops its timers.
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
        Objects.requireNonNull(gateway, "started").close();
        DiscordBot d = discord;
        try {
            if (d != null) {
                if (!d.stopAccepting(FINISH_INTERACTIONS)) {
                    LOG.warn("some interactions were still running after {} s", FINISH_INTERACTIONS.toSeconds());
                }
                java.time.Duration left = STOP_WITHIN.minusNanos(System.nanoTime() - started);
                java.time.Duration drain = left.compareTo(DRAIN_OUTBOX) > 0
                        ? DRAIN_OUTBOX
                        : left.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : left;
                app.stopFiringAndDrain(drain);
            } else {
                app.stopFiring();
            }
        } finally {
            try {
                if (d != null) {
                    d.close();
                }
            } finally {
                try {
                    gateway.releaseLock(d != null && d.leftInOrder());
                } finally {
                    app.close();
                }
            }
        }
        LOG.info("CampOps stopped");
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunningBot.class);
}
