package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.campops.qa.search.IndexedQuestion;
import org.campops.store.Database;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a rebuild reads ({@link QaIndexRepository#allIndexed}) is what the whole rows give ({@link Question#indexed}). */
class QaIndexRepositoryTest {

    private Database db;

    @BeforeEach
    void setUp() {
        db = Database.open(TestConfig.memoryDb(), 2);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private long question(String title, String details, String thread, String status, String topic) {
        return db.inTransaction(
                c -> c.createUpdate("INSERT INTO question (asker_id, asker_name, anonymous, topic, title,"
                                + " details, channel_id, thread_id, status, locale, asked_at) VALUES ('c1', 'Minji', FALSE,"
                                + " :topic, :title, :details, 'forum', :thread, :status, 'ko', :at)")
                        .bind("topic", topic)
                        .bind("title", title)
                        .bind("details", details)
                        .bind("thread", thread)
                        .bind("status", status)
                        .bind("at", Timestamp.from(Instant.parse("2026-12-01T01:00:00Z")))
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
    }

    private void answer(
            long question, String message, String text, String postedAt, boolean endorsed, boolean deleted) {
        db.inTransaction(c -> c.execute(
                "INSERT INTO answer (question_id, message_id, author_id, author_name, text, posted_at, endorsed,"
                        + " deleted_at) VALUES (?, ?, 'm1', 'Kim', ?, ?, ?, ?)",
                question,
                message,
                text,
                Timestamp.from(Instant.parse(postedAt)),
                endorsed,
                deleted ? Timestamp.from(Instant.parse("2026-12-02T00:00:00Z")) : null));
    }

    @Test
    void theRebuildsReadIsWhatTheWholeRowsGive() {
        long plain = question("YOLO anchor boxes", "어떻게 정하나요?", "t1", "OPEN", "Object Detection");
        long answered = question("CUDA out of memory", null, "t2", "ANSWERED", null);
        long draft = question("Not posted yet", "draft", null, "OPEN", null);
        long deletedOnly = question("Kaggle submission limit", "", "t3", "OPEN", "Competition");
        answer(answered, "m2", "second, posted later", "2026-12-01T03:00:00Z", false, false);
        answer(answered, "m1", "first: lower the batch size", "2026-12-01T02:00:00Z", true, false);
        answer(answered, "m3", "deleted", "2026-12-01T04:00:00Z", true, true);
        answer(deletedOnly, "m4", "endorsed but deleted", "2026-12-01T02:00:00Z", true, true);
        answer(draft, "m5", "an answer to a draft", "2026-12-01T02:00:00Z", false, false);

        List<IndexedQuestion> read = db.inTransaction(c -> new QaIndexRepository().allIndexed(c));

        QaRepository repo = new QaRepository();
        Map<Long, List<Answer>> answers = Answer.byQuestion(db.inTransaction(repo::allAnswers));
        List<IndexedQuestion> whole = db.inTransaction(repo::allQuestions).stream()
                .map(q -> q.indexed(answers.getOrDefault(q.id(), List.of())))
                .toList();
        assertThat(read).isEqualTo(whole);
        assertThat(read).extracting(IndexedQuestion::id).containsExactly(plain, answered, deletedOnly);
        IndexedQuestion oom = read.get(1);
        assertThat(oom.details()).isEmpty();
        assertThat(oom.answers()).containsExactly("first: lower the batch size", "second, posted later");
        assertThat(oom.answered()).isTrue();
        assertThat(oom.endorsed()).isTrue();
        assertThat(read.get(2).endorsed())
                .as("its only endorsed answer was deleted")
                .isFalse();
        assertThat(read.get(0).askedAt()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));

        // A rebuild reads it a page at a time: pages of one and of two give the same, answers with their question.
        QaIndexRepository rows = new QaIndexRepository();
        for (int size : new int[] {1, 2}) {
            List<IndexedQuestion> paged = new java.util.ArrayList<>();
            long after = 0;
            while (true) {
                long from = after;
                List<IndexedQuestion> page = db.inTransaction(c -> rows.indexedAfter(c, from, size));
                paged.addAll(page);
                if (page.size() < size) {
                    break;
                }
                after = page.get(page.size() - 1).id();
            }
            assertThat(paged).as("pages of %d", size).isEqualTo(read);
        }
        QaPagedRead all = new QaPagedRead(db, rows);
        List<IndexedQuestion> iterated = new java.util.ArrayList<>();
        all.forEach(iterated::add);
        assertThat(iterated).isEqualTo(read);
        assertThat(all.count()).isEqualTo(3);
    }
}
