package org.campops.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numeric ids shaped like Discord's snowflakes (19 digits today) for the posts, threads, messages and
 * events the console invents. Like Discord's: milliseconds since 2015-01-01 in the high bits, then a
 * process part and a sequence in the low 22 bits. The process part is random, and ids only grow, so
 * ids stay unique within a process, across consecutive processes on one database (the clock has moved
 * on), and almost surely between two processes started in the same millisecond.
 */
final class SnowflakeIds {
    /** Discord's epoch, 2015-01-01T00:00:00Z. */
    static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;

    private static final int LOW_BITS = 22;
    private static final int SEQUENCE_BITS = 12;

    private final Clock clock;
    private final long processPart;
    private final AtomicLong last = new AtomicLong();

    SnowflakeIds(Clock clock) {
        this(clock, new SecureRandom().nextInt(1 << (LOW_BITS - SEQUENCE_BITS)));
    }

    /** {@code process} is 0-1023; tests pick it, the console draws it at random. */
    SnowflakeIds(Clock clock, int process) {
        if (process < 0 || process >= 1 << (LOW_BITS - SEQUENCE_BITS)) {
            throw new IllegalArgumentException("process part out of range: " + process);
        }
        this.clock = clock;
        this.processPart = (long) process << SEQUENCE_BITS;
    }

    String next() {
        long millis = Math.max(0, clock.millis() - DISCORD_EPOCH_MILLIS);
        long fromClock = millis << LOW_BITS | processPart;
        return Long.toString(last.updateAndGet(prev -> Math.max(prev + 1, fromClock)));
    }
}
