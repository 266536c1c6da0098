package org.campops.mentoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** {@code campops export mentoring}: sessions with counts, never the link or who answered. */
class MentoringExportTest {

    @Test
    void exportsEverySessionWithCountsButNoLinkAndNoNames() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        CampConfig config = TestConfig.load()
                .withStages(List.of(new Program.Stage("CV", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 20))));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (CampOps app = new CampOps(
                config,
                TestConfig.memoryDb(),
                new ConsoleOutput(
                        new PrintStream(printed, true, StandardCharsets.UTF_8), ZoneId.of("Asia/Seoul"), clock),
                clock)) {
            Caller organizer = new Caller("org", "org", Set.of(Role.ORGANIZER));
            app.service(TeamService.class).create(organizer, "CV|03", "kim", null);
            app.service(TeamService.class).addMember(organizer, "CV|03", "minji");
            app.service(TeamService.class).addMember(organizer, "CV|03", "jisoo");
            app.service(MentoringService.class)
                    .set(new MentoringService.SetRequest(
                            organizer, "CV|03", "wed", "20:00", 60, "https://zoom.us/j/777?pwd=zz"));
            Team t = app.service(TeamService.class).byRef("CV|03");
            List<Session> sessions = app.service(MentoringService.class).sessions(t);
            assertThat(sessions).hasSize(3);
            clock.set(sessions.get(0).endAt().plus(Duration.ofMinutes(1)));
            Caller minji = new Caller("minji", "minji", Set.of(Role.CAMPER));
            app.service(MentoringService.class)
                    .records()
                    .attend(minji, sessions.get(0).id(), true);
            app.service(MentoringService.class)
                    .records()
                    .attend(
                            new Caller("jisoo", "jisoo", Set.of(Role.CAMPER)),
                            sessions.get(0).id(),
                            false);
            app.service(MentoringService.class)
                    .records()
                    .feedback(minji, sessions.get(0).id(), "5", "great | clear");

            List<SessionOverview.ExportRow> rows =
                    app.service(MentoringService.class).overview().exportRows();
            String csv = MentoringExport.csv(rows, config);
            String md = MentoringExport.markdown(rows, config);
            for (String out : List.of(csv, md)) {
                assertThat(out)
                        .doesNotContain("zoom.us")
                        .doesNotContain("minji")
                        .doesNotContain("jisoo")
                        .doesNotContain("great");
            }
            try (MappingIterator<List<String>> it = new CsvMapper()
                    .readerForListOf(String.class)
                    .with(CsvParser.Feature.WRAP_AS_ARRAY)
                    .readValues(csv)) {
                List<List<String>> parsed = it.readAll();
                assertThat(parsed).hasSize(4);
                assertThat(parsed.get(0)).startsWith("team", "mentor_id", "date", "start_local");
                assertThat(parsed.get(1))
                        .startsWith("CV|03", "kim", "2026-12-02", "2026-12-02 20:00", "60", "scheduled");
                assertThat(parsed.get(1).subList(8, 12)).containsExactly("1", "1", "1", "5.00");
            }
            assertThat(md).contains("## CV\\|03").contains("| 2026-12-02 | 2026-12-02 20:00 | 60 | scheduled |");
        }
    }

    @Test
    void textFromPeopleCannotRunAsAFormulaInTheCsv() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        CampConfig config = TestConfig.load()
                .withStages(List.of(new Program.Stage("CV", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 20))));
        try (CampOps app = new CampOps(
                config,
                TestConfig.memoryDb(),
                new ConsoleOutput(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        ZoneId.of("Asia/Seoul"),
                        clock),
                clock)) {
            Caller organizer = new Caller("org", "org", Set.of(Role.ORGANIZER));
            String team = "=cmd|'/C calc'!A0";
            app.service(TeamService.class).create(organizer, team, "kim", null);
            app.service(MentoringService.class)
                    .set(new MentoringService.SetRequest(organizer, team, "wed", "20:00", 60, "https://zoom.us/j/1"));
            app.service(MentoringService.class)
                    .topic(organizer, team, "+HYPERLINK(\"https://evil.example\",\"click\")");
            Session first = app.service(MentoringService.class)
                    .sessions(app.service(TeamService.class).byRef(team))
                    .get(0);
            clock.set(first.endAt().plus(Duration.ofMinutes(1)));
            app.service(MentoringService.class)
                    .records()
                    .note(organizer, first.id(), "-2+3+cmd|' /C calc'!A0, \"quoted\"\nline two");

            String csv = MentoringExport.csv(
                    app.service(MentoringService.class).overview().exportRows(), config);
            try (MappingIterator<List<String>> it = new CsvMapper()
                    .readerForListOf(String.class)
                    .with(CsvParser.Feature.WRAP_AS_ARRAY)
                    .readValues(csv)) {
                List<String> row = it.readAll().get(1);
                assertThat(row.get(0)).isEqualTo("'" + team);
                assertThat(row.get(7)).isEqualTo("'+HYPERLINK(\"https://evil.example\",\"click\")");
                assertThat(row.get(12)).isEqualTo("'-2+3+cmd|' /C calc'!A0, \"quoted\"\nline two");
                // Numbers the program writes stay numbers.
                assertThat(row.subList(2, 7))
                        .containsExactly("2026-12-02", "2026-12-02 20:00", "60", "scheduled", "false");
            }
            // The Markdown export shows the text as it is (no spreadsheet reads it).
            assertThat(MentoringExport.markdown(
                            app.service(MentoringService.class).overview().exportRows(), config))
                    .contains("+HYPERLINK")
                    .doesNotContain("'+HYPERLINK");
        }
    }
}
