package org.campops.qa;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.campops.qa.search.QuestionIndex;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the search index while the bot runs (see {@link QaIndexing}): every {@link #SAVE_EVERY} when it moved on, and
 * at close, with the highest change number the database had {@link #SETTLED} earlier. A change is indexed right after
 * its transaction commits, so everything numbered that low is in the index.
 */
final class QaIndexSaving implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QaIndexSaving.class);
    /** A change numbered this long ago is indexed (its transaction is over, its question re-indexed). */
    static final Duration SETTLED = Duration.ofSeconds(60);

    static final Duration SAVE_EVERY = Duration.ofSeconds(30);

    private final Database db;
    private final QaIndexRepository rows = new QaIndexRepository();
    private final QuestionIndex index;
    /** (System.nanoTime(), highest change number then), oldest first; guarded by this. */
    private final Deque<long[]> samples = new ArrayDeque<>();
    /** The highest change number known to be in the index; guarded by this. */
    private long settledSeq = -1;

    private long savedSeq = -1;
    private String databaseId = "";
    private volatile @Nullable ScheduledExecutorService saver;
    /** What runs every {@link #SAVE_EVERY} and at close ({@link #start}). */
    private volatile Runnable tick = this::saveSettled;

    QaIndexSaving(Database db, QuestionIndex index) {
        this.db = db;
        this.index = index;
    }

    /** The index holds every change up to {@code seq} and was saved with it (a start, a rebuild). */
    synchronized void settled(String id, long seq) {
        databaseId = id;
        savedSeq = index.savesToDisk() ? seq : savedSeq;
        settledSeq = seq;
        samples.clear();
    }

    /** Saves the index when the settled change number moved on since the last save (timer and close). */
    synchronized void saveSettled() {
        long now = System.nanoTime();
        long seq = db.inTransaction(rows::maxChangeSeq);
        while (!samples.isEmpty() && now - samples.peekFirst()[0] >= SETTLED.toNanos()) {
            settledSeq = samples.pollFirst()[1];
        }
        samples.addLast(new long[] {now, seq});
        if (settledSeq > savedSeq) {
            index.save(QaIndexing.marks(databaseId, settledSeq));
            savedSeq = settledSeq;
        }
    }

    /**
     * Saves the index with mark {@code seq} when it moved on since the last save: the caller read everything numbered
     * up to it (PostgreSQL's {@link QaIndexing#refresh}).
     */
    synchronized void saveAt(long seq) {
        if (index.savesToDisk() && seq > savedSeq) {
            index.save(QaIndexing.marks(databaseId, seq));
            savedSeq = seq;
        }
    }

    /**
     * Runs {@code first} on the saving thread, then {@code tick} every {@link #SAVE_EVERY} and at close: {@link
     * #saveSettled} where this process makes every change (H2), {@link QaIndexing#refresh} where others do too.
     */
    void start(Runnable first, Runnable tick) {
        this.tick = tick;
        ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qa-index-saver");
            t.setDaemon(true);
            return t;
        });
        saver.execute(first);
        long every = SAVE_EVERY.toMillis();
        saver.scheduleWithFixedDelay(
                () -> {
                    try {
                        tick.run();
                    } catch (RuntimeException e) {
                        LOG.warn("saving the Q&A search index failed ({}); retried in {}", e.toString(), SAVE_EVERY);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        this.saver = saver;
    }

    @Override
    public void close() {
        ScheduledExecutorService s = saver;
        saver = null;
        if (s != null) {
            // No interrupt: a run in progress may be inside an H2 query, and an interrupt breaks its temporary
            // files ("Could not open file …temp.db"). shutdown() drops the next periodic saves; the run finishes.
            s.shutdown();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
                tick.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn(
                        "the Q&A search index was not saved at close ({}): the next start re-indexes what changed",
                        e.toString());
            }
        }
    }
}
