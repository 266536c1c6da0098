package org.campops.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /health} answers: ready when the database answers and the Discord gateway is connected. An
 * instance that does not hold the gateway (another instance of the same bot does) is ready with its
 * database alone: it still runs the scheduler and the outbox. The database is asked on a thread of its own
 * and given {@code databaseTimeout}: an unreachable server makes the pool wait far longer than a health
 * check may take.
 */
public final class Health implements AutoCloseable {

    /** The answer; {@code outboxDepth} is null when the database could not be asked. */
    public record Report(
            boolean up,
            boolean database,
            String discord,
            long gatewayPingMs,
            boolean gatewayHolder,
            @Nullable Integer outboxDepth,
            String version,
            List<String> problems) {}

    /** Whether the database answers (it may block or throw: both count as "no"). */
    @FunctionalInterface
    public interface Probe {
        boolean answers() throws Exception;
    }

    private final Probe database;
    private final Supplier<String> discordStatus;
    private final LongSupplier gatewayPing;
    private final BooleanSupplier gatewayHolder;
    private final IntSupplier outboxDepth;
    private final String version;
    private final Duration databaseTimeout;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "campops-health");
        t.setDaemon(true);
        return t;
    });
    private @Nullable CompletableFuture<Boolean> pending;

    public Health(
            Probe database,
            Supplier<String> discordStatus,
            LongSupplier gatewayPing,
            BooleanSupplier gatewayHolder,
            IntSupplier outboxDepth,
            String version,
            Duration databaseTimeout) {
        this.database = database;
        this.discordStatus = discordStatus;
        this.gatewayPing = gatewayPing;
        this.gatewayHolder = gatewayHolder;
        this.outboxDepth = outboxDepth;
        this.version = version;
        this.databaseTimeout = databaseTimeout;
    }

    /** JDA's name for a connected gateway. */
    public static final String CONNECTED = "CONNECTED";

    public Report check() {
        List<String> problems = new ArrayList<>();
        boolean db = databaseAnswers();
        if (!db) {
            problems.add("the database does not answer");
        }
        String discord = safely(discordStatus, "UNKNOWN");
        boolean holder = safely(gatewayHolder::getAsBoolean, true);
        if (holder && !CONNECTED.equals(discord)) {
            problems.add("the Discord gateway is " + discord);
        }
        Integer depth = null;
        if (db) {
            try {
                depth = outboxDepth.getAsInt();
            } catch (RuntimeException e) {
                // The database went away between the two questions; the next check says so.
            }
        }
        long ping = safely(gatewayPing::getAsLong, -1L);
        return new Report(problems.isEmpty(), db, discord, ping, holder, depth, version, List.copyOf(problems));
    }

    private boolean databaseAnswers() {
        CompletableFuture<Boolean> probe;
        synchronized (this) {
            // One question at a time: checks that come while the database is slow wait for the same answer.
            if (pending == null || pending.isDone()) {
                pending = CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return database.answers();
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        prober);
            }
            probe = pending;
        }
        try {
            return probe.get(databaseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static <T> T safely(Supplier<T> s, T otherwise) {
        try {
            T v = s.get();
            return v == null ? otherwise : v;
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
