package org.campops.qa;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * number N such that every change numbered N or lower is in the saved index. At start, nothing else writes yet: the
 * questions with a change above N are indexed again, and when the index then holds another number of questions than
 * the database has posted, the difference (deleted questions) is settled id by id. A saved index of another database,
 * of a later state of this one (a backup restored), or built by another version's analysis is rebuilt.
 *
 * <p>While the bot runs, the index is saved every {@link #SAVE_EVERY} when it moved on, with the highest number the
 * database had {@link #SETTLED} earlier: a change is indexed right after its transaction commits, so everything
 * numbered that low is in the index. The close saves the same way. A process killed between saves re-indexes at its
 * next start what changed in the last minute or so before the last save.
 */
final class QaIndexing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QaIndexing.class);
    static final String DATABASE = "database";
    static final String CHANGE_SEQ = "changeSeq";
    /** A change numbered this long ago is indexed (its transaction is over, its question re-indexed). */
    static final Duration SETTLED = Duration.ofSeconds(60);

    static final Duration SAVE_EVERY = Duration.ofSeconds(30);
    /** Questions read and indexed together when catching up. */
    static final int CHUNK = 1000;

    private final Database db;
    private final QaRepository repo = new QaRepository();
    private final QaIndexRepository rows = new QaIndexRepository();
    private final QuestionIndex index;
    /** (System.nanoTime(), highest change number then), oldest first; guarded by this. */
    private final Deque<long[]> samples = new ArrayDeque<>();

    /** The highest change number known to be in the index; guarded by this. */
    private long settledSeq = -1;

    private long savedSeq = -1;
    private String databaseId = "";
    private volatile @Nullable ScheduledExecutorService saver;
    /** Completed once the start's {@link #settleDeletions} ran (for tests). */
    final CompletableFuture<@Nullable Void> deletionsSettled = new CompletableFuture<>();

    QaIndexing(Database db, QuestionIndex index) {
        this.db = db;
        this.index = index;
    }

    /** Rebuilds the search index from all questions in the database (saved when the index is kept on disk). */
    int rebuild() {
        long[] seq = new long[1];
        String[] id = new String[1];
        QaSnapshot s = db.inTransaction(c -> {
            seq[0] = rows.maxChangeSeq(c);
            id[0] = rows.databaseId(c);
            return new QaSnapshot(repo.allQuestions(c), repo.allAnswers(c));
        });
        Map<Long, List<Answer>> byQuestion = byQuestion(s.answers());
        List<IndexedQuestion> docs = new ArrayList<>();
        for (Question q : s.questions()) {
            docs.add(indexed(q, byQuestion.getOrDefault(q.id(), List.of())));
        }
        index.rebuild(docs, marks(id[0], seq[0]));
        settled(id[0], seq[0]);
        return docs.size();
    }

    /**
     * At start, before anything else writes: the saved index brought up to date (or rebuilt, see the class comment),
     * then saved every {@link #SAVE_EVERY}. An index in memory only is rebuilt. Returns the questions indexed.
     */
    int atStart() {
        if (!index.savesToDisk()) {
            return rebuild();
        }
        Map<String, String> saved = index.savedMarks();
        long[] now = new long[1];
        String id = db.inTransaction(c -> {
            now[0] = rows.maxChangeSeq(c);
            return rows.databaseId(c);
        });
        long savedAt = parse(saved.get(CHANGE_SEQ));
        int count;
        if (!id.equals(saved.get(DATABASE)) || savedAt < 0 || savedAt > now[0]) {
            LOG.info(
                    "building the Q&A search index from the database ({})",
                    saved.isEmpty() ? "none saved" : "saved one is of another database state");
            count = rebuild();
        } else {
            long started = System.nanoTime();
            int updated = catchUp(savedAt);
            count = index.size();
            index.save(marks(id, now[0]));
            settled(id, now[0]);
            LOG.info(
                    "Q&A search index opened: {} questions, {} re-indexed since it was saved ({} ms)",
                    count,
                    updated,
                    (System.nanoTime() - started) / 1_000_000);
        }
        startSaving();
        return count;
    }

    /** Indexes again the questions changed after {@code seq}, {@value #CHUNK} at a time. Returns how many changed. */
    private int catchUp(long seq) {
        List<Long> changed = new ArrayList<>(db.inTransaction(c -> rows.changedSince(c, seq)));
        for (int from = 0; from < changed.size(); from += CHUNK) {
            List<Long> chunk = changed.subList(from, Math.min(changed.size(), from + CHUNK));
            db.inTransaction(c -> {
                Map<Long, List<Answer>> answers = byQuestion(rows.answers(c, chunk));
                List<IndexedQuestion> upserts = new ArrayList<>();
                Set<Long> absent = new HashSet<>(chunk); // deleted, or not posted: not in the index
                for (Question q : rows.questions(c, chunk)) {
                    if (q.threadId() != null) {
                        absent.remove(q.id());
                        upserts.add(indexed(q, answers.getOrDefault(q.id(), List.of())));
                    }
                }
                index.apply(upserts, absent);
                return null;
            });
        }
        return changed.size();
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
        return Optional.of(indexed(q.get(), repo.answers(c, questionId)));
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
            index.save(marks(databaseId, settledSeq));
            savedSeq = settledSeq;
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s = saver;
        saver = null;
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
                saveSettled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn(
                        "the Q&A search index was not saved at close ({}): the next start re-indexes what changed",
                        e.toString());
            }
        }
    }

    private synchronized void settled(String id, long seq) {
        databaseId = id;
        savedSeq = index.savesToDisk() ? seq : savedSeq;
        settledSeq = seq; // nothing else wrote while the index was built
        samples.clear();
    }

    private void startSaving() {
        ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qa-index-saver");
            t.setDaemon(true);
            return t;
        });
        saver.execute(() -> {
            try {
                settleDeletions();
            } catch (RuntimeException e) {
                LOG.warn("settling deleted questions in the search index failed ({})", e.toString());
            } finally {
                deletionsSettled.complete(null);
            }
        });
        long every = SAVE_EVERY.toMillis();
        saver.scheduleWithFixedDelay(
                () -> {
                    try {
                        saveSettled();
                    } catch (RuntimeException e) {
                        LOG.warn("saving the Q&A search index failed ({}); retried in {}", e.toString(), SAVE_EVERY);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        this.saver = saver;
    }

    private static Map<String, String> marks(String databaseId, long seq) {
        return Map.of(DATABASE, databaseId, CHANGE_SEQ, Long.toString(seq));
    }

    private static long parse(@Nullable String seq) {
        try {
            return seq == null ? -1 : Long.parseLong(seq);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<Long, List<Answer>> byQuestion(List<Answer> answers) {
        Map<Long, List<Answer>> byQuestion = new HashMap<>();
        for (Answer a : answers) {
            byQuestion.computeIfAbsent(a.questionId(), k -> new ArrayList<>()).add(a);
        }
        return byQuestion;
    }

    private static IndexedQuestion indexed(Question q, List<Answer> answers) {
        List<Answer> live = answers.stream().filter(a -> a.deletedAt() == null).toList();
        return new IndexedQuestion(
                q.id(),
                q.title(),
                q.details() == null ? "" : q.details(),
                live.stream().map(Answer::text).toList(),
                q.topic(),
                q.answered(),
                live.stream().anyMatch(Answer::endorsed),
                q.askedAt());
    }
}
