package org.campops.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a row that failed for now is tried again: exponential backoff from {@code first}, capped at
 * {@code max}, with jitter (half to one and a half of it) so rows that failed together do not come
 * back together; none after {@code maxAttempts}.
 */
final class Backoff {
    private final int maxAttempts;
    private final Duration first;
    private final Duration max;

    Backoff(int maxAttempts, Duration first, Duration max) {
        this.maxAttempts = maxAttempts;
        this.first = first;
        this.max = max;
    }

    /** When to try again after the {@code attempts}-th attempt failed at {@code now}; empty to give up. */
    Optional<Instant> next(int attempts, Instant now) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        long base = first.toMillis() << Math.min(20, attempts - 1);
        long capped = Math.min(base, max.toMillis());
        long delay = (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble()));
        return Optional.of(now.plusMillis(delay).truncatedTo(ChronoUnit.MILLIS));
    }
}
