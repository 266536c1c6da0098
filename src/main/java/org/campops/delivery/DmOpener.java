package org.campops.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.campops.chat.Notifier;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens members' DM channels ahead of need (the wishes {@link Outbox#expectDm} stored), so the first fan-out of a camp
 * is one request per DM instead of two. A background thread of the sending instance, started and stopped with the
 * {@link Dispatcher}: it works only while no row is being sent and no member's command was handled for a second
 * ({@link #commandHandled}), takes only spare permits of the dispatcher's pace
 * ({@link PayloadSender#openAhead}) and no more than {@link #SHARE} of it, and starts on a wish {@link #SETTLE} after it
 * was written (a burst of commands is acknowledged first). A failure that a retry may fix is tried again later
 * (backoff); a member Discord refuses, or one tried {@link #MAX_ATTEMPTS} times, is left to the first send, which opens
 * the channel as it always did.
 */
final class DmOpener {
    private static final Logger LOG = LoggerFactory.getLogger(DmOpener.class);

    /** How long a wish waits before it is worked on. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** The part of the dispatcher's pace the openings may use at most. */
    static final double SHARE = 1.0 / 3;

    static final int MAX_ATTEMPTS = 8;
    /** Wishes written by another process (an import on a shared database) are seen within this. */
    private static final Duration POLL = Duration.ofSeconds(10);
    /** How soon to look again while rows are being sent or members' commands are being answered. */
    private static final Duration BUSY = Duration.ofMillis(250);
    /** Openings wait until no member's command was handled for this long (a burst of commands is answered first). */
    static final Duration COMMANDS_QUIET = Duration.ofSeconds(1);

    private static final int BATCH = 50;

    private final Database db;
    private final PayloadSender sender;
    private final BooleanSupplier idle;
    private final Clock clock;
    private final RateGate pace;
    private final Object signal = new Object();
    private boolean woken;
    private volatile @Nullable Thread thread;
    private final AtomicLong opened = new AtomicLong();
    /** Wishes handed over by {@link #want}, not yet written. */
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    /** Whether a {@link #want} woke the thread since the wishes were last taken. */
    private final AtomicBoolean wakeAsked = new AtomicBoolean();

    private volatile long lastCommandNanos = System.nanoTime() - COMMANDS_QUIET.toNanos();

    DmOpener(Database db, PayloadSender sender, BooleanSupplier idle, Clock clock, double requestsPerSecond) {
        this.db = db;
        this.sender = sender;
        this.idle = idle;
        this.clock = clock;
        this.pace = new RateGate(Math.max(1, requestsPerSecond * SHARE), 1);
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, "campops-dm-opener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Stops after the opening under way, if any (waits for it briefly; it is harmless if it ends later), and writes
     * the wishes still in memory, so the next start opens them.
     */
    void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        wake();
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flushPending();
        } catch (RuntimeException e) {
            LOG.warn("{} DM channel wishes not kept ({}): opened with the first DM", pending.size(), e.toString());
        }
    }

    /** Whether the opener's thread runs (between {@link #start} and {@link #stop}). */
    boolean running() {
        return thread != null;
    }

    /**
     * A wish handed over after its command's commit ({@link Outbox#expectDm}): kept in memory and written to {@code
     * dm_channel_wanted} in one transaction once commands are quiet, or at {@link #stop}.
     */
    void want(String userId) {
        pending.add(userId);
        // One wake until the wishes are taken: during a burst the thread looks again on its own every BUSY, so
        // it is not switched to (and back from) once per command.
        if (!wakeAsked.getAndSet(true)) {
            wake();
        }
    }

    /** Writes the wishes handed over in memory to {@code dm_channel_wanted} (one transaction). */
    void flushPending() {
        wakeAsked.set(false); // before taking them: a wish added after this asks for a wake again
        if (pending.isEmpty()) {
            return;
        }
        List<String> users = new ArrayList<>();
        for (String u; (u = pending.poll()) != null; ) {
            users.add(u);
        }
        Instant now = clock.instant();
        try {
            db.inTransaction(c -> {
                for (String u : users) {
                    DmWishRepository.want(c, u, now, now);
                }
                return null;
            });
        } catch (RuntimeException e) {
            pending.addAll(users); // written with the next flush
            throw e;
        }
    }

    /** Looks for wishes now (a commit stored one). */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** A member's command was just handled: openings wait until commands have been quiet for {@link #COMMANDS_QUIET}. */
    void commandHandled() {
        lastCommandNanos = System.nanoTime();
    }

    /** Nothing is being sent and no command was handled lately: spare request budget and CPU for openings. */
    private boolean idle() {
        return System.nanoTime() - lastCommandNanos >= COMMANDS_QUIET.toNanos() && idle.getAsBoolean();
    }

    /** DM channels this opener opened since it was made. */
    long opened() {
        return opened.get();
    }

    private boolean mine() {
        return thread == Thread.currentThread();
    }

    private void loop() {
        while (mine()) {
            Duration wait;
            try {
                wait = idle() ? openDue() : BUSY;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("opening DM channels ahead of need failed, trying again: {}", e.toString());
                wait = POLL;
            }
            try {
                synchronized (signal) {
                    if (!woken && mine() && !wait.isZero()) {
                        signal.wait(Math.max(1, wait.toMillis()));
                    }
                    woken = false;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Opens what is due while nothing is being sent; returns how long to wait before looking again. */
    Duration openDue() throws InterruptedException {
        flushPending();
        Instant now = clock.instant();
        List<DmWishRepository.Wish> due = db.inTransaction(c -> DmWishRepository.due(c, now, BATCH));
        for (DmWishRepository.Wish w : due) {
            if (!mine() || !idle()) {
                return BUSY;
            }
            pace.acquire(1);
            if (!openOne(w)) {
                return BUSY;
            }
        }
        if (!due.isEmpty()) {
            return Duration.ZERO;
        }
        Optional<Instant> next = db.inTransaction(DmWishRepository::nextDue);
        if (next.isEmpty()) {
            return POLL;
        }
        Duration until = Duration.between(clock.instant(), next.get());
        return until.isNegative() ? Duration.ZERO : until.compareTo(POLL) > 0 ? POLL : until;
    }

    /** False when there was no spare request for it now. */
    private boolean openOne(DmWishRepository.Wish w) {
        PayloadSender.Ahead result;
        try {
            result = sender.openAhead(w.userId());
        } catch (Notifier.DeliveryFailure e) {
            failed(w, e.getMessage(), e.permanent());
            return true;
        } catch (RuntimeException e) {
            failed(w, e.toString(), false);
            return true;
        }
        if (result == PayloadSender.Ahead.BUSY) {
            return false;
        }
        if (result == PayloadSender.Ahead.OPENED) {
            opened.incrementAndGet();
            LOG.debug("DM channel of {} opened ahead of need", w.userId());
        }
        db.inTransaction(c -> DmWishRepository.done(c, w.userId()));
        return true;
    }

    private void failed(DmWishRepository.Wish w, @Nullable String error, boolean permanent) {
        if (permanent || w.attempts() + 1 >= MAX_ATTEMPTS) {
            LOG.info(
                    "DM channel of {} not opened ahead of need ({}): it is opened with the first DM",
                    w.userId(),
                    error);
            db.inTransaction(c -> DmWishRepository.done(c, w.userId()));
            return;
        }
        Duration backoff = Duration.ofSeconds(Math.min(300, 5L << Math.min(6, w.attempts())));
        LOG.debug("DM channel of {} not opened ahead of need ({}): again in {}", w.userId(), error, backoff);
        db.inTransaction(
                c -> DmWishRepository.later(c, w.userId(), clock.instant().plus(backoff)));
    }
}
