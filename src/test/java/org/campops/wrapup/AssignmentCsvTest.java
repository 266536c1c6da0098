package org.campops.wrapup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.campops.app.CampOps;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.console.ConsoleOutput;
import org.campops.csv.CsvLines;
import org.campops.teams.TeamService;
import org.campops.testing.EndToEnd;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assignment CSV files: every bad line named, nothing half imported, a good file in one transaction. */
class AssignmentCsvTest {
    private CampOps app;
    private String db;
    private WrapupService service;

    @BeforeEach
    void open() {
        db = TestConfig.memoryDb() + ";DB_CLOSE_DELAY=-1";
        Program program = Program.empty();
        program = new Program(
                List.of(),
                List.of(new Program.Competition(
                        "trash-detection",
                        "Trash Detection",
                        LocalDate.of(2026, 11, 2),
                        LocalDate.of(2026, 12, 1),
                        "1190000000000000301",
                        LocalDate.of(2026, 12, 4))),
                List.of(),
                List.of(),
                List.of(),
                program.prompts(),
                program.duties());
        CampConfig config = TestConfig.load().withProgram(program);
        app = new CampOps(
                config,
                db,
                new ConsoleOutput(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        ZoneId.of("Asia/Seoul"),
                        Clock.systemUTC()),
                Clock.systemUTC());
        service = new WrapupService(app.database(), app.service(TeamService.class), Clock.systemUTC(), config);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static List<AssignmentCsv.Row> parse(String csv) throws Exception {
        return AssignmentCsv.parse(new StringReader(csv));
    }

    @Test
    void everyBadLineIsNamedAndNothingIsImported() {
        String csv = """
                mentor,camper
                1190000000000000203,1190000000000000201
                1190000000000000203,bad id!
                1190000000000000211,1190000000000000201
                1190000000000000211
                1190000000000000211,1190000000000000211
                # a comment line
                ,1190000000000000205
                """;
        assertThatThrownBy(() -> parse(csv))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 3:").contains("bad id!"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 4:").contains("already listed on line 2"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 5:").contains("2 columns"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 6:").contains("own report"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 8:").contains("mentor ''"))
                                .hasSize(5));
        assertThatThrownBy(() -> parse("mentor,camper\n"))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .containsExactly("the file has no rows (expected mentor,camper per line)"));
    }

    @Test
    void aGoodFileIsImportedWholeAndAClashWithStoredAssignmentsRefusesAll() throws Exception {
        Caller organizer = new Caller("org-park", "park", Set.of(Role.ORGANIZER));
        app.service(TeamService.class).create(organizer, "CV-01", "mentor-kim", null);
        app.service(TeamService.class).addMember(organizer, "CV-01", "minji");
        AssignmentCsv.Result r = service.importAssignments("trash-detection", parse("""
                mentor-kim,minji
                "<@mentor-lee>",jisoo
                """), "import");
        assertThat(r).isEqualTo(new AssignmentCsv.Result(2, 0));
        assertThat(EndToEnd.rows(
                        db,
                        "SELECT camper_id || ':' || mentor_id || ':' || COALESCE(CAST(team_id AS VARCHAR), '-')"
                                + " FROM wrapup_assignment ORDER BY camper_id"))
                .containsExactly(
                        "jisoo:mentor-lee:-",
                        "minji:mentor-kim:"
                                + app.service(TeamService.class).byRef("CV-01").id());

        // minji is with mentor-kim already: the whole file is refused, the new line included.
        assertThatThrownBy(() -> service.importAssignments("trash-detection", parse("""
                mentor-kim,dana
                mentor-lee,minji
                """), "import"))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "line 2: minji is already assigned to mentor-kim for trash-detection"));
        assertThat(EndToEnd.rows(db, "SELECT camper_id FROM wrapup_assignment ORDER BY camper_id"))
                .containsExactly("jisoo", "minji");

        // The same file again keeps what is there.
        assertThat(service.importAssignments("trash-detection", parse("mentor-kim,minji\nmentor-kim,dana\n"), "import"))
                .isEqualTo(new AssignmentCsv.Result(1, 1));
        assertThatThrownBy(() -> service.importAssignments("nope", parse("mentor-kim,minji\n"), "import"))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems().get(0))
                                .contains("no competition 'nope'")
                                .contains("trash-detection"));
    }
}
