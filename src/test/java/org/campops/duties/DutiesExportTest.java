package org.campops.duties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.campops.app.CampOps;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.console.ConsoleOutput;
import org.campops.mentoring.MentoringService;
import org.campops.teams.TeamService;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** {@code campops export duties --format csv}: a duty whose label starts with people's text cannot run as a formula. */
class DutiesExportTest {

    @Test
    void aTeamNameAtTheStartOfADutyLabelCannotRunAsAFormula() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        CampConfig config = TestConfig.load()
                .withStages(List.of(new Program.Stage("CV", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 20))));
        try (CampOps app = new CampOps(
                config,
                TestConfig.memoryDb(),
                new ConsoleOutput(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), seoul, clock),
                clock)) {
            Caller organizer = new Caller("org", "org", Set.of(Role.ORGANIZER));
            String team = "=cmd|'/C calc'!A0";
            app.service(TeamService.class).create(organizer, team, "kim", null);
            app.service(MentoringService.class)
                    .set(new MentoringService.SetRequest(organizer, team, "wed", "20:00", 60, "https://zoom.us/j/1"));
            LocalDate monday = LocalDate.of(2026, 11, 30);

            // In Korean the label starts with the team's name ("{0} 팀 멘토링, ...").
            String csv = DutiesExport.csv(app.service(DutiesService.class).board(monday, Locale.KOREAN), monday, seoul);
            try (MappingIterator<List<String>> it = new CsvMapper()
                    .readerForListOf(String.class)
                    .with(CsvParser.Feature.WRAP_AS_ARRAY)
                    .readValues(csv)) {
                List<List<String>> rows = it.readAll();
                assertThat(rows.get(0)).containsExactly("week", "mentor_id", "duty", "what", "status", "due_local");
                List<String> session = rows.stream()
                        .filter(r -> r.get(3).contains("팀 멘토링"))
                        .findFirst()
                        .orElseThrow();
                assertThat(session.get(3)).startsWith("'" + team + " 팀 멘토링");
                assertThat(session.get(0)).isEqualTo("2026-11-30");
                assertThat(session.get(1)).isEqualTo("kim");
                assertThat(rows)
                        .allSatisfy(r -> assertThat(r)
                                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0));
            }
        }
    }
}
