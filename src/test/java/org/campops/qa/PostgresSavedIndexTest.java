package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.campops.qa.search.QuestionIndex;
import org.campops.store.Database;
import org.campops.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * {@link SavedIndexTest} on PostgreSQL, where each instance saves its index in a folder of its own
 * ({@code qa.indexFolder}) and other instances change questions too: what they changed is read every
 * {@link QaIndexSaving#SAVE_EVERY} ({@link QaIndexing#refresh}), and a save claims only what was read, never a number
 * whose transaction was still open.
 */
class PostgresSavedIndexTest extends SavedIndexTest {
    private String url;

    @Override
    Database openDatabase() {
        url = TestPostgres.freshDatabase();
        return Database.open(url, 4);
    }

    @Override
    void restoreAnOlderBackup() {
        sql("ALTER SEQUENCE qa_change_seq RESTART WITH 1");
        sql("ALTER TABLE question DISABLE TRIGGER question_change_seq");
        sql("UPDATE question SET change_seq = 0");
        sql("ALTER TABLE question ENABLE TRIGGER question_change_seq");
    }

    private long savedMark() {
        return Long.parseLong(index.savedMarks().get(QaIndexing.CHANGE_SEQ));
    }

    private long highestChange() {
        return db.inTransaction(new QaIndexRepository()::maxChangeSeq);
    }

    @Test
    void whatOtherInstancesChangeIsReadAndSavedEveryTick() throws Exception {
        long yolo = question("YOLO anchor boxes explained", "t1");
        start();
        List<String> built = generations();

        // another instance holds the gateway: a question asked and one answered through it
        long asked = question("Learning rate warmup for transformers", "t2");
        sql(
                "INSERT INTO answer (question_id, message_id, author_id, author_name, text, posted_at) VALUES"
                        + " (?, 'm1', 'm1', 'Kim', 'Lower the batch size or use gradient checkpointing',"
                        + " CURRENT_TIMESTAMP)",
                yolo);
        assertThat(search("transformers")).isEmpty();

        indexing.refresh();
        assertThat(search("transformers")).containsExactly(asked);
        assertThat(search("gradient checkpointing")).containsExactly(yolo);
        assertThat(savedMark()).as("saved with what it read").isEqualTo(highestChange());

        long later = question("Mixed precision on a T4", "t3");
        die(); // after the save, before the next tick: the next start reads only what came after the mark
        start();
        assertThat(generations()).as("caught up, not rebuilt").isEqualTo(built);
        assertThat(search("mixed precision")).containsExactly(later);
        assertThat(index.ids()).containsExactlyInAnyOrder(yolo, asked, later);
    }

    @Test
    void aNumberWhoseTransactionIsStillOpenIsNeverClaimed() throws Exception {
        question("YOLO anchor boxes explained", "t1");
        start();
        indexing.patience = Duration.ofMillis(200);
        long before = savedMark();

        try (Connection writer = DriverManager.getConnection(url)) {
            writer.setAutoCommit(false);
            long slow;
            try (PreparedStatement st = writer.prepareStatement(
                    "INSERT INTO question (asker_id, asker_name, anonymous, title, details, channel_id, thread_id,"
                            + " status, locale, asked_at) VALUES ('c2', 'Jisoo', FALSE, 'Segmentation mask"
                            + " overlap', '', 'forum', 't2', 'OPEN', 'ko', CURRENT_TIMESTAMP) RETURNING id, change_seq")) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    slow = rs.getLong(1);
                    assertThat(rs.getLong(2)).isGreaterThan(before);
                }
            }
            // a change numbered after the open one commits first
            long quick = question("CUDA out of memory on a T4", "t3");
            assertThat(highestChange()).isGreaterThan(before);

            indexing.refresh();
            assertThat(savedMark())
                    .as("a writer is open: nothing claimed, nothing read")
                    .isEqualTo(before);
            assertThat(search("out of memory")).isEmpty();

            writer.commit();
            indexing.refresh();
            assertThat(search("segmentation mask")).containsExactly(slow);
            assertThat(search("out of memory")).containsExactly(quick);
            assertThat(savedMark()).isEqualTo(highestChange());
        }
    }

    @Test
    void eachInstanceKeepsItsOwnFolderAndASecondOneOnTheSameFolderKeepsItsIndexInMemory() {
        String id = db.inTransaction(new QaIndexRepository()::databaseId);
        try (QuestionIndex first =
                        QaFeature.openIndex(db, dir.resolve("indexes").toString());
                QuestionIndex second =
                        QaFeature.openIndex(db, dir.resolve("indexes").toString());
                QuestionIndex none = QaFeature.openIndex(db, " ")) {
            assertThat(first.savesToDisk()).isTrue();
            assertThat(dir.resolve("indexes").resolve(id))
                    .as("a folder per database")
                    .isDirectory();
            assertThat(second.savesToDisk()).as("in use by the first").isFalse();
            assertThat(none.savesToDisk()).as("qa.indexFolder empty").isFalse();
        }
        try (QuestionIndex again =
                QaFeature.openIndex(db, dir.resolve("indexes").toString())) {
            assertThat(again.savesToDisk()).as("free once the first closed").isTrue();
        }
    }
}
