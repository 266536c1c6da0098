package org.campops.qa;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campops.qa.search.IndexedQuestion;
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

    /** Every posted question as the search index holds it ({@link #indexedAfter}, all at once: tests). */
    List<IndexedQuestion> allIndexed(Handle c) {
        return indexedAfter(c, 0, Integer.MAX_VALUE);
    }

    /**
     * Up to {@code limit} posted questions with an id above {@code afterId}, in id order, as the search index holds
     * them ({@link Question#indexed}), with their answers not deleted: only the columns the index needs, read by
     * position (a rebuild reads 100,000 questions and their answers a page at a time; whole rows by name took about
     * twice as long).
     */
    List<IndexedQuestion> indexedAfter(Handle c, long afterId, int limit) {
        List<Row> rows = c.select(
                        "SELECT id, title, details, topic, status, asked_at FROM question WHERE thread_id IS NOT NULL"
                                + " AND id > ? ORDER BY id LIMIT ?",
                        afterId,
                        limit)
                .map((rs, ctx) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, 6, ctx)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> answers = new HashMap<>();
        Set<Long> endorsed = new HashSet<>();
        for (LiveAnswer a : c.select(
                        "SELECT question_id, text, endorsed FROM answer WHERE deleted_at IS NULL AND question_id"
                                + " BETWEEN ? AND ? ORDER BY question_id, posted_at, id",
                        rows.get(0).id(),
                        rows.get(rows.size() - 1).id())
                .map((rs, ctx) -> new LiveAnswer(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                .list()) {
            answers.computeIfAbsent(a.question(), k -> new ArrayList<>()).add(a.text());
            if (a.endorsed()) {
                endorsed.add(a.question());
            }
        }
        List<IndexedQuestion> page = new ArrayList<>(rows.size());
        for (Row r : rows) {
            page.add(new IndexedQuestion(
                    r.id(),
                    r.title(),
                    r.details() == null ? "" : r.details(),
                    answers.getOrDefault(r.id(), List.of()),
                    r.topic(),
                    Question.Status.valueOf(r.status()) == Question.Status.ANSWERED,
                    endorsed.contains(r.id()),
                    r.askedAt()));
        }
        return page;
    }

    /** The question columns {@link #indexedAfter} reads. */
    private record Row(
            long id,
            String title,
            @org.jspecify.annotations.Nullable String details,
            String topic, // may be null, as Question#indexed passes it
            String status,
            Instant askedAt) {}

    /** An answer not deleted, as {@link #allIndexed} reads it. */
    private record LiveAnswer(long question, String text, boolean endorsed) {}

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

    /**
     * PostgreSQL: {@link #maxChangeSeq}, or -1 while a transaction that may have taken a lower number is still open.
     * A writer holds its {@code RowExclusiveLock} on the table from before its trigger takes a number until it ends:
     * when no other session holds one on either table just after the number was read, every number at or below it
     * belongs to a committed change (or to none). Reads {@code pg_locks} only: no writer (nor vacuum) ever waits.
     */
    long maxChangeSeqNoWriterOpen(Handle c) {
        long max = maxChangeSeq(c);
        long writers = c.select("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'relation' AND granted"
                        + " AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()"
                        + " AND relation IN ('question'::regclass, 'answer'::regclass)")
                .mapTo(Long.class)
                .one();
        return writers == 0 ? max : -1;
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
