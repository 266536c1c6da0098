package org.campops.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, with a deadline, for a state that stays once reached: rows in a database, lines in a
 * process's log, a counter at its target. Such states have no event to wait on from outside the
 * process that makes them, so the condition is re-checked every few milliseconds; never use this for
 * a short-lived state (it could be missed). For the fake Discord's own state, use
 * {@code FakeDiscord.await}, which wakes on each request it records.
 */
public final class Await {
    private static final long RECHECK_MILLIS = 10;

    private Await() {}

    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what)
            throws InterruptedException {
        until(condition, timeout, what, RECHECK_MILLIS);
    }

    /** The same, re-checking every {@code recheckMillis} (for a condition that is costly to check). */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what, long recheckMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
            }
            Thread.sleep(recheckMillis);
        }
    }
}
