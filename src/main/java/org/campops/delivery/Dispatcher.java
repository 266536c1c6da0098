package org.campops.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.campops.chat.Notifier;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox rows through the {@link Notifier} transport. A row is claimed with a lease
 * (SENDING, owner, lease end: {@link Leases}), sent with the nonce of its delivery key
 * ({@link PayloadSender}, one target's rows in order by {@link GroupSender}), and marked SENT only after
 * Discord answered. Network errors, 5xx and 429
 * are retried with exponential backoff and jitter ({@link Backoff}); permanent errors are recorded
 * (FAILED, with the reason) and not retried. Rows to the same channel or member go out one after
 * another, in order; different targets go out concurrently, paced under Discord's global limit. A row that
 * starts a new thread (a forum post) is a target of its own ({@link Delivery#target()}): new threads in one
 * forum go out concurrently, at most half the sender threads at once.
 * Rows whose lease ran out (a dead process or instance) are taken over. Callers wait for rows
 * through {@link #awaitFinal} and {@link #drain} ({@link InFlight}); the {@link DeliveryObserver}
 * hears of every outcome ({@link Leases}).
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Tuning; {@link #defaults()} fits Discord's limits. */
    public record Settings(
            int threads,
            double requestsPerSecond,
            Duration pollEvery,
            Duration lease,
            int maxAttempts,
            Duration firstRetry,
            Duration maxRetry) {
        public static Settings defaults() {
            return new Settings(
                    8,
                    45,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(60),
                    12,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5));
        }
    }

    private final Database db;
    private final Outbox outbox;
    private final Clock clock;
    private final Settings settings;
    private final String instance = UUID.randomUUID().toString().substring(0, 13);
    private final AtomicLong batches = new AtomicLong();
    private final Leases leases;
    private final InFlight inFlight;
    private final GroupSender groups;
    private final DmOpener dmOpener;
    private final ExecutorService senders;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile @Nullable Thread poller;
    private boolean closed;
    /** Work the poller does after each poll ({@link Retention}): cheap when there is nothing to do, never throws. */
    private volatile Runnable housekeeping = () -> {};

    public Dispatcher(Database db, Outbox outbox, Notifier notifier, Clock clock, Settings settings) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
        this.leases =
                new Leases(db, outbox, new Backoff(settings.maxAttempts(), settings.firstRetry(), settings.maxRetry()));
        this.inFlight = new InFlight(outbox, leases, clock, settings.threads() / 2);
        PayloadSender sender = new PayloadSender(notifier, outbox, settings.requestsPerSecond());
        this.groups = new GroupSender(sender, leases, inFlight, clock, this::wake);
        this.dmOpener = new DmOpener(db, sender, inFlight::idle, clock, settings.requestsPerSecond());
        this.senders = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "campops-delivery");
            t.setDaemon(true);
            return t;
        });
        outbox.setWake(this::wake);
        outbox.setDmOpener(dmOpener);
        outbox.setAwaiter(this::awaitFinal);
    }

    /**
     * Starts sending. On H2 (one process per database file) rows left SENDING by a previous process
     * are resumed at once; on PostgreSQL another instance may hold them, so they are taken over when
     * their lease ends.
     */
    public synchronized void start() {
        if (running || closed) {
            return;
        }
        if (db.vendor() == Database.Vendor.H2) {
            int resumed = leases.resumeAll();
            if (resumed > 0) {
                LOG.info("resuming {} deliveries left in flight by the previous run", resumed);
            }
        }
        Map<Delivery.Status, Integer> counts = outbox.counts();
        if (counts.getOrDefault(Delivery.Status.PENDING, 0) > 0) {
            LOG.info("{} deliveries waiting to be sent", counts.get(Delivery.Status.PENDING));
        }
        // The instance id prefixes the lease_owner of the rows this process claims (which instance holds what).
        LOG.info(
                "outbox dispatcher {} started (lease {} s)",
                instance,
                settings.lease().toSeconds());
        running = true;
        poller = new Thread(this::loop, "campops-outbox");
        poller.setDaemon(true);
        poller.start();
        dmOpener.start();
    }

    /** Tells {@code o} about every row sent, retried or failed for good (metrics). */
    public void observe(DeliveryObserver o) {
        leases.observe(o);
    }

    /**
     * For the one instance that sends (on PostgreSQL, the Discord gateway holder): rows other dispatchers left in
     * flight (SENDING under their lease) are made due again at once instead of when their lease ends. Call it only
     * when no other dispatcher can still be sending them, e.g. after taking over the gateway from a dead or stepped
     * down holder; a row that did go out is sent again with the same nonce, and Discord returns the earlier message.
     * Returns how many rows were resumed.
     */
    public int resumeLeftInFlight() {
        int resumed = leases.resumeOthers(instance + "-", clock.instant());
        if (resumed > 0) {
            LOG.info("resuming {} deliveries another instance left in flight", resumed);
        }
        return resumed;
    }

    /**
     * Stops claiming rows until {@link #start()} is called again (this instance no longer sends: it lost the Discord
     * gateway). Groups already handed to the senders finish or fail on their own; rows not claimed stay for whoever
     * sends next.
     */
    public void pause() {
        Thread stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = poller;
            poller = null;
        }
        wake();
        join(stopping);
        dmOpener.stop();
        LOG.info("outbox dispatcher {} paused", instance);
    }

    /** Whether the poller is claiming rows (started and not paused or closed). */
    public boolean running() {
        return running;
    }

    /** Has the poller run {@code work} after each poll (only the instance that sends does it). */
    public void housekeeping(Runnable work) {
        this.housekeeping = work;
    }

    /** Makes the poller look for rows now (called after a commit that queued some). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        // A poller that was paused and replaced (its join timed out) ends at its next turn.
        while (running && poller == Thread.currentThread()) {
            try {
                dispatchOnce();
                housekeeping.run();
                synchronized (signal) {
                    // Finished groups and new commits wake the poller; the poll interval catches retries coming due.
                    if (!woken && running) {
                        signal.wait(settings.pollEvery().toMillis());
                    }
                    woken = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("outbox poll failed, trying again: {}", e.toString());
                try {
                    Thread.sleep(settings.pollEvery().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims what is due (skipping targets already being sent to) and hands it to the senders. */
    private void dispatchOnce() {
        Instant now = clock.instant();
        List<Long> wanted = inFlight.notBusy(leases.due(now));
        if (wanted.isEmpty()) {
            return;
        }
        String token = instance + "-" + batches.incrementAndGet();
        List<Delivery> claimed = leases.claim(wanted, token, now, now.plus(settings.lease()));
        Map<String, List<Delivery>> byTarget = new LinkedHashMap<>();
        for (Delivery d : claimed) {
            byTarget.computeIfAbsent(d.target(), k -> new ArrayList<>()).add(d);
        }
        inFlight.started(byTarget.keySet());
        for (Map.Entry<String, List<Delivery>> g : byTarget.entrySet()) {
            senders.execute(() -> groups.send(g.getKey(), g.getValue(), token));
        }
    }

    /**
     * Waits until the row of {@code key} is SENT or FAILED; empty when it is not final by then (it is
     * stored and will still go out).
     */
    public Optional<Delivery> awaitFinal(String key, Duration timeout) throws InterruptedException {
        return inFlight.awaitFinal(key, timeout);
    }

    /**
     * Keeps sending for at most {@code timeout} until nothing due is left and nothing is in flight;
     * returns how many rows were still unsent.
     */
    public int drain(Duration timeout) throws InterruptedException {
        return inFlight.drain(timeout, this::wake);
    }

    /**
     * Stops claiming, lets rows in flight finish (briefly: an orderly stop has drained first), and says
     * what is left for the next start. A sender still blocked in a request then is left behind (its
     * row stays in flight and is resumed at the next start). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        wake();
        join(poller);
        dmOpener.stop();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(3, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        }
        try {
            int left = leases.unsent();
            if (left > 0) {
                LOG.warn("{} deliveries not sent yet; they go out at the next start", left);
            }
        } catch (RuntimeException e) {
            // The store may be closing too; nothing more to say.
        }
    }

    private static void join(@Nullable Thread poller) {
        if (poller != null) {
            try {
                poller.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
