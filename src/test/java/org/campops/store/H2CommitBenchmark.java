package org.campops.store;

import static org.campops.testing.Bench.fmt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.campops.testing.Bench;

/**
 * Benchmark (not a test; never run by {@code mvn verify}): single-row insert + commit on an H2 file database
 * opened through the product's code ({@link Database#open}: HikariCP, Flyway, {@link Database#inTransaction}),
 * with {@code WRITE_DELAY=0} (what the product uses: a commit is in the file before it returns) and with H2's
 * default {@code WRITE_DELAY=500} (commits reach the file up to 500 ms later), on 1 and 4 threads; and with H2's
 * {@code async:} file system when the product does not use it already. Writes the {@value #SECTION} section of
 * BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench=org.campops.store.H2CommitBenchmark}.
 * Arguments: {@code [path-to-BENCHMARKS.md]}; without it the Markdown is only printed.
 */
public final class H2CommitBenchmark {
    static final String SECTION = "## H2 durable commits";
    static final int TRANSACTIONS = Integer.getInteger("bench.transactions", 5_000);
    static final int WARMUP = 1_000;
    static final int POOL = 8;

    private H2CommitBenchmark() {}

    /**
     * A way to open the file: {@code fs} is the H2 file system prefix ("file:" or "async:"), {@code writeDelay}
     * "0" (the product) or H2's default "500".
     */
    record Setting(String fs, String writeDelay) {
        String label() {
            return "`" + fs + "`, `WRITE_DELAY=" + writeDelay + "`" + (writeDelay.equals("0") ? "" : " (H2 default)");
        }
    }

    record Result(Setting setting, int threads, double seconds, double[] latencyMs) {
        double perSecond() {
            return latencyMs.length / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        String loadBefore = Bench.loadAverage();
        List<Result> results = new ArrayList<>();
        Path root = Files.createTempDirectory("campops-h2-bench");
        long fileBytes = 0;
        try {
            List<Setting> settings = settings();
            for (int round = 0; round < 2; round++) {
                // twice, in alternating order, so a busy moment of the shared machine does not hit one setting only
                List<Setting> order = new ArrayList<>(settings);
                if (round == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Setting setting : order) {
                    for (int threads : new int[] {1, 4}) {
                        Path dir = root.resolve(
                                setting.fs().replace(":", "") + setting.writeDelay() + "-t" + threads + "-" + round);
                        Result r = measure(dir, setting, threads);
                        results.add(r);
                        System.err.printf(
                                "%s, %d thread(s): %.0f commits/s, p50 %.3f ms, p99 %.3f ms%n",
                                setting.label(),
                                threads,
                                r.perSecond(),
                                Bench.percentile(r.latencyMs(), 50),
                                Bench.percentile(r.latencyMs(), 99));
                        fileBytes = Math.max(fileBytes, Files.size(dir.resolve("bench.mv.db")));
                    }
                }
            }
        } finally {
            Bench.deleteTree(root);
        }
        String loadAfter = Bench.loadAverage();
        String md = report(results, loadBefore, loadAfter, fileBytes);
        System.out.println(md);
        if (out != null) {
            Bench.writeSection(out, SECTION, md);
            System.out.println("(written to " + out.toAbsolutePath() + ")");
        }
    }

    /** What the product opens (a {@code file:} URL through {@link Database#h2Defaults}), H2's default delay, and
     * H2's {@code async:} file system unless the product already uses it. */
    static List<Setting> settings() {
        String productFs = productFileSystem();
        List<Setting> out = new ArrayList<>(List.of(new Setting(productFs, "0"), new Setting(productFs, "500")));
        if (!productFs.equals("async:")) {
            out.add(new Setting("async:", "0"));
        }
        return out;
    }

    /** The file system prefix {@link Database#h2Defaults} gives a plain file URL. */
    static String productFileSystem() {
        String url = Database.h2Defaults("jdbc:h2:file:/x/bench");
        return url.startsWith("jdbc:h2:async:") ? "async:" : "file:";
    }

    static Result measure(Path dir, Setting setting, int threads) throws Exception {
        Files.createDirectories(dir);
        String url = "jdbc:h2:" + setting.fs() + dir.resolve("bench").toAbsolutePath();
        if (!setting.writeDelay().equals("0")) {
            // Database.open adds WRITE_DELAY=0 unless the URL sets it: this is H2's own default.
            url += ";WRITE_DELAY=" + setting.writeDelay();
        }
        try (Database db = Database.open(url, POOL)) {
            db.inTransaction(
                    c -> c.getConnection()
                            .createStatement()
                            .execute(
                                    "CREATE TABLE bench_commit (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                                            + " owner_id VARCHAR(32) NOT NULL, text VARCHAR(200) NOT NULL, created_at TIMESTAMP NOT NULL)"));
            run(db, 1, WARMUP, new double[WARMUP]);
            double[] latency = new double[TRANSACTIONS];
            long start = System.nanoTime();
            run(db, threads, TRANSACTIONS, latency);
            double seconds = (System.nanoTime() - start) / 1e9;
            int rows = db.inTransaction(c -> {
                try (var rs = c.getConnection().createStatement().executeQuery("SELECT COUNT(*) FROM bench_commit")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            if (rows != WARMUP + TRANSACTIONS) {
                throw new IllegalStateException("expected " + (WARMUP + TRANSACTIONS) + " rows, found " + rows);
            }
            return new Result(setting, threads, seconds, latency);
        }
    }

    /** {@code total} transactions of one insert each, shared by {@code threads} threads. */
    static void run(Database db, int threads, int total, double[] latencyMs) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(
                    () -> {
                        int i;
                        while ((i = next.getAndIncrement()) < total) {
                            int n = i;
                            long s = System.nanoTime();
                            db.inTransaction(c -> {
                                try (PreparedStatement ps = c.getConnection()
                                        .prepareStatement(
                                                "INSERT INTO bench_commit (owner_id, text, created_at) VALUES (?, ?, ?)")) {
                                    ps.setString(1, Long.toString(1_190_000_000_000_100_000L + n % 300));
                                    ps.setString(2, "a small row, like a reminder: " + n);
                                    ps.setTimestamp(3, Timestamp.from(Instant.now()));
                                    return ps.executeUpdate();
                                }
                            });
                            latencyMs[n] = (System.nanoTime() - s) / 1e6;
                        }
                    },
                    "bench-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    static String report(List<Result> results, String loadBefore, String loadAfter, long fileBytes) {
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append("Single-row insert + commit on an H2 ")
                .append(org.h2.engine.Constants.FULL_VERSION)
                .append(" file database, opened through the product's code (`Database.open`: HikariCP pool of ")
                .append(POOL)
                .append(
                        ", Flyway; each transaction through `Database.inTransaction`). Generated by `H2CommitBenchmark` on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(".\n\n");
        md.append("- Command: `").append(Bench.command(H2CommitBenchmark.class)).append("`\n");
        md.append(Bench.machine(loadBefore, loadAfter));
        md.append(Bench.java());
        md.append(fmt(
                "- Settings: %,d transactions per measurement after %,d warm-up ones on a fresh database file in"
                        + " the temporary directory (`%s`); each measurement done twice, the settings in alternating order;"
                        + " table of 4 columns (identity key, two short strings, a timestamp); largest file %.1f MiB\n\n",
                TRANSACTIONS, WARMUP, System.getProperty("java.io.tmpdir"), fileBytes / 1048576.0));
        md.append("What the product opens: `")
                .append(Database.h2Defaults("jdbc:h2:file:./data/campops"))
                .append("` for `jdbc:h2:file:./data/campops`.\n\n");
        md.append("| file system, `WRITE_DELAY` | threads | run | commits/s | latency p50 / p99 / max (mean) |\n"
                + "|---|---|---|---|---|\n");
        Map<String, Integer> runs = new java.util.HashMap<>();
        for (Result r : results) {
            int run = runs.merge(r.setting().label() + r.threads(), 1, Integer::sum);
            double[] l = r.latencyMs();
            md.append(fmt(
                    "| %s | %d | %d | %,.0f | %.3f / %.3f / %.3f ms (%.3f ms) |%n",
                    r.setting().label()
                            + (r.setting().fs().equals(productFileSystem())
                                            && r.setting().writeDelay().equals("0")
                                    ? " **(product)**"
                                    : ""),
                    r.threads(),
                    run,
                    r.perSecond(),
                    Bench.percentile(l, 50),
                    Bench.percentile(l, 99),
                    Bench.percentile(l, 100),
                    Arrays.stream(l).average().orElse(0)));
        }
        md.append('\n').append(summary(results)).append('\n');
        return md.toString();
    }

    /** What the durable commit costs, from the worse of the two runs of each setting (rate and p99 each). */
    static String summary(List<Result> results) {
        String fs = productFileSystem();
        double[] product1 = worst(results, new Setting(fs, "0"), 1);
        double[] product4 = worst(results, new Setting(fs, "0"), 4);
        double[] lazy1 = worst(results, new Setting(fs, "500"), 1);
        double[] lazy4 = worst(results, new Setting(fs, "500"), 4);
        String text = fmt(
                "With `WRITE_DELAY=0` each commit is written into the database file before it returns (into the"
                        + " operating system's page cache: H2 does not force it to the disk, see H2's \"Durability Problems\", so"
                        + " an acknowledged commit survives the death of the process, not a power cut). Taking the worse of the two"
                        + " runs of each setting, that costs %.1f× the commit rate on one thread (%,.0f vs %,.0f commits/s, p99 %.3f vs %.3f ms)"
                        + " and %.1f× on four (%,.0f vs %,.0f commits/s, p99 %.3f vs %.3f ms: the writes of concurrent commits"
                        + " queue on the store's lock). Even so a commit takes well under a millisecond in the median, and"
                        + " %,.0f commits/s is far more than the bot needs (300 `/remind set` in a second are 300 commits, plus"
                        + " their planning).",
                lazy1[0] / product1[0],
                product1[0],
                lazy1[0],
                product1[1],
                lazy1[1],
                lazy4[0] / product4[0],
                product4[0],
                lazy4[0],
                product4[1],
                lazy4[1],
                Math.min(product1[0], product4[0]));
        if (!fs.equals("async:")) {
            double[] async1 = worst(results, new Setting("async:", "0"), 1);
            double[] async4 = worst(results, new Setting("async:", "0"), 4);
            text += fmt(
                    " H2's `async:` file system (writes through an `AsynchronousFileChannel`; the commit still waits for"
                            + " its write) with `WRITE_DELAY=0`: %,.0f commits/s on one thread (p99 %.3f ms), %,.0f on four (p99 %.3f ms).",
                    async1[0], async1[1], async4[0], async4[1]);
        }
        return text;
    }

    /** {commits/s, p99 ms}: the lowest rate and the highest p99 of the runs of a setting. */
    static double[] worst(List<Result> results, Setting setting, int threads) {
        double rate = Double.MAX_VALUE;
        double p99 = 0;
        for (Result r : results) {
            if (r.setting().equals(setting) && r.threads() == threads) {
                rate = Math.min(rate, r.perSecond());
                p99 = Math.max(p99, Bench.percentile(r.latencyMs(), 99));
            }
        }
        return new double[] {rate, p99};
    }
}
