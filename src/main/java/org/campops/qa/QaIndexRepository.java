package org.campops.qa;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** What keeping the search index in line reads (caller's transaction): change numbers, changed and posted questions. */
final class QaIndexRepository {

    /** The ids of the questions with a change numbered above {@code seq} (see V18), or with an answer that has one. */
    Set<Long> changedSince(Handle c, long seq) {
        Set<Long> ids = new HashSet<>(c.select("SELECT id FROM question WHERE change_seq > ?", seq)
                .mapTo(Long.class)
                .list());
        ids.addAll(c.select("SELECT question_id FROM answer WHERE change_seq > ?", seq)
                .mapTo(Long.class)
                .list());
        return ids;
    }

    /** The questions with a change numbered above {@code seq}: one range of the change index, no list of ids. */
    List<Question> questionsChangedSince(Handle c, long seq) {
        return QaRepository.questions(c, "SELECT * FROM question WHERE change_seq > ?", seq);
    }

    /** The answers of the questions with a change numbered above {@code seq}. */
    List<Answer> answersOfQuestionsChangedSince(Handle c, long seq) {
        return c.select("SELECT a.* FROM question q JOIN answer a ON a.question_id = q.id WHERE q.change_seq > ?", seq)
                .map(QaRepository::readAnswer)
                .list();
    }

    /** The questions with these ids (at most a few hundred), by id. */
    List<Question> questions(Handle c, Collection<Long> ids) throws SQLException {
        return QaRepository.questions(
                c, "SELECT * FROM question WHERE id IN (" + placeholders(ids) + ")", ids.toArray());
    }

    /** The answers of the questions with these ids (at most a few hundred). */
    List<Answer> answers(Handle c, Collection<Long> questionIds) {
        return c.select(
                        "SELECT * FROM answer WHERE question_id IN (" + placeholders(questionIds) + ")",
                        questionIds.toArray())
                .map(QaRepository::readAnswer)
                .list();
    }

    private static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    /** The highest number a question or answer change took (0 before any); see V18. */
    long maxChangeSeq(Handle c) {
        return c.select("SELECT GREATEST(COALESCE((SELECT MAX(change_seq) FROM question), 0),"
                        + " COALESCE((SELECT MAX(change_seq) FROM answer), 0))")
                .mapTo(Long.class)
                .one();
    }

    /** The id this database got when it was made (V19), which a saved search index is checked against. */
    String databaseId(Handle c) {
        return c.select("SELECT id FROM database_identity").mapTo(String.class).one();
    }

    /** The ids of the posted questions (those the search index holds). */
    List<Long> postedIds(Handle c) {
        return c.select("SELECT id FROM question WHERE thread_id IS NOT NULL")
                .mapTo(Long.class)
                .list();
    }

    long postedCount(Handle c) {
        return c.select("SELECT COUNT(*) FROM question WHERE thread_id IS NOT NULL")
                .mapTo(Long.class)
                .one();
    }
}
