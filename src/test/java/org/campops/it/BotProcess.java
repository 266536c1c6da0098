package org.campops.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.campops.testing.fakediscord.FakeDiscord;

/**
 * The packaged jar ({@code campops run}) as a child process against a {@link FakeDiscord}, on an H2 file
 * database that outlives the process: start it, kill it for real (SIGKILL or SIGTERM), start it again on the same
 * file, and read the database while no process has it open. Each run logs to its own file in the work directory.
 */
final class BotProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/campops.jar");
    /** The line {@code campops run} prints once it is connected and its scheduler and outbox run. */
    static final String STARTED = "CampOps is connected as";
    /** The line {@code campops run} prints when another instance holds the gateway (its timers run). */
    static final String STANDING_BY = "CampOps is standing by";
    /** Logged when a standing-by instance has taken the gateway over (connected, sending the outbox). */
    static final String TOOK_OVER = "this instance now holds the Discord gateway";

    private final Path dir;
    private final FakeDiscord fake;
    private final Path config;
    private final String name;
    private final Map<String, String> env;
    private final List<String> jvm;
    private Process process;
    private Path log;
    private int runs;

    BotProcess(Path dir, FakeDiscord fake, Path config) {
        this(dir, fake, config, "run", Map.of());
    }

    /**
     * A process whose logs are {@code <name>-N.log} and whose environment adds {@code env} to (or overrides) the
     * defaults: e.g. another {@code DISCORD_TOKEN} (for a fake started with any token accepted) or a PostgreSQL
     * {@code CAMPOPS_DB_URL} shared with other processes.
     */
    BotProcess(Path dir, FakeDiscord fake, Path config, String name, Map<String, String> env) {
        this(dir, fake, config, name, env, null);
    }

    /** As above, with these JVM options instead of {@link ChildJvm#options()} (null: those). */
    BotProcess(Path dir, FakeDiscord fake, Path config, String name, Map<String, String> env, List<String> jvm) {
        this.dir = dir;
        this.fake = fake;
        this.config = config;
        this.name = name;
        this.env = Map.copyOf(env);
        this.jvm = jvm;
    }

    String dbUrl() {
        return "jdbc:h2:file:" + dir.resolve("db/campops").toAbsolutePath();
    }

    /** Starts a run and waits until it says it is connected (its outbox dispatcher and timers are running). */
    BotProcess start(Duration timeout) throws IOException, InterruptedException {
        launch();
        awaitLog(STARTED, timeout);
        fake.awaitReady(timeout);
        return this;
    }

    /**
     * Starts a run on a database whose gateway another process holds, and waits until it says it stands by (its
     * timers are running; it has not connected to Discord).
     */
    BotProcess startStandingBy(Duration timeout) throws IOException, InterruptedException {
        launch();
        awaitLog(STANDING_BY, timeout);
        return this;
    }

    /** Waits until the current run's log holds {@code line} (fails if the process ends first). */
    void awaitLog(String line, Duration timeout) throws InterruptedException {
        // A line stays in the log once written (or the process is gone for good).
        org.campops.testing.Await.until(
                () -> !process.isAlive() || log().contains(line),
                timeout,
                () -> name + " " + runs + " to log '" + line + "':\n" + tail(60));
        if (!log().contains(line)) {
            throw new AssertionError(name + " " + runs + " exited with " + process.exitValue() + " before it logged '"
                    + line + "':\n" + tail(60));
        }
    }

    private void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        runs++;
        log = dir.resolve(name + "-" + runs + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.addAll(jvm != null ? jvm : ChildJvm.options());
        cmd.addAll(List.of(
                "-jar",
                JAR.toAbsolutePath().toString(),
                "run",
                "--config",
                config.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISCORD_TOKEN", FakeDiscord.DEFAULT_TOKEN);
        pb.environment().put("DISCORD_API_URL", fake.restBaseUrl());
        pb.environment().put("DISCORD_GATEWAY_URL", fake.gatewayUrl());
        pb.environment().put("CAMPOPS_DB_URL", dbUrl());
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** SIGKILL: the process dies at once, whatever it was doing; waits until it is gone and its gateway is closed. */
    void kill9() throws InterruptedException {
        kill9Only();
        fake.awaitNoConnections(Duration.ofSeconds(15));
    }

    /** SIGKILL, waiting only until the process is gone (other processes may still be connected to the fake). */
    void kill9Only() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " " + runs + " still alive 15 s after SIGKILL");
        }
    }

    /** Sends SIGTERM (an orderly stop); returns how long it took to exit, or fails if it did not within {@code limit}. */
    Duration terminate(Duration limit) throws InterruptedException {
        long t0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            String tail = tail(40);
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
            throw new AssertionError(name + " " + runs + " did not exit within " + limit + " of SIGTERM:\n" + tail);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        fake.awaitNoConnections(Duration.ofSeconds(15));
        return took;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int runs() {
        return runs;
    }

    /** The current run's log so far. */
    String log() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The first column of each row of {@code sql}; only while no run has the database open. */
    List<String> column(String sql) throws SQLException {
        return rows(sql).stream().map(r -> r.values().iterator().next()).toList();
    }

    /** Every row of {@code sql} as column label → text; only while no run has the database open. */
    List<Map<String, String>> rows(String sql) throws SQLException {
        if (alive()) {
            throw new IllegalStateException("the database is open in the running bot");
        }
        List<Map<String, String>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl() + ";WRITE_DELAY=0");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** Counts of {@code table}'s rows by {@code status} (rows matching {@code where}, which may be empty). */
    Map<String, Integer> statusCounts(String table, String where) throws SQLException {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Map<String, String> r : rows("SELECT status, COUNT(*) AS n FROM " + table
                + (where.isBlank() ? "" : " WHERE " + where) + " GROUP BY status")) {
            out.put(r.get("status"), Integer.parseInt(r.get("n")));
        }
        return out;
    }

    /**
     * Stops a run that is still alive (a drill failed before its orderly stop): its threads are written to
     * {@code <name>-N-threads.txt} first, so a drill that timed out says where the bot was stuck.
     */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            threadDump();
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private void threadDump() throws InterruptedException {
        Path out = dir.resolve(name + "-" + runs + "-threads.txt");
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(process.pid()),
                            "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!jcmd.waitFor(20, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
        } catch (IOException e) {
            // Diagnostics only: the drill's own failure is what counts.
        }
    }
}
