package org.campops.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the outbox keeps what the bot said (Zoom links, DMs): the payload of a SENT row is cleared once it was
 * sent longer than {@code keep} ago ({@code retention.sentDays}); a FAILED row keeps its payload until an organizer
 * was shown it by {@code /status}, and is cleared {@code keep} after that. Clearing replaces the payload with
 * {@link Payload#withoutContent()} (what it was and where it went) and stamps {@code payload_cleared_at}; the row and
 * its delivery key stay, so a re-fired moment still stores nothing twice. Nothing reads a finished row's content
 * again: only {@code /status} describes failed rows, by their kind and target.
 *
 * <p>The dispatcher's poller runs {@link #maybeRun()} after each poll, so only the instance that sends does the work,
 * at most once an hour. Each batch is one transaction whose updates only touch rows not yet cleared, so two
 * instances (or a run interrupted half-way) clear each row once and never undo anything.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** How often the clean-up runs on the sending instance. */
    public static final Duration EVERY = Duration.ofHours(1);

    static final int BATCH = 500;

    private final Database db;
    private final Clock clock;
    private final Duration keep;
    private Instant nextRun = Instant.MIN;

    /** {@code clock} is the one the outbox stamps {@code sent_at} and {@code failure_seen_at} with (the wall clock). */
    public Retention(Database db, Clock clock, Duration keep) {
        this.db = db;
        this.clock = clock;
        this.keep = keep;
    }

    /** Clears what is due when an hour has passed since this instance last did (at once the first time); never throws. */
    public synchronized void maybeRun() {
        Instant now = clock.instant();
        if (now.isBefore(nextRun)) {
            return;
        }
        nextRun = now.plus(EVERY);
        try {
            int cleared = clearOnce();
            if (cleared > 0) {
                LOG.info("retention: cleared the content of {} finished outbox rows", cleared);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention: clearing old outbox content failed, trying again in {}: {}", EVERY, e.toString());
        }
    }

    /** Clears every row due now, in batches; returns how many rows this call cleared. */
    public int clearOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(keep);
        int total = 0;
        while (true) {
            int[] batch = db.inTransaction(c -> clearBatch(c, cutoff, now));
            total += batch[1];
            if (batch[0] < BATCH) {
                return total;
            }
        }
    }

    /** One batch: how many rows were due and how many of them this transaction cleared. */
    private static int[] clearBatch(Handle c, Instant cutoff, Instant now) {
        List<OutboxRepository.Finished> due = OutboxRepository.finishedBefore(c, cutoff, BATCH);
        int cleared = 0;
        for (OutboxRepository.Finished r : due) {
            cleared += OutboxRepository.clear(c, r.id(), Outbox.toJson(cleared(r)), now);
        }
        return new int[] {due.size(), cleared};
    }

    // An unreadable row keeps only its kind, its target null as before: the row is never sent again.
    @SuppressWarnings("NullAway")
    private static Payload cleared(OutboxRepository.Finished r) {
        try {
            return Outbox.fromJson(r.payload(), Payload.class).withoutContent();
        } catch (RuntimeException e) {
            // Unreadable: keep only the kind the row's column says.
            return new Payload(
                    Payload.Kind.valueOf(r.kind()),
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }
}
