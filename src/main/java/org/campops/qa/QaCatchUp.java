package org.campops.qa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campops.qa.search.IndexedQuestion;
import org.campops.qa.search.QuestionIndex;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-indexing what changed in the database after a change number ({@link QaIndexing}): at start from the saved
 * index's mark, after another instance held the gateway from what this one last read. Up to {@value #CHUNK} changed
 * questions are read as one range of the change index (a list of ids is slow on a cold start); questions changed
 * through an answer only, and larger catch-ups, {@value #CHUNK} ids at a time.
 */
final class QaCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(QaCatchUp.class);
    /** Questions read and indexed together. */
    static final int CHUNK = 1000;

    private final Database db;
    private final QaIndexRepository rows;
    private final QuestionIndex index;

    QaCatchUp(Database db, QaIndexRepository rows, QuestionIndex index) {
        this.db = db;
        this.rows = rows;
        this.index = index;
    }

    /** The ids of the questions with a change numbered above {@code seq}, of their own or of one of their answers. */
    List<Long> changed(long seq) {
        return new ArrayList<>(db.inTransaction(c -> rows.changedSince(c, seq)));
    }

    /** Indexes again the questions {@code changed} after {@code seq}; adds the reading time to {@code readingNanos[0]}. */
    void reindex(long seq, List<Long> changed, long[] readingNanos) {
        List<Long> byId = changed;
        if (!changed.isEmpty() && changed.size() <= CHUNK) {
            long t = System.nanoTime();
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
            long t = System.nanoTime();
            Read read = db.inTransaction(c -> new Read(rows.questions(c, chunk), rows.answers(c, chunk)));
            readingNanos[0] += System.nanoTime() - t;
            reindex(read, new HashSet<>(chunk)); // an id not read back was deleted
        }
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
}
