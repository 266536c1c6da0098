package org.campops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file settings: commits on disk before they return, and interrupted threads cannot close the
 * database. Insert-once keeps a transaction usable when another one inserted the same key first.
 */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void fileUrlsGetDurableCommitsAndRetryOnInterrupt() {
        assertThat(Database.h2Defaults("jdbc:h2:file:./data/campops"))
                .isEqualTo("jdbc:h2:async:file:./data/campops;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:./x"))
                .isEqualTo("jdbc:h2:async:./x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:file:/x;WRITE_DELAY=100"))
                .isEqualTo("jdbc:h2:async:file:/x;WRITE_DELAY=100;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:mem:t"))
                .isEqualTo("jdbc:h2:mem:t;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:tcp://localhost/x"))
                .isEqualTo("jdbc:h2:tcp://localhost/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aThreadInterruptedWhileCommittingDoesNotCloseTheDatabase() throws Exception {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), 4)) {
            db.inTransaction(c -> c.execute("CREATE TABLE t (x INT)"));
            AtomicInteger committed = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    int n = i;
                    try {
                        db.inTransaction(c -> c.execute("INSERT INTO t VALUES (?)", n));
                        committed.incrementAndGet();
                    } catch (RuntimeException e) {
                        // an interrupted commit may fail; the database must stay open
                    }
                    started.countDown();
                }
            });
            writer.start();
            started.await();
            while (writer.isAlive()) {
                writer.interrupt();
                Thread.onSpinWait();
            }
            int rows = db.inTransaction(
                    c -> c.select("SELECT COUNT(*) FROM t").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(committed.get()).isPositive();
        }
    }

    @Test
    void insertOnceLosingARaceLeavesTheTransactionUsableOnH2() throws SQLException {
        try (Handle c =
                Jdbi.open(DriverManager.getConnection("jdbc:h2:mem:insert-once-" + java.util.UUID.randomUUID()))) {
            insertOnceLosingARace(c);
        }
    }

    /** PostgreSQL aborts a transaction at its first failed statement (a fresh database of the test PostgreSQL). */
    @Test
    void insertOnceLosingARaceLeavesTheTransactionUsableOnPostgres() throws SQLException {
        String url = org.campops.testing.TestPostgres.freshDatabase();
        try (Handle c = Jdbi.open(DriverManager.getConnection(url))) {
            insertOnceLosingARace(c);
        }
    }

    private static void insertOnceLosingARace(Handle c) {
        String table = "insert_once_" + Long.toHexString(System.nanoTime());
        c.execute("CREATE TABLE " + table + " (k VARCHAR(10) PRIMARY KEY, v INT)");
        try {
            c.execute("INSERT INTO " + table + " VALUES ('a', 1)");
            c.begin();
            // A check that misses the row, as when the winner had not committed yet at the check.
            String missingCheck = "SELECT 1 FROM " + table + " WHERE k = ? AND 1 = 0";
            String insert = "INSERT INTO " + table + " (k, v) VALUES (?, ?)";
            assertThat(Rows.insertOnce(c, missingCheck, insert, "a", 2)).isFalse();
            // The same transaction goes on: it reads, and claims another key.
            assertThat(c.select("SELECT v FROM " + table + " WHERE k = ?", "a")
                            .mapTo(Integer.class)
                            .findFirst())
                    .contains(1);
            assertThat(Rows.insertOnce(c, "SELECT 1 FROM " + table + " WHERE k = ?", insert, "b", 3))
                    .isTrue();
            assertThat(Rows.insertOnce(c, "SELECT 1 FROM " + table + " WHERE k = ?", insert, "b", 4))
                    .isFalse();
            c.commit();
            assertThat(c.select("SELECT k || v FROM " + table + " ORDER BY k")
                            .mapTo(String.class)
                            .list())
                    .containsExactly("a1", "b3");
        } finally {
            if (c.isInTransaction()) {
                c.rollback();
            }
            c.execute("DROP TABLE " + table);
        }
    }
}
