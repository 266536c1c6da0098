package org.campops.app;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether this instance holds the Discord gateway session: exactly one instance of a camp does at a time,
 * since Discord sends every event to every session of a token, and two sessions would handle each interaction twice.
 * The holder is whoever holds a {@link Lock}: on PostgreSQL a session-level advisory lock on a connection of its own
 * ({@link org.campops.store.SessionLock}), on H2 (one process per database file) a lock that is always held.
 *
 * <p>Why an advisory lock and not a lease row renewed on a heartbeat: PostgreSQL itself releases the lock the moment
 * the holder's session ends, so a killed holder is replaced within one retry, with no clock, no table and no
 * renewal that a pause could miss; a lease would make the survivor wait for the lease to run out. Its one weakness,
 * a holder whose host vanished without closing its socket, is covered by short TCP keepalives on that session (the
 * server drops it within about 11 s). The lock needs a direct session to PostgreSQL (a pooler in transaction mode
 * would not keep it).
 *
 * <p>Non-holders try the lock every {@link Timing#retryEvery}. The holder checks it holds it every
 * {@link Timing#checkEvery}; a check fails within the lock's timeout when the database cannot be reached, and then
 * the holder leaves the gateway at once ({@link Session#drop}) and stands by. A new holder waits {@link Timing#fence}
 * after getting the lock before it connects, longer than a live holder takes to notice it lost the lock, so two
 * instances never hold gateway sessions at the same time (unless a holder stalls longer than that, e.g. in a pause
 * of the whole JVM). It connects at once when the holder before it recorded that it left the gateway in order (an
 * orderly stop: {@link Lock#leftInOrder}, written on the lock's own session before it gives the lock back), and
 * after only the rest of the fence that began with that holder's claim when that holder ran on the same host and its
 * process has ended (killed or crashed: {@link LastHolder#wait}).
 */
final class GatewayHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHolder.class);

    /** The lock whose holder holds the gateway. */
    interface Lock {
        boolean tryAcquire();

        /** Whether this instance still holds it (false once lost, also when it cannot tell in time). */
        boolean stillHeld();

        void release();

        /**
         * Right after {@link #tryAcquire}: records this instance as the holder and returns what it learned of the holder
         * before it. Throws when it cannot record.
         */
        default LastHolder claim() {
            return LastHolder.UNKNOWN;
        }

        /** Before {@link #release}, once this instance has left the gateway in order. */
        default void leftInOrder() {}
    }

    /** What holding the gateway means for this instance. */
    interface Session {
        /** Connects to the gateway and starts sending; {@code atStart}: the process is starting. Throws when it cannot. */
        void take(boolean atStart) throws Exception;

        /** Leaves the gateway at once (the lock is lost) and stops sending. */
        void drop();
    }

    /** How often non-holders try the lock, how often the holder checks it, how long a new holder waits to connect. */
    record Timing(Duration retryEvery, Duration checkEvery, Duration fence) {
        /** With a lock timeout of 2 s, a live holder notices a lost lock within 3 s; the fence is 4 s. */
        static Timing defaults() {
            return new Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(4));
        }

        /** One instance only (H2): nothing to wait for. */
        static Timing single() {
            return new Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO);
        }
    }

    /** The lock of a single instance (H2: one process per database file), always held. */
    static Lock alwaysHeld() {
        return new Lock() {
            @Override
            public boolean tryAcquire() {
                return true;
            }

            @Override
            public boolean stillHeld() {
                return true;
            }

            @Override
            public void release() {}
        };
    }

    private final Lock lock;
    private final Session session;
    private final Timing timing;
    private final Object wakeup = new Object();
    private final AtomicLong takeovers = new AtomicLong();
    private volatile boolean holding;
    private volatile boolean closed;
    private @Nullable Thread watcher;

    GatewayHolder(Lock lock, Session session, Timing timing) {
        this.lock = lock;
        this.session = session;
        this.timing = timing;
    }

    /**
     * At start: tries the lock once; when it is free, waits the fence and takes the gateway (a failure to connect is
     * thrown, and the lock given back). Returns whether this instance now holds the gateway.
     */
    boolean takeAtStart() throws Exception {
        if (!lock.tryAcquire()) {
            return false;
        }
        LastHolder before = claimOrGiveBack("standing by");
        if (before == null) {
            return false;
        }
        try {
            Duration wait = before.wait(timing.fence());
            if (!wait.isZero() || before.ended()) {
                LOG.info("got the gateway lock: connecting to Discord in {} ms ({})", wait.toMillis(), before.why());
            }
            pause(wait);
            if (!lock.stillHeld()) {
                return false;
            }
            session.take(true);
            holding = true;
            return true;
        } catch (Exception e) {
            session.drop();
            lock.release();
            throw e;
        }
    }

    /** From now on: the holder checks its lock, a non-holder tries to get it (call after {@link #takeAtStart}). */
    synchronized void watch() {
        if (watcher != null || closed) {
            return;
        }
        watcher = new Thread(this::loop, "campops-gateway-lock");
        watcher.setDaemon(true);
        watcher.start();
    }

    boolean holding() {
        return holding;
    }

    /** How many times this instance took the gateway over after it started (not counting the start). */
    long takeovers() {
        return takeovers.get();
    }

    private void loop() {
        while (!closed) {
            try {
                if (holding) {
                    if (!lock.stillHeld()) {
                        holding = false;
                        LOG.error(
                                "this instance lost the gateway lock (its database session ended or the database does not"
                                        + " answer): leaving the Discord gateway now and standing by");
                        session.drop();
                        pause(timing.retryEvery());
                        continue;
                    }
                    pause(timing.checkEvery());
                } else if (lock.tryAcquire()) {
                    takeOver();
                } else {
                    pause(timing.retryEvery());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("gateway lock watcher: {}", e.toString());
            }
        }
    }

    private void takeOver() throws InterruptedException {
        long t0 = System.nanoTime();
        LastHolder before = claimOrGiveBack("trying again");
        if (before == null) {
            pause(timing.retryEvery());
            return;
        }
        Duration wait = before.wait(timing.fence());
        LOG.info("got the gateway lock: connecting to Discord in {} ms ({})", wait.toMillis(), before.why());
        pause(wait);
        if (closed || !lock.stillHeld()) {
            lock.release();
            return;
        }
        try {
            session.take(false);
        } catch (InterruptedException e) {
            session.drop();
            lock.release();
            throw e;
        } catch (Exception e) {
            LOG.warn(
                    "could not take over the Discord gateway, trying again in {} s: {}",
                    timing.retryEvery().toSeconds(),
                    e.toString());
            session.drop();
            lock.release();
            pause(timing.retryEvery());
            return;
        }
        holding = true;
        takeovers.incrementAndGet();
        LOG.info(
                "this instance now holds the Discord gateway (taken over {} ms after it got the lock)",
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** {@link Lock#claim}; null, with the lock given back, when it could not be recorded ({@code then}: what next). */
    private @Nullable LastHolder claimOrGiveBack(String then) {
        try {
            return lock.claim();
        } catch (RuntimeException e) {
            LOG.warn("got the gateway lock but could not record it: {} ({})", then, e.toString());
            lock.release();
            return null;
        }
    }

    private void pause(Duration d) throws InterruptedException {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (wakeup) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wakeup.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Stops watching (an orderly stop: no take-over from now on). Does not leave the gateway nor give the lock back:
     * the stop disconnects first, then calls {@link #releaseLock(boolean)}.
     */
    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            closed = true;
            w = watcher;
        }
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        if (w != null && w != Thread.currentThread()) {
            w.interrupt();
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Gives the lock back (after this instance left the gateway), so another instance can take over now: at once when
     * {@code leftInOrder} (the gateway session is known to be closed), else after the fence.
     */
    void releaseLock(boolean leftInOrder) {
        boolean was = holding;
        holding = false;
        if (was && leftInOrder) {
            lock.leftInOrder();
        }
        lock.release();
    }
}
