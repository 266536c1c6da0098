package org.campops.delivery;

/**
 * Paces requests under a rate (Discord's global limit is 50 requests/s per bot): permits refill
 * evenly, with a small burst. {@link #acquire} blocks until a permit is free.
 */
final class RateGate {
    private final long intervalNanos;
    private final long burstNanos;
    private long next;

    RateGate(double perSecond, int burst) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.burstNanos = intervalNanos * Math.max(0, burst - 1);
        this.next = System.nanoTime() - burstNanos;
    }

    void acquire(int permits) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (next < now - burstNanos) {
                next = now - burstNanos;
            }
            wait = next - now;
            next += intervalNanos * Math.max(1, permits);
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
