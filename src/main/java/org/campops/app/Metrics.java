package org.campops.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.campops.chat.CommandObserver;
import org.campops.delivery.DeliveryObserver;
import org.campops.delivery.Payload;

/**
 * The bot's Prometheus metrics (Micrometer), one registry per running bot; scraped at {@code /metrics}.
 * The features only know their JDK-only observer hooks ({@link CommandObserver}, {@code MomentObserver},
 * {@link DeliveryObserver}); this class turns what they tell into meters:
 * <ul>
 *   <li>{@code campops_commands_handled_total{command,outcome}} (outcome ok, rejected, failed) and
 *       {@code campops_commands_failed_total{command}} (the handler threw);</li>
 *   <li>{@code campops_command_duration_seconds{command}}: handler latency, with buckets;</li>
 *   <li>{@code campops_moments_fired_total{feature,outcome}} and {@code campops_moment_lateness_seconds{feature}};</li>
 *   <li>{@code campops_outbox_depth}: rows waiting or in flight;</li>
 *   <li>{@code campops_posts_sent_total}, {@code campops_posts_retried_total}, {@code campops_posts_failed_total}
 *       ({@code kind}: POST, DM, ...);</li>
 *   <li>{@code campops_discord_rate_limited_total} (429s seen), {@code campops_discord_gateway_ping_seconds},
 *       {@code campops_discord_connected} and {@code campops_gateway_holder} (1 or 0);</li>
 *   <li>and the JVM's memory, threads, CPU and uptime.</li>
 * </ul>
 */
public final class Metrics {
    private static final Duration[] COMMAND_BUCKETS = {
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5)
    };
    private static final Duration[] LATENESS_BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(30)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Function counters hold their object weakly: this keeps it for the registry's life. */
    private volatile LongSupplier rateLimited = () -> 0;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Hooks the router, the moments and the dispatcher of {@code app}, and counts its outbox. */
    public Metrics bind(CampOps app) {
        app.router().observe(this::command);
        app.moments().observe(this::moment);
        app.dispatcher().observe(this::delivery);
        // Series that would otherwise appear only at their first increment start at zero, so rates and alerts work.
        for (var leaf : app.router().leaves()) {
            failedCounter(leaf.getKey());
        }
        for (Payload.Kind kind : Payload.Kind.values()) {
            for (DeliveryObserver.Result result : DeliveryObserver.Result.values()) {
                postCounter(kind, result);
            }
        }
        gauge("campops.outbox.depth", "Outbox rows waiting or in flight", app.outbox()::depth);
        return this;
    }

    /** The Discord connection's numbers; suppliers, so they follow a reconnect. */
    public Metrics bindDiscord(
            Supplier<String> status, LongSupplier pingMillis, LongSupplier rateLimited, BooleanSupplier gatewayHolder) {
        Gauge.builder("campops.discord.gateway.ping", () -> {
                    long ping = pingMillis.getAsLong();
                    return ping < 0 ? Double.NaN : ping / 1000.0;
                })
                .baseUnit("seconds")
                .description("Round trip of the last gateway heartbeat")
                .register(registry);
        Gauge.builder("campops.discord.connected", () -> "CONNECTED".equals(status.get()) ? 1 : 0)
                .description("1 when the Discord gateway is connected")
                .register(registry);
        Gauge.builder("campops.gateway.holder", () -> gatewayHolder.getAsBoolean() ? 1 : 0)
                .description("1 when this instance holds the Discord gateway")
                .register(registry);
        this.rateLimited = rateLimited;
        FunctionCounter.builder("campops.discord.rate.limited", this, m -> m.rateLimited.getAsLong())
                .description("HTTP 429 answers from Discord (JDA waits and resends most of them itself)")
                .register(registry);
        return this;
    }

    void command(String name, CommandObserver.Outcome outcome, Duration took) {
        Counter.builder("campops.commands.handled")
                .description("Commands, actions, buttons and forms handled")
                .tag("command", name)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
        if (outcome == CommandObserver.Outcome.FAILED) {
            failedCounter(name).increment();
        }
        if (outcome != CommandObserver.Outcome.REJECTED || !took.isZero()) {
            Timer.builder("campops.command.duration")
                    .description("Time the handler took")
                    .serviceLevelObjectives(COMMAND_BUCKETS)
                    .tag("command", name)
                    .register(registry)
                    .record(took);
        }
    }

    void moment(String feature, Duration lateness, boolean ok) {
        Counter.builder("campops.moments.fired")
                .description("Scheduled moments fired")
                .tag("feature", feature)
                .tag("outcome", ok ? "ok" : "failed")
                .register(registry)
                .increment();
        Timer.builder("campops.moment.lateness")
                .description("How long after its due time a moment fired")
                .serviceLevelObjectives(LATENESS_BUCKETS)
                .tag("feature", feature)
                .register(registry)
                .record(lateness);
    }

    private Counter failedCounter(String command) {
        return Counter.builder("campops.commands.failed")
                .description("Commands whose handler failed (the member saw an error)")
                .tag("command", command)
                .register(registry);
    }

    void delivery(Payload.Kind kind, DeliveryObserver.Result result) {
        postCounter(kind, result).increment();
    }

    private Counter postCounter(Payload.Kind kind, DeliveryObserver.Result result) {
        String name = switch (result) {
            case SENT -> "campops.posts.sent";
            case RETRIED -> "campops.posts.retried";
            case FAILED -> "campops.posts.failed";
        };
        return Counter.builder(name)
                .description("Outbox rows "
                        + (result == DeliveryObserver.Result.FAILED
                                ? "failed for good"
                                : result.name().toLowerCase(Locale.ROOT)))
                .tag("kind", kind.name())
                .register(registry);
    }

    private void gauge(String name, String description, IntSupplier value) {
        Gauge.builder(name, () -> {
                    try {
                        return value.getAsInt();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description(description)
                .register(registry);
    }

    /** Everything, in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
