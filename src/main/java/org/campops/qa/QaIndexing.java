package org.campops.qa;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.campops.qa.search.IndexedQuestion;
import org.campops.qa.search.QuestionIndex;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in line with the database: one question updated after each change, and at start either
 * rebuilt from all questions or, when the index is saved ({@link QaFeature#openIndex}), brought up to date from what
 * changed since it was saved. Either runs on a thread of its own while the gateway connects (every use of the index
 * waits for it; a change made meanwhile is indexed again after it).
 *
 * <h2>What a saved index holds</h2>
 * Every insert or update of a question or an answer takes the next number of the database's {@code qa_change_seq}
 * (the column {@code change_seq}, set by the database itself: V18/V19). A save records the database's identity and a
 * number N such that every change numbered N or lower is in the saved index ({@link QaChangeMark}). At start the
 * questions with a change above N are indexed again, and deleted questions are settled id by id in the background. A
 * saved index of another database, of a later state of this one (a backup restored), or built by another version's
 * analysis is rebuilt, and so is one that most questions changed after.
 *
 * <p>While the bot runs on H2, the index is saved every {@link QaIndexSaving#SAVE_EVERY} when it moved on, with the
 * highest number the database had {@link QaIndexSaving#SETTLED} earlier: this process makes every change and indexes it
 * right after its commit. On PostgreSQL other instances change questions too: every {@link QaIndexSaving#SAVE_EVERY}
 * each instance reads what changed since its last read ({@link #refresh}) and saves with that read's mark. Either way
 * a process killed between saves re-indexes at its next start what changed in the last minute or so.
 */
final class QaIndexing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QaIndexing.class);
    static final String DATABASE = "database";
    static final String CHANGE_SEQ = "changeSeq";
    /** A catch-up of more changed questions than this, and than half the index, rebuilds instead. */
    static final int REBUILD_ABOVE = 5 * QaCatchUp.CHUNK;
    /** How long a read of the change mark waits for open writers to end (PostgreSQL, {@link QaChangeMark}). */
    private static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(2);

    private final Database db;
    private final QaRepository repo = new QaRepository();
    private final QaIndexRepository rows = new QaIndexRepository();
    private final QuestionIndex index;
    private final QaIndexSaving saving;
    private final QaCatchUp catchUp;
    private final QaChangeMark mark;
    int rebuildAbove = REBUILD_ABOVE; // lower in tests
    java.time.Duration patience = PATIENCE; // shorter in tests
    /** Completed unless {@link #atStart} is rebuilding or catching up on its own thread. */
    private volatile CompletableFuture<@Nullable Void> ready = CompletableFuture.completedFuture(null);
    /** The change number the index holds everything up to, as last read by a rebuild or a catch-up; -1 before. */
    private volatile long indexedUpTo = -1;
    /** Completed once the start's {@link #settleDeletions} ran (tests wait on it). */
    final CompletableFuture<@Nullable Void> deletionsSettled = new CompletableFuture<>();

    QaIndexing(Database db, QuestionIndex index) {
        this.db = db;
        this.index = index;
        this.saving = new QaIndexSaving(db, index);
        this.catchUp = new QaCatchUp(db, rows, index);
        this.mark = new QaChangeMark(db, rows);
    }

    /** Rebuilds the search index from all questions in the database (saved when the index is kept on disk). */
    int rebuild() {
        long started = System.nanoTime();
        long seq = mark.readOrHighest(patience); // before the rows: everything numbered up to it is among them
        String id = db.inTransaction(rows::databaseId);
        QaPagedRead all = new QaPagedRead(db, rows); // a page at a time, as the index takes them
        index.rebuild(all, marks(id, seq));
        indexedUpTo = seq;
        saving.settled(id, seq);
        LOG.info(
                "Q&A search index built: {} questions ({} ms, {} ms of it reading them)",
                all.count(),
                (System.nanoTime() - started) / 1_000_000,
                all.readingNanos() / 1_000_000);
        return all.count();
    }

    /**
     * At start, before anything else writes: on a thread of its own, the saved index brought up to date or the index
     * rebuilt (see the class comment), then saved every {@link QaIndexSaving#SAVE_EVERY}. {@link #awaitReady} waits
     * for it, and so does every use of the index.
     */
    void atStart() {
        Map<String, String> saved = index.savedMarks();
        long[] now = new long[1];
        String id = db.inTransaction(c -> {
            now[0] = rows.maxChangeSeq(c);
            return rows.databaseId(c);
        });
        long savedAt = parse(saved.get(CHANGE_SEQ));
        boolean rebuild = !id.equals(saved.get(DATABASE)) || savedAt < 0 || savedAt > now[0];
        if (rebuild && index.savesToDisk()) {
            LOG.info(
                    "building the Q&A search index from the database ({})",
                    saved.isEmpty() ? "none saved" : "saved one is of another database state");
        }
        CompletableFuture<@Nullable Void> ready = new CompletableFuture<>();
        this.ready = ready;
        Thread start = new Thread(
                () -> {
                    try {
                        if (rebuild) {
                            rebuild();
                            ready.complete(null);
                        } else {
                            catchUpAtStart(id, savedAt, ready);
                        }
                    } catch (RuntimeException | Error e) {
                        ready.completeExceptionally(e);
                        return;
                    }
                    startSaving();
                },
                "qa-index-start");
        start.setDaemon(true);
        start.start();
    }

    /** Re-indexes what changed since {@code savedAt} (or rebuilds, when most did), completes {@code ready}, saves. */
    private void catchUpAtStart(String id, long savedAt, CompletableFuture<@Nullable Void> ready) {
        long started = System.nanoTime();
        long now = mark.readOrHighest(patience);
        long[] reading = new long[1];
        int updated = reindexChangedSince(savedAt, reading);
        if (updated < 0) {
            ready.complete(null); // rebuilt, and saved, instead
            return;
        }
        long caughtUp = System.nanoTime();
        indexedUpTo = now;
        // Ready once the index in memory is current; saving it to disk (a Lucene commit, fsync'd) need not hold up the
        // start: killed before the save, the next start re-indexes the same again.
        ready.complete(null);
        try {
            index.save(marks(id, now));
            saving.settled(id, now);
        } catch (RuntimeException e) {
            saving.settled(id, savedAt); // still saved at the old mark: the timer saves it again
            LOG.warn("saving the Q&A search index after start failed ({}); retried shortly", e.toString());
        }
        LOG.info(
                "Q&A search index opened: {} questions, {} re-indexed since it was saved ({} ms, {} ms of it"
                        + " reading them; saved in {} ms more)",
                index.size(),
                updated,
                (caughtUp - started) / 1_000_000,
                reading[0] / 1_000_000,
                (System.nanoTime() - caughtUp) / 1_000_000);
    }

    /** Waits until the start's work on the index is done; throws what it failed with, if it failed. */
    void awaitReady() {
        try {
            ready.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Indexes again the questions changed after {@code seq} ({@link QaCatchUp}); returns how many (-1: rebuilt
     * instead, as more than {@link #rebuildAbove} and than half the index changed), adds the reading time to {@code
     * readingNanos[0]}.
     */
    private int reindexChangedSince(long seq, long[] readingNanos) {
        long t = System.nanoTime();
        List<Long> changed = catchUp.changed(seq);
        readingNanos[0] += System.nanoTime() - t;
        if (changed.size() > rebuildAbove && changed.size() > index.size() / 2) {
            LOG.info(
                    "building the Q&A search index from the database ({} of its {} questions changed since it last"
                            + " read it)",
                    changed.size(),
                    index.size());
            rebuild();
            return -1;
        }
        catchUp.reindex(seq, changed, readingNanos);
        return changed.size();
    }

    /**
     * After another instance held the gateway (questions were asked through it): the index in memory brought up to date
     * from the database, as a start does from a saved index (deleted questions removed too), or rebuilt if this
     * instance never read the database into it. Returns how many questions it indexed again.
     */
    synchronized int catchUpAfterOthers() {
        awaitReady();
        long from = indexedUpTo;
        if (from < 0) {
            return rebuild();
        }
        long started = System.nanoTime();
        long now = mark.readOrHighest(patience);
        int updated = reindexChangedSince(from, new long[1]);
        if (updated >= 0) {
            indexedUpTo = now;
            settleDeletions();
        }
        LOG.info(
                "Q&A search index caught up on taking the gateway over: {} questions re-indexed ({} ms)",
                updated < 0 ? "all " + index.size() : updated,
                (System.nanoTime() - started) / 1_000_000);
        return updated < 0 ? index.size() : updated;
    }

    /**
     * PostgreSQL, every {@link QaIndexSaving#SAVE_EVERY} and at close: what changed since the last read, by any
     * instance, indexed again; then the index saved with that mark. A standby's index stays current this way, and a
     * mark is saved only for what this instance read (not for what it merely saw numbered).
     */
    synchronized void refresh() {
        long from = indexedUpTo;
        java.util.OptionalLong upTo = mark.read(patience);
        if (from < 0 || upTo.isEmpty() || upTo.getAsLong() <= from) {
            return;
        }
        long[] reading = new long[1];
        List<Long> changed = catchUp.changed(from);
        catchUp.reindex(from, changed, reading);
        indexedUpTo = upTo.getAsLong();
        saving.saveAt(indexedUpTo);
        if (!changed.isEmpty()) {
            LOG.debug("Q&A search index: {} questions changed since the last read, indexed again", changed.size());
        }
    }

    /** Removes from the index the questions no longer in the database ({@link QaCatchUp#settleDeletions}). */
    void settleDeletions() {
        catchUp.settleDeletions();
    }

    void reindex(long questionId) {
        awaitReady();
        db.inTransaction(c -> {
            Optional<IndexedQuestion> q = current(c, questionId);
            if (q.isPresent()) {
                index.upsert(q.get());
            } else {
                index.delete(questionId);
            }
            return null;
        });
    }

    /** The question as the index should hold it; empty when it is gone or not posted (not in the index). */
    private Optional<IndexedQuestion> current(Handle c, long questionId) throws java.sql.SQLException {
        Optional<Question> q = repo.question(c, questionId);
        if (q.isEmpty() || q.get().threadId() == null) {
            return Optional.empty();
        }
        return Optional.of(q.get().indexed(repo.answers(c, questionId)));
    }

    @Override
    public void close() {
        saving.close();
    }

    private void startSaving() {
        if (!index.savesToDisk() && !mark.shared()) {
            deletionsSettled.complete(null); // rebuilt in memory just now, and nothing else changes the database
            return;
        }
        Runnable first = () -> {
            try {
                settleDeletions();
            } catch (RuntimeException e) {
                LOG.warn("settling deleted questions in the search index failed ({})", e.toString());
            } finally {
                deletionsSettled.complete(null);
            }
        };
        saving.start(first, mark.shared() ? this::refresh : saving::saveSettled);
    }

    static Map<String, String> marks(String databaseId, long seq) {
        return Map.of(DATABASE, databaseId, CHANGE_SEQ, Long.toString(seq));
    }

    private static long parse(@Nullable String seq) {
        try {
            return seq == null ? -1 : Long.parseLong(seq);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
