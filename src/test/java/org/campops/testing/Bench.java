package org.campops.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the benchmark main classes share (they are not tests and never run in {@code mvn verify}): the
 * machine description, percentiles and replacing one section of BENCHMARKS.md.
 */
public final class Bench {
    /** How a benchmark is started; {@code -Dbench=CLASS} picks it (see the {@code bench} profile in pom.xml). */
    public static final String COMMAND = "mvn -B -q -Pbench test-compile exec:exec -Dbench=";

    private Bench() {}

    public static String command(Class<?> benchmark) {
        return COMMAND + benchmark.getName();
    }

    /** {@code n} members added to the fake, with ids counting up from {@code firstId}. */
    public static java.util.List<String> members(
            org.campops.testing.fakediscord.FakeDiscord fake, long firstId, int n) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = Long.toString(firstId + i);
            fake.addMember(
                    id,
                    "member" + id.substring(id.length() - 6),
                    org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE);
            ids.add(id);
        }
        return ids;
    }

    /**
     * Between two measured phases: first the bot settles (every planned trigger stored, nothing due or in
     * flight in the outbox, every DM channel wished for opened ahead, each waited for with a deadline), then a deliberate quiet gap, so the fake's
     * rolling one-second global-limit window and the JVM's background work of one phase do not count
     * against the next. The gap is part of the measurement design, not a wait for something to happen.
     */
    public static void betweenPhases(org.campops.app.RunningBot bot, java.time.Duration gap)
            throws InterruptedException {
        if (!bot.app().moments().awaitPlanned(java.time.Duration.ofSeconds(60))) {
            throw new IllegalStateException("triggers not planned within 60 s");
        }
        bot.app().dispatcher().drain(java.time.Duration.ofSeconds(60));
        // DM channels wished for by the phase before (it set reminders, RSVP'd): opened in the background once
        // commands are quiet; a phase measured while they are opened would measure them too.
        Await.until(() -> dmWishes(bot) == 0, java.time.Duration.ofSeconds(120), () -> "DM channels opened ahead", 200);
        Thread.sleep(gap.toMillis());
    }

    private static int dmWishes(org.campops.app.RunningBot bot) {
        try (java.sql.Connection c = bot.app().database().dataSource().getConnection();
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM dm_channel_wanted")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 1/5/15-minute load average from /proc/loadavg. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
                    .split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch") + " (CPU model unknown)";
    }

    /**
     * A system property, else the environment variable of the same name in capitals ({@code bench.rounds}:
     * {@code BENCH_ROUNDS}): the bench profile starts a benchmark with fixed arguments, so {@code -D} given to Maven
     * does not reach it.
     */
    public static int setting(String name, int otherwise) {
        String env = System.getenv(name.replace('.', '_').toUpperCase(Locale.ROOT));
        return Integer.getInteger(name, env == null || env.isBlank() ? otherwise : Integer.parseInt(env.strip()));
    }

    /** JVM options for a benchmark's bot process ({@code CAMPOPS_JAVA_OPTS}): {@code bench.jvm} or {@code BENCH_JVM}. */
    public static String jvmOptions() {
        String env = System.getenv("BENCH_JVM");
        return System.getProperty("bench.jvm", env == null ? "" : env).strip();
    }

    /** Parks until {@link System#nanoTime()} reaches {@code atNanos}: paces the interactions of a burst. */
    public static void waitUntil(long atNanos) {
        long now;
        while ((now = System.nanoTime()) < atNanos) {
            java.util.concurrent.locks.LockSupport.parkNanos(atNanos - now);
        }
    }

    /** The "- Machine:" line, with the load average before and after. */
    public static String machine(String loadBefore, String loadAfter) {
        return "- Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + cpuModel()
                + "; load average (1/5/15 min) " + loadBefore + " before, " + loadAfter
                + " after the run (other processes shared the CPUs if above ~0)\n";
    }

    /** The "- Java:" line. */
    public static String java() {
        return "- Java: " + System.getProperty("java.vm.name") + ' ' + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, JVM args `"
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "`\n";
    }

    /** The p-th percentile (nearest rank) of {@code values}; NaN when empty. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))];
    }

    public static double percentile(List<Double> values, double p) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }

    public static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Deletes a directory tree (the benchmarks' temporary databases). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * Replaces the section that starts with the line {@code heading} (up to the next "## " or "# " heading) by
     * {@code section}, or appends it. Sub-headings inside a section must be "### " or deeper.
     */
    public static void writeSection(Path file, String heading, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(heading)) {
                start = i;
                break;
            }
        }
        String body = section.strip();
        String result;
        if (start < 0) {
            result = text.stripTrailing() + "\n\n" + body + "\n";
        } else {
            int end = lines.size();
            for (int i = start + 1; i < lines.size(); i++) {
                if (lines.get(i).startsWith("## ") || lines.get(i).startsWith("# ")) {
                    end = i;
                    break;
                }
            }
            String before = String.join("\n", lines.subList(0, start));
            String after = String.join("\n", lines.subList(end, lines.size()));
            result = (before.isBlank() ? "" : before.stripTrailing() + "\n\n") + body + "\n"
                    + (after.isBlank() ? "" : "\n" + after.stripLeading());
        }
        if (!result.endsWith("\n")) {
            result += "\n";
        }
        Files.writeString(file, result, StandardCharsets.UTF_8);
    }
}
