package org.campops.qa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * rebuilt from all questions or, when the index is saved beside an H2 file ({@link QuestionIndex#open}), brought up to
 * date from what changed since it was saved.
 *
 * <h2>What a saved index holds</h2>
 * Every insert or update of a question or an answer takes the next number of the database's {@code qa_change_seq}
 * (the column {@code change_seq}, set by the database itself: V18/V19). A save records the database's identity and a
 * number N such that every change numbered N or lower is in the saved index. At start the questions with a change
 * above N are indexed again, and deleted questions are settled id by id in the background. A saved index of another
 * database, of a later state of this one (a backup restored), or built by another version's analysis is rebuilt, and
 * so is one that most questions changed after. Either runs on a thread of its own while the gateway connects (every
 * use of the index waits for it; a change made meanwhile is indexed again after it).
 *
 * <p>While the bot runs, the index is saved every {@link QaIndexSaving#SAVE_EVERY} when it moved on, with the highest number the
 * database had {@link QaIndexSaving#SETTLED} earlier: a change is indexed right after its transaction commits, so everything
 * numbered that low is in the index. The close saves the same way. A process killed between saves re-indexes at its
 * next start what changed in the last minute or so before the last save.
 */
final class QaIndexing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QaIndexing.class);
    static final String DATABASE = "database";
    static final String CHANGE_SEQ = "changeSeq";
    /** Questions read and indexed together when catching up. */
    static final int CHUNK = 1000;
    /** A catch-up of more changed questions than this, and than half the index, rebuilds instead. */
    static final int REBUILD_ABOVE = 5 * CHUNK;

    private final Database db;
    private final QaRepository repo = new QaRepository();
    private final QaIndexRepository rows = new QaIndexRepository();
    private final QuestionIndex index;
    private final QaIndexSaving saving;
    int rebuildAbove = REBUILD_ABOVE; // lower in tests
    /** Completed unless {@link #atStart} is rebuilding or catching up on its own thread. */
    private volatile CompletableFuture<@Nullable Void> ready = CompletableFuture.completedFuture(null);
    /** Completed once the start's {@link #settleDeletions} ran (tests wait on it). */
    final CompletableFuture<@Nullable Void> deletionsSettled = new CompletableFuture<>();

    QaIndexing(Database db, QuestionIndex index) {
        this.db = db;
        this.index = index;
        this.saving = new QaIndexSaving(db, index);
    }

    /** Rebuilds the search index from all questions in the database (saved when the index is kept on disk). */
    int rebuild() {
        long started = System.nanoTime();
        long[] seq = new long[1];
        String[] id = new String[1];
        List<IndexedQuestion> docs = db.inTransaction(c -> {
            seq[0] = rows.maxChangeSeq(c);
            id[0] = rows.databaseId(c);
            return rows.allIndexed(c);
        });
        long read = System.nanoTime();
        index.rebuild(docs, marks(id[0], seq[0]));
        saving.settled(id[0], seq[0]);
        LOG.info(
                "Q&A search index built: {} questions ({} ms, {} ms of it reading them)",
                docs.size(),
                (System.nanoTime() - started) / 1_000_000,
                (read - started) / 1_000_000);
        return docs.size();
    }

    /**
     * At start, before anything else writes: the saved index brought up to date (or rebuilt, see the class comment),
     * then saved every {@link QaIndexSaving#SAVE_EVERY}. An index in memory only is rebuilt here. An index on disk is
     * rebuilt or caught up on a thread of its own while the gateway connects: {@link #awaitReady} waits for it, and so
     * does every use of the index.
     */
    void atStart() {
        if (!index.savesToDisk()) {
            rebuild();
            return;
        }
        Map<String, String> saved = index.savedMarks();
        long[] now = new long[1];
        String id = db.inTransaction(c -> {
            now[0] = rows.maxChangeSeq(c);
            return rows.databaseId(c);
        });
        long savedAt = parse(saved.get(CHANGE_SEQ));
        boolean rebuild = !id.equals(saved.get(DATABASE)) || savedAt < 0 || savedAt > now[0];
        if (rebuild) {
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
                            catchUpAtStart(id, savedAt, now[0], ready);
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
    private void catchUpAtStart(String id, long savedAt, long now, CompletableFuture<@Nullable Void> ready) {
        long started = System.nanoTime();
        long[] reading = new long[1];
        int updated = catchUp(savedAt, reading);
        long caughtUp = System.nanoTime();
        // Ready once the index in memory is current; saving it to disk (a Lucene commit, fsync'd) need not hold up the
        // start: killed before the save, the next start re-indexes the same again. A rebuild instead saved already.
        ready.complete(null);
        if (updated < 0) {
            return;
        }
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
     * Indexes again the questions changed after {@code seq}; returns how many (-1: rebuilt instead, as more than
     * {@link #rebuildAbove} and than half the index changed), adds the reading time to {@code readingNanos[0]}. Up to
     * {@value #CHUNK} are read as one range of the change index (a list of ids is slow on a cold start); questions
     * changed through an answer only, and larger catch-ups, {@value #CHUNK} ids at a time.
     */
    private int catchUp(long seq, long[] readingNanos) {
        long t = System.nanoTime();
        List<Long> changed = new ArrayList<>(db.inTransaction(c -> rows.changedSince(c, seq)));
        readingNanos[0] += System.nanoTime() - t;
        if (changed.size() > rebuildAbove && changed.size() > index.size() / 2) {
            LOG.info(
                    "building the Q&A search index from the database ({} of its {} questions changed since it was"
                            + " saved)",
                    changed.size(),
                    index.size());
            rebuild();
            return -1;
        }
        List<Long> byId = changed;
        if (!changed.isEmpty() && changed.size() <= CHUNK) {
            t = System.nanoTime();
            Read range = db.inTransaction(
                    c -> new Read(rows.questionsChangedSince(c, seq), rows.answersOfQuestionsChangedSince(c, seq)));
            readingNanos[0] += System.nanoTime() - t;
            reindex(range, Set.of());
            Set<Long> rest = new HashSet<>(changed);
            range.questions().forEach(q -> rest.remove(q.id()));
            byId = new ArrayList<>(rest); // changed through an answer only
        }
        for (int from = 0; from < byId.size(); from += CHUNK) {
            List<Long> chunk = byId.subList(from, Math.min(byId.size(), from + CHUNK));
            t = System.nanoTime();
            Read read = db.inTransaction(c -> new Read(rows.questions(c, chunk), rows.answers(c, chunk)));
            readingNanos[0] += System.nanoTime() - t;
            reindex(read, new HashSet<>(chunk)); // an id not read back was deleted
        }
        return changed.size();
    }

    /** Questions and the answers of them, as read for the catch-up. */
    private record Read(List<Question> questions, List<Answer> answers) {}

    /** Indexes the posted questions read; removes from the index the ones not posted and {@code gone}. */
    private void reindex(Read read, Set<Long> gone) {
        Map<Long, List<Answer>> answers = Answer.byQuestion(read.answers());
        List<IndexedQuestion> upserts = new ArrayList<>();
        Set<Long> absent = new HashSet<>(gone);
        for (Question q : read.questions()) {
            if (q.threadId() != null) {
                absent.remove(q.id());
                upserts.add(q.indexed(answers.getOrDefault(q.id(), List.of())));
            } else {
                absent.add(q.id());
            }
        }
        index.apply(upserts, absent);
    }

    /**
     * Removes from the index the questions no longer in the database (deleted by SQL: the bot deletes only questions
     * that were never posted, so never indexed). Run in the background after start: until it ran, a search may find
     * such a question, which the callers skip as they skip any hit they cannot read.
     */
    void settleDeletions() {
        long posted = db.inTransaction(rows::postedCount);
        if (index.size() != posted) {
            Set<Long> gone = new HashSet<>(index.ids());
            gone.removeAll(db.inTransaction(rows::postedIds));
            index.apply(List.of(), gone);
            LOG.info("{} questions deleted from the database since the index was saved: removed from it", gone.size());
        }
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
        saving.start(() -> {
            try {
                settleDeletions();
            } catch (RuntimeException e) {
                LOG.warn("settling deleted questions in the search index failed ({})", e.toString());
            } finally {
                deletionsSettled.complete(null);
            }
        });
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
