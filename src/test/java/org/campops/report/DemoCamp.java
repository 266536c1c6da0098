package org.campops.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.campops.config.Program;
import org.campops.store.Database;

/**
 * Writes the demo camp of the README's report pictures (not a test): 9 teams of 7 campers with Korean names and
 * mentors, 8 weeks from 2026-10-05 to 2026-11-29 (the last is 2026-W48), 420 questions, weekly sessions with
 * attendance and feedback, office hours, wrap-up reviews (some late) and weekly posts ({@link CampGenerator}), into an
 * H2 file database {@code DIR/db}, with {@code DIR/campops.yaml} (the repository's {@code config/campops.yaml}) and
 * {@code DIR/program.yaml} (the demo's stages and competitions). {@code DIR} is the environment variable {@code
 * DEMO_CAMP}, else {@code target/demo-camp}; it is emptied first. Then the real export draws the pictures:
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench=org.campops.report.DemoCamp
 * mvn -B -q package -DskipTests
 * CAMPOPS_DB_URL=jdbc:h2:file:./target/demo-camp/db java -jar target/campops.jar \
 *     export report --config target/demo-camp/campops.yaml --week 2026-W48 --format png --output docs/report-example
 * </pre>
 */
public final class DemoCamp {
    static final String DISCUSSION_CHANNEL = "300000000000000020";

    private DemoCamp() {}

    static CampGenerator.Shape shape() {
        return new CampGenerator.Shape(
                List.of(
                        "컴퓨터비전-01",
                        "컴퓨터비전-02",
                        "컴퓨터비전-03",
                        "자연어처리-01",
                        "자연어처리-02",
                        "자연어처리-03",
                        "추천시스템-01",
                        "추천시스템-02",
                        "추천시스템-03"),
                List.of("김지훈", "이서연", "박민재", "최유진", "정하늘", "강도현", "윤세아", "장우진", "임나래"),
                7,
                LocalDate.of(2026, 10, 5),
                8,
                420,
                List.of("PyTorch 기초", "Object Detection & Segmentation", "대회: 재활용 쓰레기 탐지", "Data-Centric AI", "모델 경량화"),
                ZoneId.of("Asia/Seoul"),
                20261005L);
    }

    public static void main(String[] args) throws Exception {
        // the bench profile passes BENCHMARKS.md as the first argument; the demo has no section there
        String env = System.getenv("DEMO_CAMP");
        Path dir =
                Path.of(env == null || env.isBlank() ? "target/demo-camp" : env).toAbsolutePath();
        org.campops.testing.Bench.deleteTree(dir);
        Files.createDirectories(dir);
        CampGenerator.Shape shape = shape();
        Files.writeString(
                dir.resolve("campops.yaml"),
                Files.readString(Path.of("config/campops.yaml"), StandardCharsets.UTF_8)
                        .replace("name: \"AI Bootcamp\"", "name: \"AI 부트캠프 (데모)\""),
                StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("program.yaml"),
                programYaml(CampGenerator.program(shape, DISCUSSION_CHANNEL)),
                StandardCharsets.UTF_8);
        BulkSeed rows = CampGenerator.rows(shape);
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), 2)) {
            rows.write(db);
        }
        System.out.printf("Demo camp (%,d rows) in %s; its last week is %s.%n", rows.rowCount(), dir, shape.lastWeek());
    }

    static String programYaml(Program p) {
        StringBuilder y = new StringBuilder("# The demo camp's program (written by org.campops.report.DemoCamp)\n");
        y.append("stages:\n");
        for (Program.Stage s : p.stages()) {
            y.append(String.format(
                    "  - { name: \"%s\", start: %s, end: %s, mentoring: %s }%n",
                    s.name(), s.start(), s.end(), s.mentoring().name().toLowerCase(java.util.Locale.ROOT)));
        }
        y.append("competitions:\n");
        for (Program.Competition c : p.competitions()) {
            y.append(String.format(
                    "  - { id: %s, name: \"%s\", start: %s, end: %s, discussion: \"%s\", wrapupDue: %s }%n",
                    c.id(), c.name(), c.start(), c.end(), c.discussionChannel(), c.wrapupDue()));
        }
        return y.toString();
    }
}
