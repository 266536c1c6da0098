package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.campops.qa.search.QuestionIndex;
import org.campops.qa.search.SearchHit;
import org.campops.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index saved beside an H2 file database: a start re-indexes only what changed since the save (questions
 * and answers changed by any SQL, deleted questions), after an orderly close and after a death without one; an index
 * saved from another database is built again. {@link PostgresSavedIndexTest} runs the same on PostgreSQL.
 */
class SavedIndexTest {
    @TempDir
    Path dir;

    Database db;
    Path folder;
    QuestionIndex index;
    QaIndexing indexing;

    @BeforeEach
    void setUp() {
        db = openDatabase();
        folder = dir.resolve("campops" + QaFeature.INDEX_SUFFIX);
    }

    /** The database the index is kept in line with: an H2 file, the index saved beside it. */
    Database openDatabase() {
        Database h2 = Database.open("jdbc:h2:file:" + dir.resolve("campops"), 4);
        assertThat(h2.h2File()).contains(dir.resolve("campops").toAbsolutePath());
        return h2;
    }

    /** Every change number below the saved mark, as in a backup from before the save. */
    void restoreAnOlderBackup() {
        sql("ALTER SEQUENCE qa_change_seq RESTART WITH 1");
        sql("UPDATE question SET change_seq = 0");
    }

    @AfterEach
    void tearDown() {
        if (indexing != null) {
            indexing.close();
            index.close();
        }
        db.close();
    }

    /** Opens the saved index as a start does; returns how many questions it holds. */
    int start() {
        return start(QaIndexing.REBUILD_ABOVE);
    }

    private int start(int rebuildAbove) {
        index = QuestionIndex.open(folder);
        indexing = new QaIndexing(db, index);
        indexing.rebuildAbove = rebuildAbove;
        indexing.atStart();
        indexing.awaitReady(); // re-indexing what changed runs on its own thread
        return index.size();
    }

    /** The process dies: the index is closed without saving (what was written after the last save is lost). */
    void die() {
        index.close();
        indexing = null;
    }

    void restart() {
        indexing.close();
        index.close();
        start();
    }

    long question(String title, String thread) {
        return db.inTransaction(c -> c.createUpdate("INSERT INTO question (asker_id, asker_name, anonymous, title,"
                        + " details, channel_id, thread_id, status, locale, asked_at) VALUES ('c1', 'Minji',"
                        + " FALSE, :title, '', 'forum', :thread, 'OPEN', 'ko', :at)")
                .bind("title", title)
                .bind("thread", thread)
                .bind("at", Timestamp.from(Instant.parse("2026-12-01T01:00:00Z")))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    void sql(String sql, Object... args) {
        db.inTransaction(c -> c.execute(sql, args));
    }

    List<Long> search(String text) {
        return index.search(text, 10, null).stream().map(SearchHit::id).toList();
    }

    List<String> generations() throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("gen-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aRestartReindexesOnlyWhatChangedWhileItWasClosed() throws Exception {
        long yolo = question("YOLO anchor boxes explained", "t1");
        long oom = question("CUDA out of memory on a T4", "t2");
        long gone = question("Kaggle submission limit", "t3");
        long draft = question("Draft not posted yet", null);
        assertThat(start()).isEqualTo(3);
        List<String> built = generations();
        assertThat(built).hasSize(1);

        indexing.close();
        index.close();
        sql("UPDATE question SET title = 'Mask R-CNN segmentation loss' WHERE id = ?", yolo);
        sql(
                "INSERT INTO answer (question_id, message_id, author_id, author_name, text, posted_at) VALUES"
                        + " (?, 'm1', 'm1', 'Kim', 'Lower the batch size or use gradient checkpointing', CURRENT_TIMESTAMP)",
                oom);
        sql("DELETE FROM question WHERE id = ?", gone);
        long added = question("Learning rate warmup for transformers", "t4");
        sql(
                "INSERT INTO answer (question_id, message_id, author_id, author_name, text, posted_at) VALUES"
                        + " (?, 'm2', 'm1', 'Kim', 'Try a cosine schedule with linear warmup', CURRENT_TIMESTAMP)",
                added);
        sql("UPDATE question SET title = 'Draft still not posted' WHERE id = ?", draft);

        assertThat(start()).as("the deleted question leaves in the background").isEqualTo(4);
        indexing.deletionsSettled.get(10, TimeUnit.SECONDS);
        assertThat(index.size()).isEqualTo(3);
        assertThat(generations()).as("caught up, not rebuilt").isEqualTo(built);
        assertThat(search("segmentation loss")).containsExactly(yolo);
        assertThat(search("anchor boxes")).isEmpty();
        assertThat(search("gradient checkpointing")).containsExactly(oom);
        assertThat(search("Kaggle submission")).isEmpty();
        assertThat(search("warmup transformers")).containsExactly(added);
        assertThat(search("cosine schedule")).as("its answer, read with it").containsExactly(added);
        assertThat(search("Draft still")).as("changed, still not posted").isEmpty();
        assertThat(index.ids()).containsExactlyInAnyOrder(yolo, oom, added);
    }

    @Test
    void whatWasIndexedAfterTheLastSaveIsIndexedAgainAfterADeath() {
        long first = question("YOLO anchor boxes explained", "t1");
        start();
        long second = question("Early stopping patience", "t2");
        indexing.reindex(second); // as the bot does after the change: in the index, not yet saved
        sql("UPDATE question SET title = 'Anchor-free detectors' WHERE id = ?", first);
        indexing.reindex(first);
        assertThat(search("early stopping")).containsExactly(second);
        die();

        start();
        assertThat(search("early stopping")).containsExactly(second);
        assertThat(search("anchor-free detectors")).containsExactly(first);
        assertThat(search("YOLO")).isEmpty();
        restart();
        assertThat(index.ids()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void anIndexSavedFromAnotherDatabaseOrALaterStateIsBuiltAgain() throws Exception {
        long q = question("YOLO anchor boxes explained", "t1");
        start();
        List<String> first = generations();
        indexing.close();
        index.close();
        sql("UPDATE database_identity SET id = 'another-camp'");
        start();
        List<String> second = generations();
        assertThat(second).as("built again").hasSize(1).isNotEqualTo(first);
        assertThat(search("anchor boxes")).containsExactly(q);

        indexing.close();
        index.close();
        restoreAnOlderBackup(); // the database's numbers are below the saved mark
        start();
        assertThat(generations()).as("built again").hasSize(1).isNotEqualTo(second);
        assertThat(search("anchor boxes")).containsExactly(q);
    }

    @Test
    void whenMostQuestionsChangedWhileItWasClosedTheIndexIsBuiltAgain() throws Exception {
        long kept = question("YOLO anchor boxes explained", "t1");
        long deleted = question("Kaggle submission limit", "t2");
        assertThat(start()).isEqualTo(2);
        List<String> built = generations();
        indexing.close();
        index.close();
        List<Long> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            added.add(question("Mixed precision training question " + i, "n" + i));
        }
        sql("DELETE FROM question WHERE id = ?", deleted);

        assertThat(start(10))
                .as("12 changed, over 10 and over half of the 2 saved")
                .isEqualTo(13);
        assertThat(generations()).as("built again, not caught up").hasSize(1).isNotEqualTo(built);
        assertThat(search("mixed precision")).hasSize(10);
        assertThat(index.ids()).containsAll(added).contains(kept).doesNotContain(deleted);

        indexing.close();
        index.close();
        sql("UPDATE question SET title = 'Anchor-free detectors' WHERE id = ?", kept);
        assertThat(start(10)).as("1 changed: caught up").isEqualTo(13);
        assertThat(generations()).hasSize(1);
        assertThat(search("anchor-free detectors")).containsExactly(kept);
    }

    @Test
    void onTakingTheGatewayOverWhatOthersChangedIsCaughtUpInMemory() {
        long kept = question("YOLO anchor boxes explained", "t1");
        long deleted = question("Kaggle submission limit", "t2");
        index = new QuestionIndex(); // as with PostgreSQL: in memory only, rebuilt at start
        indexing = new QaIndexing(db, index);
        indexing.atStart();
        indexing.awaitReady();
        assertThat(index.size()).isEqualTo(2);

        // another instance held the gateway: questions asked, answered, edited and deleted through it
        long asked = question("Learning rate warmup for transformers", "t3");
        sql(
                "INSERT INTO answer (question_id, message_id, author_id, author_name, text, posted_at) VALUES"
                        + " (?, 'm1', 'm1', 'Kim', 'Try a cosine schedule with linear warmup', CURRENT_TIMESTAMP)",
                kept);
        sql("DELETE FROM question WHERE id = ?", deleted);
        assertThat(search("cosine schedule")).isEmpty();

        assertThat(indexing.catchUpAfterOthers())
                .as("the asked and the answered")
                .isEqualTo(2);
        assertThat(index.ids()).containsExactlyInAnyOrder(kept, asked);
        assertThat(search("transformers")).containsExactly(asked);
        assertThat(search("cosine schedule")).containsExactly(kept);
        assertThat(search("Kaggle submission")).isEmpty();

        sql("UPDATE question SET title = 'Anchor-free detectors' WHERE id = ?", kept);
        assertThat(indexing.catchUpAfterOthers())
                .as("only what changed since the last catch-up")
                .isEqualTo(1);
        assertThat(search("anchor-free detectors")).containsExactly(kept);
        assertThat(indexing.catchUpAfterOthers()).isZero();
    }
}
