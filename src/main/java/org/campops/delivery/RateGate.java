package org.campops.delivery;

import java.util.concurrent.TimeUnit;

/**
 * Paces requests under a rate (Discord's global limit is 50 requests/s per bot): permits refill
 * evenly, with a small burst. {@link #acquire} blocks until a permit is free.
 *
 * <p>Besides the even pace, no more than {@code perSecond} permits are handed out within any
 * rolling second, counted when they are handed out: threads that slept past their turn (a busy
 * CPU, a GC pause) would otherwise all go at once when they wake, and the second after such a
 * pause would see the pace plus everything that was due during the pause.
 */
final class RateGate {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final long intervalNanos;
    private final long burstNanos;
    private long next;
    /** When the last {@code recent.length} permits were handed out (a ring; {@code head} is the oldest). */
    private final long[] recent;

    private int head;
    /** Guards {@code recent} and {@code head}; held while a caller waits for room in the rolling second. */
    private final java.util.concurrent.locks.ReentrantLock window = new java.util.concurrent.locks.ReentrantLock();

    private final Ticks ticks;

    /** The gate's time: the system's monotonic clock, or a test's. */
    interface Ticks {
        Ticks SYSTEM = new Ticks() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };

        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }

    RateGate(double perSecond, int burst) {
        this(perSecond, burst, Ticks.SYSTEM);
    }

    RateGate(double perSecond, int burst, Ticks ticks) {
        this.ticks = ticks;
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.burstNanos = intervalNanos * Math.max(0, burst - 1);
        this.next = ticks.nanoTime() - burstNanos;
        this.recent = new long[Math.max(1, (int) Math.floor(perSecond))];
        java.util.Arrays.fill(recent, ticks.nanoTime() - SECOND);
    }

    void acquire(int permits) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = ticks.nanoTime();
            if (next < now - burstNanos) {
                next = now - burstNanos;
            }
            wait = next - now;
            next += intervalNanos * Math.max(1, permits);
        }
        if (wait > 0) {
            ticks.sleep(wait);
        }
        takeWindow(permits);
    }

    /**
     * Takes one permit only when it is spare (background work that must not hold up the callers of {@link #acquire}):
     * nobody has a permit reserved ahead of now, nobody waits for room in the rolling second, and it has room. Never
     * waits; false when there is no spare permit now.
     */
    boolean tryAcquireSpare() {
        if (!window.tryLock()) {
            return false;
        }
        try {
            long now = ticks.nanoTime();
            if (recent[head] + SECOND > now) {
                return false;
            }
            synchronized (this) {
                if (next > now) {
                    return false;
                }
                if (next < now - burstNanos) {
                    next = now - burstNanos;
                }
                next += intervalNanos;
            }
            recent[head] = now;
            head = (head + 1) % recent.length;
            return true;
        } finally {
            window.unlock();
        }
    }

    private void takeWindow(int permits) throws InterruptedException {
        window.lockInterruptibly();
        try {
            for (int i = 0; i < Math.max(1, permits); i++) {
                while (true) {
                    long now = ticks.nanoTime();
                    long free = recent[head] + SECOND - now;
                    if (free <= 0) {
                        recent[head] = now;
                        head = (head + 1) % recent.length;
                        break;
                    }
                    ticks.sleep(free);
                }
            }
        } finally {
            window.unlock();
        }
    }
}
