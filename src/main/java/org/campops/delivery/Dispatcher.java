package org.campops.delivery;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.campops.chat.Notifier;
import org.campops.store.Database;
import org.campops.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox rows through the {@link Notifier} transport. A row is claimed with a lease
 * (SENDING, owner, lease end), sent with the nonce of its delivery key, and marked SENT only after
 * Discord answered. Network errors, 5xx and 429 are retried with exponential backoff and jitter;
 * permanent errors are recorded (FAILED, with the reason) and not retried. Rows to the same channel
 * or member go out one after another, in order; different targets go out concurrently, paced under
 * Discord's global limit. Rows whose lease ran out (a dead process or instance) are taken over.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Tuning; {@link #defaults()} fits Discord's limits. */
    public record Settings(int threads, double requestsPerSecond, Duration pollEvery, Duration lease, int maxAttempts,
                           Duration firstRetry, Duration maxRetry) {
        public static Settings defaults() {
            return new Settings(8, 45, Duration.ofMillis(500), Duration.ofSeconds(60), 12, Duration.ofSeconds(1),
                    Duration.ofMinutes(5));
        }
    }

    private final Database db;
    private final Outbox outbox;
    private final Notifier notifier;
    private final Clock clock;
    private final Settings settings;
    private volatile DeliveryObserver observer = DeliveryObserver.NONE;
    private final String instance = UUID.randomUUID().toString().substring(0, 13);
    private final AtomicLong batches = new AtomicLong();
    private final RateGate gate;
    private final ExecutorService senders;
    private final Set<String> busyTargets = new HashSet<>();
    private final Object signal = new Object();
    private final Object done = new Object();
    private final java.util.concurrent.locks.ReentrantLock opening = new java.util.concurrent.locks.ReentrantLock(true);
    private boolean woken;
    private volatile boolean running;
    private volatile Thread poller;
    private int inFlight;

    public Dispatcher(Database db, Outbox outbox, Notifier notifier, Clock clock, Settings settings) {
        this.db = db;
        this.outbox = outbox;
        this.notifier = notifier;
        this.clock = clock;
        this.settings = settings;
        this.gate = new RateGate(settings.requestsPerSecond(), 5);
        this.senders = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "campops-delivery");
            t.setDaemon(true);
            return t;
        });
        outbox.setWake(this::wake);
        outbox.setAwaiter(this::awaitFinal);
    }

    /** Tells {@code o} about every row sent, retried or failed for good (metrics). */
    public void observe(DeliveryObserver o) {
        observer = o == null ? DeliveryObserver.NONE : o;
    }

    private void tell(Payload.Kind kind, DeliveryObserver.Result result) {
        try {
            observer.delivered(kind, result);
        } catch (RuntimeException e) {
            LOG.warn("delivery observer failed: {}", e.toString());
        }
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
            int resumed = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE outbox SET status = 'PENDING', lease_owner = NULL, lease_until = NULL WHERE status = 'SENDING'")) {
                    return ps.executeUpdate();
                }
            });
            if (resumed > 0) {
                LOG.info("resuming {} deliveries left in flight by the previous run", resumed);
            }
        }
        Map<Delivery.Status, Integer> counts = outbox.counts();
        if (counts.get(Delivery.Status.PENDING) > 0) {
            LOG.info("{} deliveries waiting to be sent", counts.get(Delivery.Status.PENDING));
        }
        // The instance id prefixes the lease_owner of the rows this process claims (which instance holds what).
        LOG.info("outbox dispatcher {} started (lease {} s)", instance, settings.lease().toSeconds());
        running = true;
        poller = new Thread(this::loop, "campops-outbox");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * For the one instance that sends (on PostgreSQL, the Discord gateway holder): rows other dispatchers left in
     * flight (SENDING under their lease) are made due again at once instead of when their lease ends. Call it only
     * when no other dispatcher can still be sending them, e.g. after taking over the gateway from a dead or stepped
     * down holder; a row that did go out is sent again with the same nonce, and Discord returns the earlier message.
     * Returns how many rows were resumed.
     */
    public int resumeLeftInFlight() {
        int resumed = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'PENDING', lease_owner = NULL,"
                    + " lease_until = NULL, next_attempt_at = ? WHERE status = 'SENDING'"
                    + " AND (lease_owner IS NULL OR lease_owner NOT LIKE ?)")) {
                Jdbc.setInstant(ps, 1, clock.instant());
                ps.setString(2, instance + "-%");
                return ps.executeUpdate();
            }
        });
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
        if (stopping != null) {
            try {
                stopping.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("outbox dispatcher {} paused", instance);
    }

    /** Whether the poller is claiming rows (started and not paused or closed). */
    public boolean running() {
        return running;
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
        Map<String, List<Long>> byTarget = new LinkedHashMap<>();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, target FROM outbox WHERE (status = 'PENDING' AND next_attempt_at <= ?)"
                            + " OR (status = 'SENDING' AND lease_until < ?) ORDER BY id FETCH FIRST 500 ROWS ONLY")) {
                Jdbc.setInstant(ps, 1, now);
                Jdbc.setInstant(ps, 2, now);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byTarget.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(1));
                    }
                }
            }
            return null;
        });
        List<Long> wanted = new ArrayList<>();
        synchronized (busyTargets) {
            byTarget.entrySet().removeIf(e -> busyTargets.contains(e.getKey()));
            byTarget.values().forEach(wanted::addAll);
        }
        if (wanted.isEmpty()) {
            return;
        }
        String token = instance + "-" + batches.incrementAndGet();
        Instant leaseEnd = now.plus(settings.lease());
        List<Delivery> claimed = db.inTransaction(c -> {
            for (int from = 0; from < wanted.size(); from += 100) {
                List<Long> chunk = wanted.subList(from, Math.min(wanted.size(), from + 100));
                String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'SENDING', lease_owner = ?,"
                        + " lease_until = ?, attempts = attempts + 1 WHERE id IN (" + in + ") AND ((status = 'PENDING'"
                        + " AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?))")) {
                    int i = 1;
                    ps.setString(i++, token);
                    Jdbc.setInstant(ps, i++, leaseEnd);
                    for (Long id : chunk) {
                        ps.setLong(i++, id);
                    }
                    Jdbc.setInstant(ps, i++, now);
                    Jdbc.setInstant(ps, i, now);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM outbox WHERE lease_owner = ? AND status = 'SENDING' ORDER BY id")) {
                ps.setString(1, token);
                return Outbox.read(ps);
            }
        });
        Map<String, List<Delivery>> groups = new LinkedHashMap<>();
        for (Delivery d : claimed) {
            groups.computeIfAbsent(d.target(), k -> new ArrayList<>()).add(d);
        }
        synchronized (busyTargets) {
            busyTargets.addAll(groups.keySet());
        }
        synchronized (done) {
            inFlight += groups.size();
        }
        for (Map.Entry<String, List<Delivery>> g : groups.entrySet()) {
            senders.execute(() -> sendGroup(g.getKey(), g.getValue(), token));
        }
    }

    private void sendGroup(String target, List<Delivery> rows, String token) {
        try {
            for (Delivery d : rows) {
                sendOne(d, token);
            }
        } finally {
            synchronized (busyTargets) {
                busyTargets.remove(target);
            }
            synchronized (done) {
                inFlight--;
                done.notifyAll();
            }
            wake();
        }
    }

    private void sendOne(Delivery d, String token) {
        String result;
        try {
            if (d.payload().kind() == Payload.Kind.DM) {
                openDmChannel(d.payload().target());
            }
            gate.acquire(requests(d));
            result = deliver(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(d, token, "interrupted while sending (shutdown)");
            return;
        } catch (Notifier.DeliveryFailure e) {
            if (e.permanent()) {
                fail(d, token, e.getMessage());
            } else {
                retry(d, token, e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            retry(d, token, e.toString());
            return;
        }
        try {
            markSent(d, token, result);
        } catch (RuntimeException e) {
            // Discord has it (a resend carries the same nonce), but recording it failed: try again later.
            LOG.warn("delivery {} went out but could not be recorded: {}", d.key(), e.toString());
            try {
                retry(d, token, "sent, not recorded: " + e);
            } catch (RuntimeException again) {
                LOG.warn("delivery {} stays in flight until its lease ends: {}", d.key(), again.toString());
            }
        }
    }

    /**
     * A member's first DM opens the DM channel first, a request of its own: it takes its own permit, right
     * before it is sent, and one opening runs at a time. JDA sends them one after another anyway (one rate
     * limit bucket for every member); permits taken while several wait in JDA's queue would let them out
     * in a bunch, above the pace, when the queue drains.
     */
    private void openDmChannel(String userId) throws InterruptedException {
        if (!notifier.dmNeedsChannel(userId)) {
            return;
        }
        opening.lockInterruptibly();
        try {
            if (notifier.dmNeedsChannel(userId)) {
                gate.acquire(1);
                notifier.openDm(userId);
            }
        } finally {
            opening.unlock();
        }
    }

    /** How many REST requests a row will take, roughly (a long text is split into several messages). */
    private static int requests(Delivery d) {
        Payload p = d.payload();
        String text = p.text() != null ? p.text() : p.reply() != null ? p.reply().text() : "";
        return Math.max(1, (text == null ? 0 : text.length()) / org.campops.chat.Texts.MAX_MESSAGE + 1);
    }

    private String deliver(Delivery d) {
        Payload p = d.payload();
        String nonce = Outbox.nonce(d.key());
        return switch (p.kind()) {
            case POST -> {
                notifier.post(p.target(), p.text(), Set.copyOf(p.mentions()), nonce);
                yield null;
            }
            case DM -> {
                notifier.dm(p.target(), p.text(), nonce);
                yield null;
            }
            case SEND -> notifier.send(p.target(), p.reply(), nonce);
            case EDIT -> {
                notifier.edit(p.target(), p.messageId(), p.reply());
                yield null;
            }
            case THREAD -> {
                Optional<Notifier.StartedThread> earlier = d.attempts() > 1
                        ? notifier.findStartedThread(p.target(), p.title(), d.createdAt()) : Optional.empty();
                Notifier.StartedThread t = earlier.orElseGet(
                        () -> notifier.startThread(p.target(), p.title(), p.reply(), p.tags(), nonce));
                yield Outbox.toJson(t);
            }
            case TAGS -> {
                notifier.setTags(p.target(), p.tags());
                yield null;
            }
            case EVENT_CREATE -> notifier.createEvent(p.event());
            case EVENT_UPDATE -> {
                notifier.updateEvent(p.target(), p.event());
                yield null;
            }
            case EVENT_CANCEL -> {
                notifier.cancelEvent(p.target());
                yield null;
            }
            case CHANNEL_CREATE -> {
                // No nonce for channels: a create that went through before its answer was lost is found by name.
                Notifier.PrivateChannel spec = p.channel();
                yield notifier.findPrivateChannel(spec.name(), spec.categoryId())
                        .orElseGet(() -> notifier.createPrivateChannel(spec));
            }
            case ACCESS -> {
                // A retried change must not undo a later one that went out while it waited: the latest wins.
                Optional<String> later = outbox.laterAccessChange(d);
                if (later.isPresent()) {
                    LOG.info("delivery {} not sent: {} changes the same access later", d.key(), later.get());
                    yield "superseded by " + later.get();
                }
                notifier.setMemberAccess(p.target(), p.userId(), Boolean.TRUE.equals(p.allowed()));
                yield null;
            }
        };
    }

    private void markSent(Delivery d, String token, String result) {
        Instant now = clock.instant();
        Optional<Outbox.SentHandler> handler = outbox.handler(d.onSent());
        boolean mine = db.inTransaction(c -> {
            boolean updated = Jdbc.updateOne(c, "UPDATE outbox SET status = 'SENT', result = ?, sent_at = ?, last_error = NULL,"
                    + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", result, now, d.id(), token);
            if (updated && handler.isPresent()) {
                handler.get().onSent(c, Outbox.ref(d.onSent()), d, result);
            }
            return updated;
        });
        if (mine && handler.isPresent()) {
            try {
                handler.get().afterSent(Outbox.ref(d.onSent()), d, result);
            } catch (RuntimeException e) {
                LOG.warn("after delivery {}: {}", d.key(), e.toString());
            }
        }
        LOG.debug("delivered {}", d.key());
        if (mine) {
            tell(d.payload().kind(), DeliveryObserver.Result.SENT);
        }
        signalDone();
    }

    private void retry(Delivery d, String token, String error) {
        if (d.attempts() >= settings.maxAttempts()) {
            fail(d, token, "gave up after " + d.attempts() + " attempts: " + error);
            return;
        }
        long base = settings.firstRetry().toMillis() << Math.min(20, d.attempts() - 1);
        long capped = Math.min(base, settings.maxRetry().toMillis());
        long delay = (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble()));
        Instant next = clock.instant().plusMillis(delay).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        LOG.info("delivery {} failed (attempt {}), retrying in {} ms: {}", d.key(), d.attempts(), delay, error);
        db.inTransaction(c -> Jdbc.updateOne(c, "UPDATE outbox SET status = 'PENDING', next_attempt_at = ?, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", next, clip(error), d.id(), token));
        tell(d.payload().kind(), DeliveryObserver.Result.RETRIED);
        signalDone();
    }

    /** Gives a row back untouched (shutdown while it waited for its turn). */
    private void release(Delivery d, String token, String why) {
        db.inTransaction(c -> Jdbc.updateOne(c, "UPDATE outbox SET status = 'PENDING', attempts = attempts - 1, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", why, d.id(), token));
    }

    private void fail(Delivery d, String token, String error) {
        LOG.warn("delivery {} failed for good: {}", d.key(), error);
        Optional<Outbox.SentHandler> handler = outbox.handler(d.onSent());
        boolean mine = db.inTransaction(c -> {
            boolean updated = Jdbc.updateOne(c, "UPDATE outbox SET status = 'FAILED', last_error = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND lease_owner = ?", clip(error), d.id(), token);
            if (updated && handler.isPresent()) {
                handler.get().onFailed(c, Outbox.ref(d.onSent()), d, error);
            }
            return updated;
        });
        if (mine) {
            tell(d.payload().kind(), DeliveryObserver.Result.FAILED);
        }
        signalDone();
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 499) + "…" : s;
    }

    private void signalDone() {
        synchronized (done) {
            done.notifyAll();
        }
    }

    /**
     * Waits until the row of {@code key} is SENT or FAILED; empty when it is not final by then (it is
     * stored and will still go out).
     */
    public Optional<Delivery> awaitFinal(String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Delivery> d = outbox.find(key);
            if (d.isPresent() && (d.get().status() == Delivery.Status.SENT || d.get().status() == Delivery.Status.FAILED)) {
                return d;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            synchronized (done) {
                done.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /**
     * Keeps sending for at most {@code timeout} until nothing due is left and nothing is in flight;
     * returns how many rows were still unsent.
     */
    public int drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        wake();
        while (System.nanoTime() < deadline) {
            int due = dueCount();
            synchronized (done) {
                if (due == 0 && inFlight == 0) {
                    return unsentCount();
                }
                done.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 100)));
            }
        }
        return unsentCount();
    }

    private int dueCount() {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE (status = 'PENDING'"
                    + " AND next_attempt_at <= ?) OR status = 'SENDING'")) {
                Jdbc.setInstant(ps, 1, now);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private int unsentCount() {
        Map<Delivery.Status, Integer> counts = outbox.counts();
        return counts.get(Delivery.Status.PENDING) + counts.get(Delivery.Status.SENDING);
    }

    private boolean closed;

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
        if (poller != null) {
            try {
                poller.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
            int left = unsentCount();
            if (left > 0) {
                LOG.warn("{} deliveries not sent yet; they go out at the next start", left);
            }
        } catch (RuntimeException e) {
            // The store may be closing too; nothing more to say.
        }
    }
}
