package org.campops.schedule;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner thread of {@link Moments#planSoon}: rows to plan are queued and planned in batches, one Quartz
 * transaction for many, so a command is acknowledged as soon as its row is committed.
 */
final class MomentPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(MomentPlanner.class);
    /**
     * The planner waits for a pause this long in {@link #add} calls (at most {@link #PLAN_MAX_WAIT} from
     * the first, or {@link #PLAN_MAX_BATCH} rows) and then plans them all in one Quartz transaction: during a
     * burst of commands its Quartz inserts (~1.5 ms of work per row) do not compete with the acknowledgements
     * for the CPU and the database. A moment planned after its time fires at once, so a reminder due within
     * {@link #PLAN_MAX_WAIT} of being set, in a burst that long, can be up to that much late.
     */
    static final Duration PLAN_QUIET = Duration.ofMillis(100);

    /**
     * Longer than a burst of "300 members within one second" (issue 19): with 1 s, a one-second burst was planned
     * while its last commands were still being answered, and planning 300 rows (about 0.45 s of CPU and as much
     * garbage as all 300 acknowledgements, on a 2-core machine) made those the slowest (RemindAckBenchmark).
     */
    static final Duration PLAN_MAX_WAIT = Duration.ofSeconds(3);

    static final int PLAN_MAX_BATCH = 500;

    /** Plans a batch of rows (each given as a moment naming its feature and row). */
    private final Consumer<List<Moment>> planBatch;

    private final ArrayDeque<Moment> queue = new ArrayDeque<>();
    private boolean planning;
    private @Nullable Thread planner;

    MomentPlanner(Consumer<List<Moment>> planBatch) {
        this.planBatch = planBatch;
    }

    /**
     * Queues a row to plan; the planner thread starts with the first. Only the first row of a batch and a full
     * batch wake the planner: while it gathers a burst it looks again every {@link #PLAN_QUIET} on its own, so a
     * burst of commands does not switch to the planner thread and back once per command (on a 2-core machine that
     * was one more thread waiting for a CPU per acknowledgement, RemindAckBenchmark).
     */
    void add(Moment row) {
        synchronized (queue) {
            queue.add(row);
            if (queue.size() == 1 || queue.size() >= PLAN_MAX_BATCH) {
                queue.notifyAll();
            }
        }
        ensurePlanner();
    }

    /** Waits until every row handed to {@link #add} has been planned (or its batch failed). */
    boolean awaitPlanned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (queue) {
            while (!queue.isEmpty() || planning) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                queue.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private synchronized void ensurePlanner() {
        if (planner == null) {
            planner = new Thread(this::planLoop, "campops-planner");
            planner.setDaemon(true);
            planner.start();
        }
    }

    private void planLoop() {
        while (true) {
            List<Moment> rows = new ArrayList<>();
            synchronized (queue) {
                while (queue.isEmpty()) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!gatherBatch()) {
                    return;
                }
                rows.addAll(queue);
                queue.clear();
                planning = true;
            }
            try {
                planBatch.accept(rows);
            } catch (RuntimeException e) {
                LOG.warn(
                        "planning {} rows failed; they are planned again at the next start: {}",
                        rows.size(),
                        e.toString());
            } finally {
                synchronized (queue) {
                    planning = false;
                    queue.notifyAll();
                }
            }
        }
    }

    /**
     * Holding the queue's monitor: waits for the rows of a burst (see {@link #PLAN_QUIET}): until a look every
     * {@code PLAN_QUIET} finds no new row, the batch is full, or {@link #PLAN_MAX_WAIT} has passed since the first
     * row; false when interrupted.
     */
    private boolean gatherBatch() {
        long maxEnd = System.nanoTime() + PLAN_MAX_WAIT.toNanos();
        int seen = -1;
        while (queue.size() != seen && queue.size() < PLAN_MAX_BATCH && maxEnd - System.nanoTime() > 0) {
            seen = queue.size();
            long lookAt = Math.min(System.nanoTime() + PLAN_QUIET.toNanos(), maxEnd);
            long left;
            while (queue.size() < PLAN_MAX_BATCH && (left = lookAt - System.nanoTime()) > 0) {
                try {
                    queue.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
