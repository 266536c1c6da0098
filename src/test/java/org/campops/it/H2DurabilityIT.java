package org.campops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.campops.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a commit acknowledged on the default store survives a kill -9: a child JVM opens an H2 file database through
 * the product's {@link Database#open} (its URL rewriting: {@code async:} file system, {@code WRITE_DELAY=0}) and
 * commits single-row transactions on eight threads, printing each id once its commit returned; it is killed with
 * SIGKILL mid-stream, and every printed id must be in the file when it is opened again.
 */
class H2DurabilityIT {
    private static final int THREADS = 8;
    private static final int ACKS_BEFORE_KILL = 1500;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesAKillNine() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/durability").toAbsolutePath();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Writer.class.getName(),
                        url)
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        List<Long> acked = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null; ) {
                acked.add(Long.parseLong(line.trim()));
            }
            // SIGKILL from outside (Process.destroyForcibly would also close the pipe the rest is read from).
            assertThat(new ProcessBuilder("kill", "-9", String.valueOf(child.pid()))
                            .start()
                            .waitFor())
                    .isZero();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // What the child printed before it died was acknowledged too.
            for (String line; (line = out.readLine()) != null; ) {
                if (!line.isBlank()) {
                    acked.add(Long.parseLong(line.trim()));
                }
            }
        }
        assertThat(acked)
                .as(() -> "acknowledged commits before the kill; child stderr: " + read(dir.resolve("child.err")))
                .hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        Database db = Database.open(url, 2);
        try {
            List<Long> lost = new ArrayList<>();
            for (long id : acked) {
                long found = db.inTransaction(c -> c.select("SELECT COUNT(*) FROM durability WHERE id = ?", id)
                        .mapTo(Long.class)
                        .one());
                if (found == 0) {
                    lost.add(id);
                }
            }
            assertThat(lost).as("acknowledged but lost after kill -9").isEmpty();
        } finally {
            db.close();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /**
     * The child: commits on {@link #THREADS} threads and prints each id after its commit returned, until it is killed
     * (or its parent is gone: standard input closed).
     */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Database db = Database.open(args[0], THREADS);
            db.inTransaction(c -> c.execute(
                    "CREATE TABLE IF NOT EXISTS durability (id BIGINT PRIMARY KEY, pad VARCHAR(200) NOT NULL)"));
            AtomicLong next = new AtomicLong();
            String pad = "x".repeat(100);
            for (int t = 0; t < THREADS; t++) {
                Thread writer = new Thread(() -> {
                    while (true) {
                        long id = next.incrementAndGet();
                        db.inTransaction(c -> c.execute("INSERT INTO durability (id, pad) VALUES (?, ?)", id, pad));
                        synchronized (System.out) {
                            System.out.println(id);
                            System.out.flush();
                        }
                    }
                });
                writer.start();
            }
            // Killed by the test; should the test's JVM die first, its end of the stdin pipe closes and this ends.
            while (System.in.read() != -1) {
                // nothing is written to it
            }
            System.exit(1);
        }
    }
}
