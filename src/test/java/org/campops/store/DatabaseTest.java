package org.campops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file settings: commits on disk before they return, and interrupted threads cannot close the database. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void fileUrlsGetDurableCommitsAndRetryOnInterrupt() {
        assertThat(Database.h2Defaults("jdbc:h2:file:./data/campops")).isEqualTo("jdbc:h2:async:file:./data/campops;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:./x")).isEqualTo("jdbc:h2:async:./x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:file:/x;WRITE_DELAY=100")).isEqualTo("jdbc:h2:async:file:/x;WRITE_DELAY=100;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:mem:t")).isEqualTo("jdbc:h2:mem:t;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.h2Defaults("jdbc:h2:tcp://localhost/x")).isEqualTo("jdbc:h2:tcp://localhost/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aThreadInterruptedWhileCommittingDoesNotCloseTheDatabase() throws Exception {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), 4)) {
            db.inTransaction(c -> c.createStatement().execute("CREATE TABLE t (x INT)"));
            AtomicInteger committed = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    int n = i;
                    try {
                        db.inTransaction(c -> {
                            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                                ps.setInt(1, n);
                                return ps.executeUpdate();
                            }
                        });
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
            int rows = db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(committed.get()).isPositive();
        }
    }
}
