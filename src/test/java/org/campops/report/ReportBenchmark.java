package org.campops.report;

import static org.campops.testing.Bench.fmt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.app.CampOps;
import org.campops.chat.Reply;
import org.campops.config.CampConfig;
import org.campops.console.ConsoleOutput;
import org.campops.store.Database;
import org.campops.testing.Bench;
import org.campops.testing.TestConfig;

/**
 * Benchmark (not a test; never run by {@code mvn verify}): the weekly report of a large camp (300 campers in 30 teams
 * with a mentor each, 26 weeks, 5,000 questions; {@link CampGenerator}) built as the scheduled post builds it, from an
 * H2 file database: the figures of the week and the week before ({@link Reports#week}), the summary, the six charts
 * ({@link ReportCharts#render}) and the CSV. The camp is written once through {@link Database#open} (migrations) and
 * one transaction; then {@value #RUNS} times two fresh JVMs, one after another, each open the database as the product
 * does ({@link CampOps}, which also starts the report feature) and build {@value #ROUNDS} reports in a row. In the
 * first JVM of a run the first report is cold (JFreeChart, AWT, the font and the queries used for the first time), as
 * in {@code campops export report}; the second does first what {@code campops run} does at start, {@link
 * Reports#warmUpInBackground} (waited for), so its first report is the one a running bot posts. Writes the {@value
 * #SECTION} section of BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench=org.campops.report.ReportBenchmark}. Arguments:
 * {@code [path-to-BENCHMARKS.md]}; with the environment variable {@code BENCH_IMAGES=DIR} a run also writes the PNGs
 * of its last report there.
 */
public final class ReportBenchmark {
    static final String SECTION = "## Weekly report: figures and charts";
    static final int RUNS = 3;
    static final int ROUNDS = 21;
    static final double TARGET_MS = 1000;
    /** The camp's report week is its 26th, 2026-W49; the post is built on the Monday after, at 09:00 in Seoul. */
    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    private static final String ROUND = "ROUND ";

    private ReportBenchmark() {}

    static CampGenerator.Shape shape() {
        List<String> teams = new ArrayList<>();
        List<String> tracks = List.of("컴퓨터비전", "자연어처리", "추천시스템");
        for (int i = 0; i < 30; i++) {
            teams.add(fmt("%s-%02d", tracks.get(i % 3), i / 3 + 1));
        }
        List<String> mentors = new ArrayList<>();
        List<String> family = List.of("김", "이", "박", "최", "정", "강");
        List<String> given = List.of("민준", "서연", "지호", "수아", "도윤");
        for (int i = 0; i < 30; i++) {
            mentors.add(family.get(i % 6) + given.get(i / 6) + " 멘토");
        }
        return new CampGenerator.Shape(
                teams,
                mentors,
                10,
                LocalDate.of(2026, 6, 8),
                26,
                5_000,
                List.of(
                        "Python & PyTorch 기초",
                        "Object Detection & Segmentation",
                        "Data-Centric AI",
                        "대회: 재활용 쓰레기 탐지",
                        "Transformers for NLP",
                        "MLOps & 모델 서빙"),
                java.time.ZoneId.of("Asia/Seoul"),
                20261207L);
    }

    static CampConfig config() {
        CampConfig test = TestConfig.load();
        return test.withProgram(
                CampGenerator.program(shape(), test.discord().channels().announcements()));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--run")) {
            run(args[1], Boolean.parseBoolean(args[2]));
            return;
        }
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        String loadBefore = Bench.loadAverage();
        Path dir = Files.createTempDirectory("campops-report-bench");
        try {
            String url = "jdbc:h2:file:" + dir.resolve("camp").toAbsolutePath();
            long start = System.nanoTime();
            BulkSeed rows = CampGenerator.rows(shape());
            try (Database db = Database.open(url, 2)) {
                rows.write(db);
            }
            double seedMs = (System.nanoTime() - start) / 1e6;
            System.err.printf("seeded %,d rows in %.0f ms%n", rows.rowCount(), seedMs);
            List<List<double[]>> runs = new ArrayList<>();
            for (int r = 0; r < RUNS; r++) {
                runs.add(child(url, false));
                runs.add(child(url, true));
            }
            String md = markdown(rows.rowCount(), seedMs, runs, loadBefore, Bench.loadAverage());
            System.out.println(md);
            if (out != null) {
                Bench.writeSection(out, SECTION, md);
                System.out.println("(written to " + out.toAbsolutePath() + ")");
            }
        } finally {
            Bench.deleteTree(dir);
        }
    }

    /** One run in a fresh JVM with this one's JVM arguments: its rounds (ms: total, figures, charts, CSV, CPU). */
    private static List<double[]> child(String url, boolean warmUp) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReportBenchmark.class.getName()));
        command.addAll(List.of("--run", url, Boolean.toString(warmUp)));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<double[]> rounds = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(ROUND)) {
                    String[] f = line.substring(ROUND.length()).split(" ");
                    double[] v = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        v[i] = Double.parseDouble(f[i]);
                    }
                    rounds.add(v);
                }
            }
        }
        if (p.waitFor() != 0 || rounds.size() != ROUNDS) {
            throw new IllegalStateException("run failed (exit " + p.exitValue() + ", " + rounds.size() + " rounds)");
        }
        return rounds;
    }

    /**
     * The measured JVM: opens the camp as the product does, warms the report up as {@code campops run} does if asked
     * (and waits for it), then builds {@value #ROUNDS} reports in a row.
     */
    private static void run(String url, boolean warmUp) throws Exception {
        CampConfig config = config();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (CampOps app = new CampOps(
                config, url, new ConsoleOutput(System.err, config.camp().zone(), clock), clock)) {
            Reports reports = app.service(Reports.class);
            if (warmUp) {
                reports.warmUpInBackground(java.time.Duration.ZERO).join();
            }
            ReportWeek last = shape().lastWeek();
            Locale locale = reports.campLocale();
            List<Reply.Attachment> files = List.of();
            for (int round = 0; round < ROUNDS; round++) {
                // W48, W47, W46, W49, W48, ...: no round repeats the week before it or the warm-up's (W49)
                ReportWeek week = last.plusWeeks(-((round + 1) % 4));
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Reports.Week w = reports.week(week);
                String summary = reports.summary(w, locale);
                long t1 = System.nanoTime();
                files = new ArrayList<>(ReportCharts.render(w.now(), locale));
                long t2 = System.nanoTime();
                files.add(ReportFiles.csvAttachment(w.now()));
                long t3 = System.nanoTime();
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e6;
                if (summary.isEmpty() || files.size() != 7) {
                    throw new IllegalStateException("not a full report: " + files.size() + " files");
                }
                System.out.println(fmt(
                        "%s%.1f %.1f %.1f %.1f %.1f",
                        ROUND, (t3 - t0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, cpu));
            }
            String images = System.getenv("BENCH_IMAGES");
            if (images != null) {
                Files.createDirectories(Path.of(images));
                for (Reply.Attachment f : files) {
                    Files.write(Path.of(images, f.fileName()), f.content());
                }
            }
        }
    }

    /** The section: the camp, then per run its cold report (split into its parts) and its warm rounds. */
    static String markdown(int rows, double seedMs, List<List<double[]>> runs, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder(SECTION).append("\n\n");
        md.append("The whole weekly report as the scheduled post builds it: the figures of the week and the week before"
                        + " from the database (`Reports.week`), the summary, the six PNG charts (`ReportCharts.render`,"
                        + " JFreeChart 1.5.6, headless) and the CSV. Generated by `ReportBenchmark` on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(".\n\n- Command: `")
                .append(Bench.command(ReportBenchmark.class))
                .append("`\n")
                .append(Bench.machine(loadBefore, loadAfter))
                .append(Bench.java())
                .append(fmt(
                        "- Camp (`CampGenerator`, seed %d): 300 campers in 30 teams with a mentor each, 26 weekly"
                                + " sessions per team with attendance and feedback, 5,000 questions over the 26 weeks"
                                + " on 6 topics with the first mentor reply, 2-3 office hours a week with RSVPs, 6"
                                + " competitions' wrap-up reviews, weekly posts: %,d rows written into an H2 file"
                                + " database through `Database.open` (migrations) in one transaction in %.0f ms (not"
                                + " measured below)%n",
                        shape().seed(), rows, seedMs))
                .append(fmt(
                        "- Runs: %d, each two fresh JVMs that open the database as the product does (`new CampOps(...)`,"
                                + " every feature started, no Discord) and build %d reports in a row, in Korean, of the"
                                + " 25th, 24th, 23rd and 26th week (2026-W49) in turn; in the first JVM report 1 is cold"
                                + " (JFreeChart, AWT, the font and the report's queries used for the first time), as"
                                + " in `campops export report`; the second JVM first does what `campops run` does"
                                + " three minutes after start, `Reports.warmUpInBackground` (the report of the week that just ended,"
                                + " built and dropped; waited for here, done long before Monday 09:00 in a running"
                                + " bot), so its report 1 is what the running bot's first post costs; reports 2-%d are"
                                + " warm%n%n",
                        runs.size() / 2, ROUNDS, ROUNDS))
                .append(
                        "| run | JVM | report 1 (ms) | of it: figures + summary / charts / CSV (ms) | report 1 CPU time,"
                                + " all threads (ms) | reports 2-21: median / p95 / max (ms) | reports 2-21 CPU time, median"
                                + " (ms) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        double[] worstFirst = new double[2];
        double worstP95 = 0;
        for (int r = 0; r < runs.size(); r++) {
            double[] first = runs.get(r).get(0);
            List<double[]> warm = runs.get(r).subList(1, runs.get(r).size());
            List<Double> totals = warm.stream().map(v -> v[0]).toList();
            List<Double> cpu = warm.stream().map(v -> v[4]).toList();
            worstFirst[r % 2] = Math.max(worstFirst[r % 2], first[0]);
            worstP95 = Math.max(worstP95, Bench.percentile(totals, 95));
            md.append(fmt(
                    "| %d | %s | %.0f | %.0f / %.0f / %.0f | %.0f | %.0f / %.0f / %.0f | %.0f |%n",
                    r / 2 + 1,
                    r % 2 == 0 ? "cold (as `export`)" : "warmed up (as `run`)",
                    first[0],
                    first[1],
                    first[2],
                    first[3],
                    first[4],
                    Bench.percentile(totals, 50),
                    Bench.percentile(totals, 95),
                    Bench.percentile(totals, 100),
                    Bench.percentile(cpu, 50)));
        }
        md.append(fmt(
                "%nTarget (issue 18): building and rendering the report at most %.0f ms. The running bot's first report"
                        + " (after the warm-up): **%s** (slowest %.0f ms); warm reports: **%s** (slowest p95 %.0f ms);"
                        + " a cold first report in a fresh JVM without the warm-up (the export command): **%s**"
                        + " (slowest %.0f ms).%n",
                TARGET_MS,
                met(worstFirst[1]),
                worstFirst[1],
                met(worstP95),
                worstP95,
                met(worstFirst[0]),
                worstFirst[0]));
        return md.toString();
    }

    private static String met(double ms) {
        return ms <= TARGET_MS ? "met" : "not met";
    }
}
