package org.campops.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.campops.app.CampOps;
import org.campops.console.ConsoleOutput;
import org.campops.csv.CsvLines;
import org.campops.testing.EndToEnd;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roster CSV files: every bad line named, nothing half imported, a good file in one transaction. */
class RosterImportTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private CampOps app;
    private String db;

    @BeforeEach
    void open() {
        db = TestConfig.memoryDb() + ";DB_CLOSE_DELAY=-1";
        app = new CampOps(
                TestConfig.load(),
                db,
                new ConsoleOutput(
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        java.time.ZoneId.of("Asia/Seoul"),
                        Clock.systemUTC()),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static List<Roster.Row> parse(String csv) throws Exception {
        return Roster.parse(new StringReader(csv));
    }

    @Test
    void everyBadLineIsNamedAndNothingIsImported() {
        String csv = """
                team,member,role
                CV-01,1190000000000000203,mentor
                CV-01,1190000000000000201,camper
                CV-01,bad id!,camper
                CV-02,1190000000000000202,coach
                CV-02,1190000000000000201,camper
                ,1190000000000000205,camper
                CV-03,"1190000000000000206"
                """;
        assertThatThrownBy(() -> parse(csv))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 4:").contains("bad id!"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 5:").contains("coach"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 6:").contains("already listed on line 3"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 7:").contains("team name"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 8:").contains("3 columns"))
                                .hasSize(5));
    }

    @Test
    void aGoodFileIsImportedWholeWithChannelsQueuedAndARowThatClashesWithTheDatabaseRefusesAll() throws Exception {
        List<Roster.Row> rows = parse("""
                CV-01,mentor-kim,멘토
                CV-01,minji,캠퍼
                CV-01,"<@1190000000000000201>",camper
                CV-02,mentor-lee,mentor
                CV-02,jisoo,camper
                """);
        Roster.Result r = app.service(TeamService.class).importRoster(rows, "import");
        assertThat(r).isEqualTo(new Roster.Result(2, 3));
        assertThat(app.service(TeamService.class).byRef("cv-01").members())
                .containsExactlyInAnyOrder("minji", "1190000000000000201");
        assertThat(app.service(TeamService.class).byRef("CV-02").mentorId()).isEqualTo("mentor-lee");
        assertThat(EndToEnd.rows(
                        db, "SELECT delivery_key FROM outbox WHERE kind = 'CHANNEL_CREATE' ORDER BY delivery_key"))
                .hasSize(2);

        // jisoo is in CV-02 already; a new team without a mentor row: both reported, nothing from this file stored.
        List<Roster.Row> clash = parse("""
                CV-03,mentor-park,mentor
                CV-03,jisoo,camper
                CV-04,sora,camper
                """);
        assertThatThrownBy(() -> app.service(TeamService.class).importRoster(clash, "import"))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 2:").contains("already in team 'CV-02'"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("line 3:").contains("no mentor row")));
        assertThat(app.service(TeamService.class).all()).extracting(Team::name).containsExactly("CV-01", "CV-02");
    }

    @Test
    void aNewMentorIsLetInAndTheOldOneTakenOutInTheImportsTransactionUnlessTheyStayInTheTeam() throws Exception {
        app.service(TeamService.class).importRoster(parse("CV-01,mentor-kim,mentor\nCV-01,minji,camper\n"), "import");
        app.database().inTransaction(c -> c.execute("UPDATE team SET channel_id = '900'"));
        String access = "SELECT delivery_key FROM outbox WHERE kind = 'ACCESS' ORDER BY id";

        app.service(TeamService.class).importRoster(parse("CV-01,mentor-lee,mentor\n"), "import");
        assertThat(app.service(TeamService.class).byRef("CV-01").mentorId()).isEqualTo("mentor-lee");
        assertThat(EndToEnd.rows(db, access))
                .satisfiesExactly(
                        k -> assertThat(k).startsWith("team:1:access:mentor-lee:grant:"),
                        k -> assertThat(k).startsWith("team:1:access:mentor-kim:revoke:"));

        // A file that is refused changes no mentor and queues nothing.
        assertThatThrownBy(() -> app.service(TeamService.class)
                        .importRoster(parse("CV-01,mentor-park,mentor\nCV-09,sora,camper\n"), "import"))
                .isInstanceOf(CsvLines.Refused.class);
        assertThat(app.service(TeamService.class).byRef("CV-01").mentorId()).isEqualTo("mentor-lee");
        assertThat(EndToEnd.rows(db, access)).hasSize(2);

        // mentor-lee stays in the team as a camper: nobody's access is taken away.
        app.service(TeamService.class)
                .importRoster(parse("CV-01,mentor-kim,mentor\nCV-01,mentor-lee,camper\n"), "import");
        assertThat(EndToEnd.rows(db, access).subList(2, 4))
                .satisfiesExactlyInAnyOrder(
                        k -> assertThat(k).startsWith("team:1:access:mentor-lee:grant:"),
                        k -> assertThat(k).startsWith("team:1:access:mentor-kim:grant:"));
        assertThat(EndToEnd.rows(db, access)).hasSize(4);
    }
}
