package org.campops.app;

import static org.campops.testing.Bench.fmt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.campops.qa.search.IndexedQuestion;
import org.campops.qa.search.QuestionIndexBenchmark;
import org.campops.store.Database;
import org.campops.testing.Bench;
import org.campops.testing.JarProcess;
import org.campops.testing.TestPostgres;
import org.campops.testing.fakediscord.FakeDiscord;

/**
 * Benchmark (not a test; never run by {@code mvn verify}): how long the packaged jar, started by the {@code
 * campops} launcher ({@code ./campops run}: {@code java -jar target/campops.jar run} with the launcher's class data
 * sharing archive, which round 1's first start writes when it stops) takes from its start to ready, and its peak
 * resident memory, on an H2 file database holding 100,000 questions (the Korean/English corpus of
 * {@code QuestionIndexBenchmark}, 60% answered), 300 members (30 mentors, 270 campers in 30 teams, each with a weekly
 * mentoring series over the program) and a six-month program (three stages, lectures, four competitions with weekly
 * prompts, weekly staff meetings, deadlines). Ready is the line {@value #READY} on the process's standard error: it is
 * printed after the store is open and migrated, the features' start work ran (the Q&amp;A search index is ready), the
 * gateway session is connected (READY from the fake Discord on 127.0.0.1), the HTTP server listens, the program's
 * moments are synced and the scheduled moments restored, and the scheduler and the outbox run.
 *
 * <p>Each round copies the seeded database and starts it three times: "first start" (no search index on disk), then
 * "restart" after an orderly stop (SIGTERM), then "restart after kill -9 and changes" (the process killed, then
 * {@value #CHANGED} questions changed in the database by SQL: new, edited, answered, deleted). Peak RSS is VmHWM of
 * the child at ready. Writes the {@value #SECTION} section of BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -B -q package -DskipTests} (the jar), then {@code mvn -B -q -Pbench test-compile exec:exec
 * -Dbench=org.campops.app.StartupBenchmark}. Environment: {@code BENCH_ROUNDS=N}, {@code BENCH_QUESTIONS=N}, {@code
 * BENCH_JVM="-Xmx256m ..."} (JVM options of the child, like {@code CAMPOPS_JAVA_OPTS}), {@code BENCH_KEEP=1} (keep
 * the databases and the runs' logs).
 */
public final class StartupBenchmark {
    /**
     * {@code -Dbench.store=postgresql}: the database is one PostgreSQL database ({@link TestPostgres}: the server
     * CAMPOPS_TEST_PG_URL names, else an embedded one), seeded once and used by every round; each round's directory
     * (and so its saved search index, {@code data/qa-index}) is new, so its first start builds the index.
     */
    static final boolean POSTGRES = "postgresql".equals(System.getProperty("bench.store", "h2"));

    static final String SECTION = POSTGRES ? "## Start-up at scale on PostgreSQL" : "## Start-up at scale";
    /** The PostgreSQL database of every round ({@link #POSTGRES}). */
    private static String postgresUrl = "";

    static final String READY = "CampOps is connected as";
    static final int QUESTIONS = Bench.setting("bench.questions", 100_000);
    static final int ROUNDS = Bench.setting("bench.rounds", 3);
    static final int TEAMS = 30;
    static final int CAMPERS_PER_TEAM = 9;
    static final int CHANGED = 1_000;
    static final double TARGET_SECONDS = 5;
    static final long TARGET_RSS_MIB = 512;
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final long MENTOR_BASE = 1190000000000500000L;
    static final long CAMPER_BASE = 1190000000000600000L;

    private StartupBenchmark() {}

    /** One start: to ready, peak and current resident memory at ready, and the child's log. */
    record Start(String kind, int round, double seconds, long hwmMiB, long rssMiB, String log) {}

    public static void main(String[] args) throws Exception {
        Path md = args.length > 0 ? Path.of(args[0]) : null;
        Path jar = Path.of("target/campops.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q package -DskipTests");
        }
        // The launcher's class data sharing archive is written by the first start of round 1 (at its stop).
        try (Stream<Path> archives = Files.list(jar.getParent())) {
            for (Path a : archives.filter(p -> p.getFileName().toString().matches("campops-run.*\\.jsa"))
                    .toList()) {
                Files.delete(a);
            }
        }
        String loadBefore = Bench.loadAverage();
        Path work = Files.createTempDirectory("campops-startup");
        List<Start> starts = new ArrayList<>();
        double seedSeconds;
        try (FakeDiscord fake = FakeDiscord.start()) {
            for (int i = 0; i < TEAMS; i++) {
                fake.addMember(Long.toString(MENTOR_BASE + i), "mentor" + i, FakeDiscord.MENTOR_ROLE);
            }
            for (int i = 0; i < TEAMS * CAMPERS_PER_TEAM; i++) {
                fake.addMember(Long.toString(CAMPER_BASE + i), "camper" + i, FakeDiscord.CAMPER_ROLE);
            }
            Path template = work.resolve("template");
            Files.createDirectories(template);
            writeConfig(template);
            if (POSTGRES) {
                postgresUrl = TestPostgres.freshDatabase();
            }
            long t0 = System.nanoTime();
            seed(dbUrl(template));
            seedSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.println(fmt("seeded in %.1f s", seedSeconds));
            for (int r = 1; r <= ROUNDS; r++) {
                Path dir = work.resolve("round-" + r);
                copyTree(template, dir);
                Start first = start(jar, dir, fake, "first start", r, true);
                starts.add(first);
                Start restart = start(jar, dir, fake, "restart", r, false);
                starts.add(restart);
                starts.add(startAfterKill(jar, dir, fake, r));
                if (System.getenv("BENCH_KEEP") == null) {
                    Bench.deleteTree(dir);
                }
            }
        } finally {
            if (System.getenv("BENCH_KEEP") == null) {
                Bench.deleteTree(work);
            } else {
                System.out.println("kept " + work);
            }
        }
        String loadAfter = Bench.loadAverage();
        String section = section(starts, seedSeconds, loadBefore, loadAfter);
        System.out.println(section);
        if (md != null) {
            Bench.writeSection(md, SECTION, section);
        }
    }

    static String dbUrl(Path dir) {
        if (POSTGRES) {
            return postgresUrl;
        }
        return "jdbc:h2:file:" + dir.resolve("db/campops").toAbsolutePath();
    }

    /** Starts, then kills -9 once ready, changes {@value #CHANGED} questions, and measures the next start. */
    private static Start startAfterKill(Path jar, Path dir, FakeDiscord fake, int round) throws Exception {
        JarProcess c = launch(jar, dir, fake, dir.resolve("before-kill.log"));
        c.awaitReady();
        c.process().destroyForcibly();
        c.awaitExit(30);
        fake.awaitNoConnections(java.time.Duration.ofSeconds(30));
        change(dbUrl(dir), round);
        return start(jar, dir, fake, "restart after kill -9 and " + CHANGED + " changed questions", round, false);
    }

    /** Starts the jar, waits for ready, reads its memory, stops it with SIGTERM (waiting for the exit). */
    private static Start start(Path jar, Path dir, FakeDiscord fake, String kind, int round, boolean first)
            throws Exception {
        Path log = dir.resolve(kind.replaceAll("[^a-z0-9]+", "-") + ".log");
        long t0 = System.nanoTime();
        Instant launched = Instant.now();
        JarProcess c = launch(jar, dir, fake, log);
        c.awaitReady();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Process p = c.process();
        long hwm = statusKiB(p.pid(), "VmHWM") / 1024;
        long rss = statusKiB(p.pid(), "VmRSS") / 1024;
        c.stop(60, kind);
        fake.awaitNoConnections(java.time.Duration.ofSeconds(30));
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(fmt(
                "launched %s; round %d, %s: %.2f s to ready, peak RSS %d MiB, RSS %d MiB",
                launched, round, kind, seconds, hwm, rss));
        return new Start(kind, round, seconds, hwm, rss, text);
    }

    private static JarProcess launch(Path jar, Path dir, FakeDiscord fake, Path log) throws IOException {
        return JarProcess.runBot(jar, dir, fake, Bench.jvmOptions(), dbUrl(dir), log, READY);
    }

    static long statusKiB(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- the camp

    /** The test camp's config (ids of the fake) with mentoring over zoom stages, and a six-month program. */
    static void writeConfig(Path dir) throws IOException {
        String yaml = Files.readString(Path.of("src/test/resources/campops-test.yaml"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("campops.yaml"), yaml, StandardCharsets.UTF_8);
        LocalDate monday = LocalDate.now(SEOUL).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate s2 = monday.plusWeeks(9);
        LocalDate s3 = monday.plusWeeks(18);
        LocalDate end = monday.plusWeeks(26).minusDays(3);
        String board = FakeDiscord.QA_FORUM_CHANNEL;
        String program = String.join(
                "\n",
                "stages:",
                "  - {name: \"Stage 1: Computer Vision\", start: " + monday + ", end: " + s2.minusDays(3)
                        + ", mentoring: zoom}",
                "  - {name: \"Stage 2: NLP\", start: " + s2 + ", end: " + s3.minusDays(3) + ", mentoring: zoom}",
                "  - {name: \"Stage 3: Final project\", start: " + s3 + ", end: " + end + ", mentoring: zoom}",
                "lectures:",
                "  - {name: \"Object Detection\", date: " + monday.plusDays(7) + "}",
                "  - {name: \"Transformers\", date: " + s2 + "}",
                "competitions:",
                competition("cv-1", monday.plusWeeks(1), monday.plusWeeks(4), board),
                competition("cv-2", monday.plusWeeks(5), monday.plusWeeks(8), board),
                competition("nlp-1", s2.plusWeeks(1), s2.plusWeeks(5), board),
                competition("final", s3.plusWeeks(1), s3.plusWeeks(7), board),
                "meetings:",
                "  - {id: staff-weekly, name: Weekly staff meeting, day: monday, time: \"18:00\", durationMinutes: 60,"
                        + " link: \"https://zoom.us/j/1\", who: mentors, remindBefore: [1d, 1h]}",
                "  - {id: organizers-weekly, name: Organizers, day: thursday, time: \"17:00\", durationMinutes: 30,"
                        + " link: \"https://zoom.us/j/2\", who: organizers, remindBefore: [1h]}",
                "deadlines:",
                "  - {id: slides-1, what: Lecture slides, due: " + monday.plusWeeks(3) + " 18:00, who: mentors,"
                        + " remindBefore: [2d, 2h]}",
                "  - {id: slides-2, what: NLP slides, due: " + s2.plusWeeks(2) + " 18:00, who: mentors,"
                        + " remindBefore: [2d, 2h]}",
                "  - {id: final-rubric, what: Final rubric, due: " + s3.plusWeeks(2) + " 12:00, who: organizers}",
                "prompts:",
                "  day: monday",
                "  time: \"10:00\"",
                "  grace: 12h",
                "  bank: [\"What helped most this week?\", \"How do you split your validation set?\"]",
                "duties:",
                "  reminderTime: \"10:00\"",
                "  wrapupDigestTime: \"09:00\"",
                "");
        Files.writeString(dir.resolve("program.yaml"), program, StandardCharsets.UTF_8);
    }

    private static String competition(String id, LocalDate start, LocalDate end, String board) {
        return "  - {id: " + id + ", name: " + id + ", start: " + start + ", end: " + end + ", discussion: \"" + board
                + "\"}";
    }

    /** Migrates the database (as the bot would), then writes the camp's rows in batches. */
    static void seed(String url) throws SQLException {
        Database.open(url, 2).close();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            seedTeams(c);
            seedQuestions(c, 1, QUESTIONS, new SplittableRandom(20250301));
            try (var st = c.createStatement()) {
                // The rows above were given their ids: the bot's own inserts continue after them.
                st.execute("ALTER TABLE question ALTER COLUMN id RESTART WITH " + (QUESTIONS + 100_000));
                st.execute("ALTER TABLE team ALTER COLUMN id RESTART WITH 1000");
                st.execute("ALTER TABLE mentoring_series ALTER COLUMN id RESTART WITH 1000");
            }
            c.commit();
        }
    }

    /** 30 teams of 9 campers, one mentor each, with a weekly session (Tuesday to Friday) over the six months. */
    private static void seedTeams(Connection c) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        LocalDate monday = LocalDate.now(SEOUL).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate end = monday.plusWeeks(26).minusDays(3);
        try (PreparedStatement team = c.prepareStatement(
                        "INSERT INTO team (id, name, name_key, mentor_id, created_by, created_at) VALUES (?,?,?,?,?,?)");
                PreparedStatement member =
                        c.prepareStatement("INSERT INTO team_member (team_id, user_id, added_at) VALUES (?,?,?)");
                PreparedStatement series = c.prepareStatement(
                        "INSERT INTO mentoring_series (id, team_id, weekday, local_time, duration_min, link, zone,"
                                + " ends_on, set_by, set_at) VALUES (?,?,?,?,60,?,?,?,?,?)");
                PreparedStatement session = c.prepareStatement(
                        "INSERT INTO mentoring_session (series_id, team_id, original_date, start_at, duration_min,"
                                + " status, moved) VALUES (?,?,?,?,60,'SCHEDULED',FALSE)")) {
            for (int t = 1; t <= TEAMS; t++) {
                String mentor = Long.toString(MENTOR_BASE + t - 1);
                team.setLong(1, t);
                team.setString(2, "Team " + t);
                team.setString(3, "team " + t);
                team.setString(4, mentor);
                team.setString(5, FakeDiscord.ORGANIZER_ID);
                team.setTimestamp(6, now);
                team.addBatch();
                for (int m = 0; m < CAMPERS_PER_TEAM; m++) {
                    member.setLong(1, t);
                    member.setString(2, Long.toString(CAMPER_BASE + (t - 1) * CAMPERS_PER_TEAM + m));
                    member.setTimestamp(3, now);
                    member.addBatch();
                }
                DayOfWeek day = DayOfWeek.of(2 + t % 4);
                LocalTime time = LocalTime.of(19 + t % 3, 0);
                series.setLong(1, t);
                series.setLong(2, t);
                series.setInt(3, day.getValue());
                series.setString(4, time.toString());
                series.setString(5, "https://zoom.us/j/9" + t);
                series.setString(6, SEOUL.getId());
                series.setObject(7, end);
                series.setString(8, mentor);
                series.setTimestamp(9, now);
                series.addBatch();
                for (LocalDate d = monday.with(TemporalAdjusters.nextOrSame(day));
                        !d.isAfter(end);
                        d = d.plusWeeks(1)) {
                    Instant start = d.atTime(time).atZone(SEOUL).toInstant();
                    if (start.isBefore(Instant.now())) {
                        continue;
                    }
                    session.setLong(1, t);
                    session.setLong(2, t);
                    session.setObject(3, d);
                    session.setTimestamp(4, Timestamp.valueOf(LocalDateTime.ofInstant(start, ZoneId.of("UTC"))));
                    session.addBatch();
                }
            }
            team.executeBatch();
            member.executeBatch();
            series.executeBatch();
            session.executeBatch();
        }
    }

    /** Questions {@code from}..{@code to} of the corpus, each with a thread and its answers (as the bot records them). */
    static void seedQuestions(Connection c, long from, long to, SplittableRandom rnd) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                        "INSERT INTO question (id, asker_id, asker_name, anonymous, topic, title, details, channel_id,"
                                + " thread_id, status, locale, asked_at) VALUES (?,?,?,FALSE,?,?,?,?,?,?,'ko',?)");
                PreparedStatement a = c.prepareStatement(
                        "INSERT INTO answer (question_id, message_id, author_id, author_name, author_role, text,"
                                + " posted_at, endorsed) VALUES (?,?,?,?,'MENTOR',?,?,?)")) {
            for (long id = from; id <= to; id++) {
                IndexedQuestion iq = QuestionIndexBenchmark.question(id, rnd);
                String asker = Long.toString(CAMPER_BASE + id % (TEAMS * CAMPERS_PER_TEAM));
                q.setLong(1, id);
                q.setString(2, asker);
                q.setString(3, "camper");
                q.setString(4, iq.topic());
                q.setString(5, iq.title());
                q.setString(6, iq.details());
                q.setString(7, FakeDiscord.QA_FORUM_CHANNEL);
                q.setString(8, Long.toString(1190000000100000000L + id));
                q.setString(9, iq.answered() ? "ANSWERED" : "OPEN");
                q.setTimestamp(10, Timestamp.from(iq.askedAt()));
                q.addBatch();
                int n = 0;
                for (String text : iq.answers()) {
                    a.setLong(1, id);
                    a.setString(2, Long.toString(1190000000200000000L + id * 4 + n));
                    a.setString(3, Long.toString(MENTOR_BASE + id % TEAMS));
                    a.setString(4, "mentor");
                    a.setString(5, text);
                    a.setTimestamp(6, Timestamp.from(iq.askedAt().plusSeconds(600)));
                    a.setBoolean(7, iq.endorsed() && n == 0);
                    a.addBatch();
                    n++;
                }
                if (id % 1000 == 0) {
                    q.executeBatch();
                    a.executeBatch();
                }
            }
            q.executeBatch();
            a.executeBatch();
        }
    }

    /**
     * While no bot runs: 400 questions edited, 300 answered (a new endorsed answer), 100 deleted (with their answers)
     * and 200 new ones: {@value #CHANGED} questions whose search entry differs from before.
     */
    static void change(String url, int round) throws SQLException {
        SplittableRandom rnd = new SplittableRandom(round);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            long base = round * 5_000L;
            try (PreparedStatement edit = c.prepareStatement("UPDATE question SET title = ? WHERE id = ?");
                    PreparedStatement answer = c.prepareStatement(
                            "INSERT INTO answer (question_id, message_id, author_id, author_name, author_role, text,"
                                    + " posted_at, endorsed) VALUES (?,?,?,'mentor','MENTOR',?,?,TRUE)");
                    PreparedStatement answered =
                            c.prepareStatement("UPDATE question SET status = 'ANSWERED' WHERE id = ?");
                    PreparedStatement dropAnswers = c.prepareStatement("DELETE FROM answer WHERE question_id = ?");
                    PreparedStatement drop = c.prepareStatement("DELETE FROM question WHERE id = ?")) {
                for (int i = 0; i < 400; i++) {
                    edit.setString(1, "수정된 질문 " + round + "-" + i + " 데이터 증강 batch size 조정");
                    edit.setLong(2, base + i);
                    edit.addBatch();
                }
                for (int i = 400; i < 700; i++) {
                    answer.setLong(1, base + i);
                    answer.setString(2, Long.toString(1190000000300000000L + round * 10_000L + i));
                    answer.setString(3, Long.toString(MENTOR_BASE));
                    answer.setString(4, "learning rate 를 낮춰 보세요 " + i);
                    answer.setTimestamp(5, Timestamp.from(Instant.now()));
                    answer.addBatch();
                    answered.setLong(1, base + i);
                    answered.addBatch();
                }
                for (int i = 700; i < 800; i++) {
                    dropAnswers.setLong(1, base + i);
                    dropAnswers.addBatch();
                    drop.setLong(1, base + i);
                    drop.addBatch();
                }
                edit.executeBatch();
                answer.executeBatch();
                answered.executeBatch();
                dropAnswers.executeBatch();
                drop.executeBatch();
            }
            long first = QUESTIONS + (round - 1) * 1_000L + 1;
            seedQuestions(c, first, first + 199, rnd);
            c.commit();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    // ---------------------------------------------------------------- the section

    private static String postgresVersion() {
        try (Connection c = DriverManager.getConnection(postgresUrl)) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "(version unknown)";
        }
    }

    static String section(List<Start> starts, double seedSeconds, String loadBefore, String loadAfter) {
        StringBuilder s = new StringBuilder(SECTION).append("\n\n");
        s.append("Generated by `StartupBenchmark` on ")
                .append(LocalDate.now(ZoneId.of("UTC")))
                .append(".\n\n");
        s.append("- Command: `mvn -B -q package -DskipTests && ")
                .append(Bench.command(StartupBenchmark.class))
                .append(POSTGRES ? " -Dbench.store=postgresql" : "")
                .append("`\n");
        s.append(Bench.machine(loadBefore, loadAfter));
        s.append("- The bot: `")
                .append(Bench.jvmOptions().isEmpty() ? "" : "CAMPOPS_JAVA_OPTS=\"" + Bench.jvmOptions() + "\" ")
                .append(
                        "./campops run` (the launcher: `java -jar target/campops.jar run` with its heap limit, collector and compiler,")
                .append(
                        " -Xmx256m, -XX:+UseSerialGC and -XX:TieredStopAtLevel=1 unless the options set them, and its class data sharing archive, written when round 1's first start")
                .append(" stops and used by every later start), ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.runtime.version"))
                .append("\n");
        s.append(fmt(
                "- Database (%s, seeded in %.0f s): %,d questions (the corpus of `QuestionIndexBenchmark`), %d"
                        + " members (%d mentors, %d campers in %d teams), a weekly mentoring series per team and a"
                        + " six-month program (3 stages, 4 competitions with weekly prompts, 2 weekly meetings, 3"
                        + " deadlines)\n",
                POSTGRES
                        ? "PostgreSQL " + postgresVersion() + ", one database for every round; each round's first"
                                + " start has no saved search index (qa.indexFolder in a new directory)"
                        : "H2 file",
                seedSeconds,
                QUESTIONS,
                TEAMS * (CAMPERS_PER_TEAM + 1),
                TEAMS,
                TEAMS * CAMPERS_PER_TEAM,
                TEAMS));
        s.append("- Ready: `")
                .append(READY)
                .append("` on the process's standard error, timed from the process start\n");
        s.append("\n| round | start | to ready | peak RSS (VmHWM) | RSS at ready |\n|---|---|---|---|---|\n");
        for (Start st : starts) {
            s.append(fmt(
                    "| %d | %s | %.2f s | %d MiB | %d MiB |\n",
                    st.round(), st.kind(), st.seconds(), st.hwmMiB(), st.rssMiB()));
        }
        return s.toString();
    }
}
