package org.campops.discord;

import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import net.dv8tion.jda.internal.utils.IOUtil;
import org.campops.chat.CommandRouter;
import org.campops.config.CampConfig;

/** The JDA connection: the only place that knows Discord's client library. */
public final class DiscordBot implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiscordBot.class);
    private final JDA jda;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    /** Set by {@link #close} once JDA shut down in order: the gateway session is closed. */
    private volatile boolean leftInOrder;

    private final ExecutorService messageEvents;

    private final InteractionListener listener;
    private final RateLimitCounter rateLimits;
    private final JdaNotifier notifier;

    private DiscordBot(
            JDA jda,
            InteractionListener listener,
            ExecutorService workers,
            ScheduledExecutorService timer,
            ExecutorService messageEvents,
            RateLimitCounter rateLimits,
            JdaNotifier notifier) {
        this.listener = listener;
        this.rateLimits = rateLimits;
        this.notifier = notifier;
        this.jda = jda;
        this.workers = workers;
        this.timer = timer;
        this.messageEvents = messageEvents;
    }

    /**
     * Connects and waits until Discord has sent every guild. {@code apiUrl} and {@code gatewayUrl}
     * let a proxy or a test server stand in for Discord.
     */
    public static DiscordBot connect(
            String token,
            String apiUrl,
            String gatewayUrl,
            CampConfig config,
            CommandRouter router,
            JdaNotifier notifier)
            throws InterruptedException {
        // User text must never ping @everyone, @here or roles: nothing is allowed unless a message opts in.
        MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
        ExecutorService workers = Executors.newFixedThreadPool(4, daemon("campops-command"));
        // A deferral is cancelled when the answer was quick (nearly always): removed at once, not woken for later.
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("campops-defer"));
        timer.setRemoveOnCancelPolicy(true);
        ExecutorService messageEvents = Executors.newSingleThreadExecutor(daemon("campops-messages"));
        InteractionListener listener = new InteractionListener(router, config, workers, timer, messageEvents);
        JDA jda = null;
        RateLimitCounter rateLimits = new RateLimitCounter();
        java.util.concurrent.atomic.AtomicInteger closeCode = new java.util.concurrent.atomic.AtomicInteger(-1);
        try {
            // Bans (not privileged): a banned member loses the camp's access even without the members intent.
            EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_MODERATION);
            if (config.discord().serverMembersIntent()) {
                // Privileged: enable "Server Members Intent" in the Developer Portal, or members who leave or are
                // kicked
                // keep their team channel and calendar feed (only bans are seen).
                intents.add(GatewayIntent.GUILD_MEMBERS);
            }
            if (config.discord().messageContentIntent()) {
                // Privileged: enable "Message Content Intent" in the Developer Portal, or Q&A replies arrive empty.
                intents.add(GatewayIntent.MESSAGE_CONTENT);
            }
            jda = JDABuilder.createLight(token, intents)
                    .enableCache(CacheFlag.FORUM_TAGS)
                    .setRestConfig(new RestConfig().setBaseUrl(apiUrl))
                    .setHttpClientBuilder(IOUtil.newHttpClientBuilder()
                            .addInterceptor(new UnrepeatedCreates())
                            .addInterceptor(rateLimits))
                    .setSessionController(new FixedGatewaySessionController(gatewayUrl))
                    .setCompression(Compression.NONE)
                    // The orderly stop (RunningBot.close, from campops run's shutdown hook) closes JDA itself, after
                    // draining the outbox; JDA's own hook would stop its requester under that drain at SIGTERM.
                    .setEnableShutdownHook(false)
                    .addEventListeners(listener, (net.dv8tion.jda.api.hooks.EventListener) event -> {
                        if (event instanceof net.dv8tion.jda.api.events.session.ShutdownEvent s) {
                            closeCode.set(s.getCode());
                        }
                    })
                    .build();
            jda.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            if (jda != null) {
                // Not ready (interrupted, Discord refused): no session may stay open behind the caller's back.
                jda.shutdownNow();
            }
            workers.shutdownNow();
            timer.shutdownNow();
            messageEvents.shutdownNow();
            listener.close();
            if (DoctorProbe.intentsRefused(closeCode.get(), e)) {
                throw new IllegalStateException(DoctorProbe.refusedIntents(config), e);
            }
            throw e;
        }
        notifier.attach(jda);
        return new DiscordBot(jda, listener, workers, timer, messageEvents, rateLimits, notifier);
    }

    public JDA jda() {
        return jda;
    }

    /** The camp's server as this session sees it now, for the doctor's checks. */
    public org.campops.doctor.ServerFacts serverFacts(CampConfig config) {
        return JdaServerFacts.read(jda, config);
    }

    /** The bot's user name on Discord, so callers outside this package need not know JDA. */
    public String selfName() {
        return jda.getSelfUser().getName();
    }

    /** The gateway connection's state as JDA names it: CONNECTED when events flow (health). */
    public String status() {
        return jda.getStatus().name();
    }

    /** The last heartbeat's round trip in milliseconds, -1 before the first (metrics). */
    public long gatewayPing() {
        return jda.getGatewayPing();
    }

    /** How many 429 answers Discord gave since the start (metrics). */
    public long rateLimited() {
        return rateLimits.seen();
    }

    /**
     * The first step of an orderly stop: new interactions are turned away with a "restarting" notice,
     * those in flight (and recorded messages) finish, for at most {@code wait}. True when all finished.
     */
    public boolean stopAccepting(java.time.Duration wait) {
        listener.stopAccepting();
        workers.shutdown();
        messageEvents.shutdown();
        try {
            boolean done = workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            return messageEvents.awaitTermination(Math.max(1, wait.toMillis() / 4), TimeUnit.MILLISECONDS) && done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        jda.shutdown();
        try {
            // Requests still queued (Discord down, say) are not waited for: the outbox sends them again at the next
            // start.
            if (jda.awaitShutdown(5, TimeUnit.SECONDS)) {
                leftInOrder = true;
            } else {
                jda.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jda.shutdownNow();
        }
        workers.shutdown();
        messageEvents.shutdown();
        timer.shutdownNow();
        listener.close();
        notifier.detach(jda);
    }

    /** Whether {@link #close} saw the gateway session closed (JDA shut down within its time). */
    public boolean leftInOrder() {
        return leftInOrder;
    }

    /**
     * Leaves the gateway at once, without finishing anything: this instance lost the right to hold the session (its
     * gateway lock is gone, and another instance may connect any moment), so no event may be handled here any more.
     * Interactions in flight are not answered; requests queued in JDA are dropped (the outbox sends its rows again).
     */
    public void abandon() {
        listener.stopAccepting();
        jda.shutdownNow();
        workers.shutdownNow();
        messageEvents.shutdownNow();
        timer.shutdownNow();
        notifier.detach(jda);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** JDA asks its session controller for the gateway; this one answers with the configured URL. */
    static final class FixedGatewaySessionController extends ConcurrentSessionController {
        private final String gateway;

        FixedGatewaySessionController(String gateway) {
            this.gateway = gateway;
        }

        @Override
        public String getGateway() {
            return gateway;
        }
    }
}
