package org.campops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each key's default is declared once, on its record component, and is what a file that leaves the key out gets. */
class ConfigDefaultsTest {
    private static final String MINIMAL = """
            camp: {name: Camp}
            discord:
              guildId: "100000000000000001"
              roles: {camper: "200000000000000001", mentor: "200000000000000002", organizer: "200000000000000003"}
              channels: {mentors: "300000000000000003", organizers: "300000000000000004"}
            qa: {channel: "300000000000000005", topics: [Detection]}
            officeHours: {channel: "300000000000000002"}
            """;

    @TempDir
    Path dir;

    private CampConfig load(String yaml) throws Exception {
        Path file = dir.resolve("campops.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    private List<String> problems(String yaml) throws Exception {
        try {
            load(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("no problems in\n" + yaml);
    }

    @Test
    void aFileWithOnlyTheRequiredKeysTakesEveryDefault() throws Exception {
        CampConfig c = load(MINIMAL);
        assertThat(c.camp()).isEqualTo(new CampConfig.Camp("Camp", ZoneId.of("Asia/Seoul"), Locale.KOREAN));
        assertThat(c.discord().adminsAreOrganizers()).isTrue();
        assertThat(c.discord().messageContentIntent()).isTrue();
        assertThat(c.discord().leaveOtherServers()).isTrue();
        assertThat(c.discord().serverMembersIntent()).isTrue();
        assertThat(c.discord().channels().announcements()).isNull();
        assertThat(c.reminders().maxPendingPerMember()).isEqualTo(50);
        assertThat(c.qa())
                .isEqualTo(new CampConfig.QaSettings(
                        "300000000000000005",
                        List.of("Detection"),
                        "unanswered",
                        "answered",
                        Duration.ofHours(12),
                        Duration.ofHours(24),
                        Duration.ofHours(1),
                        true,
                        "data/qa-index"));
        assertThat(c.officeHours())
                .isEqualTo(new CampConfig.OfficeHourSettings(
                        "300000000000000002",
                        List.of(Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(10)),
                        Duration.ofHours(1),
                        true,
                        240));
        assertThat(c.mentoring())
                .isEqualTo(new CampConfig.MentoringSettings(null, Duration.ofHours(1), Duration.ofMinutes(10), 3, 12))
                .isEqualTo(CampConfig.MentoringSettings.defaults());
        assertThat(c.http())
                .isEqualTo(new CampConfig.HttpSettings(true, "0.0.0.0", 8080, null, "127.0.0.1", 8081, 60))
                .isEqualTo(CampConfig.HttpSettings.defaults());
        assertThat(c.retention())
                .isEqualTo(new CampConfig.RetentionSettings(14))
                .isEqualTo(CampConfig.RetentionSettings.defaults());
        assertThat(c.program()).isEqualTo(Program.empty());
    }

    @Test
    void aBlankOrNullValueTakesTheDefaultAndListsAreTidied() throws Exception {
        CampConfig c = load(MINIMAL.replace("{name: Camp}", "{name: Camp, zone: \"\", locale: ~}")
                        .replace(
                                "{channel: \"300000000000000002\"}",
                                "{channel: \"300000000000000002\", remindBefore: [10m, 2h, 10m]}")
                + "mentoring: ~\nhttp: {publicUrl: 'https://bot.example.org//'}\n");
        assertThat(c.camp().zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(c.camp().locale()).isEqualTo(Locale.KOREAN);
        assertThat(c.officeHours().remindBefore()).containsExactly(Duration.ofHours(2), Duration.ofMinutes(10));
        assertThat(c.mentoring()).isEqualTo(CampConfig.MentoringSettings.defaults());
        assertThat(c.http().publicUrl()).isEqualTo("https://bot.example.org");
    }

    @Test
    void theProgramKeyIsAFileNameAndNamedByLine() throws Exception {
        assertThat(problems(MINIMAL + "program: [a, b]\n"))
                .containsExactly("campops.yaml line 8: program: expected text, got a list");
        assertThat(problems(MINIMAL + "program: other.yaml\n"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("other.yaml: file not found (copy" + " config/program.yaml from the project and edit it)");
        Files.writeString(dir.resolve("other.yaml"), "stages:\n  - {name: A, start: 2026-11-02, end: 2026-11-30}\n");
        assertThat(load(MINIMAL + "program: other.yaml\n").stages())
                .extracting(Program.Stage::name)
                .containsExactly("A");
    }

    @Test
    void theEmptyProgramHasTheDefaultTimes() {
        Program p = Program.empty();
        assertThat(p.stages()).isEmpty();
        assertThat(p.meetings()).isEmpty();
        assertThat(p.prompts())
                .isEqualTo(new Program.Prompts(DayOfWeek.MONDAY, LocalTime.of(10, 0), Duration.ofHours(12), List.of()))
                .isEqualTo(Program.Prompts.defaults());
        assertThat(p.duties())
                .isEqualTo(new Program.Duties(List.of(DayOfWeek.WEDNESDAY), LocalTime.of(10, 0), LocalTime.of(9, 0)))
                .isEqualTo(Program.Duties.defaults());
    }

    @Test
    void programDefaultsThatDependOnOtherKeys() throws Exception {
        Program p = ProgramLoader.parse("""
                channels: {cv: "300000000000000020"}
                stages:
                  - {name: A, start: 2026-11-02, end: 2026-11-30}
                competitions:
                  - {id: trash, name: Trash, start: 2026-11-16, end: 2026-11-27, discussion: "#cv"}
                meetings:
                  - {id: once, name: O, date: 2026-11-05, time: "10:00", who: organizers}
                deadlines:
                  - {id: d1, what: W, due: 2026-12-03 18:00, who: mentors}
                """, "program.yaml");
        assertThat(p.stages().get(0).mentoring()).isEqualTo(Program.MentoringForm.ZOOM);
        assertThat(p.competitions().get(0).discussionChannel()).isEqualTo("300000000000000020");
        assertThat(p.competitions().get(0).wrapupDue()).isEqualTo(LocalDate.of(2026, 12, 4));
        Program.Meeting once = p.meetings().get(0);
        assertThat(once.durationMinutes()).isEqualTo(60);
        assertThat(once.remindBefore()).containsExactly(Duration.ofHours(1));
        assertThat(once.from()).isNull();
        assertThat(once.until()).isNull();
        assertThat(p.deadlines().get(0).remindBefore()).containsExactly(Duration.ofDays(1), Duration.ofHours(1));
        assertThat(p.deadlines().get(0).who().kind()).isEqualTo(Program.Audience.Kind.MENTORS);
    }

    @Test
    void aRenamedKeyIsNamedAsTheFileWritesIt() {
        try {
            ProgramLoader.parse("""
                    channels: {cv: "12"}
                    competitions:
                      - {id: trash, name: Trash, start: 2026-11-16, end: 2026-11-27}
                    meetings:
                      - {id: m, name: M, date: 2026-11-05, time: "10:00", who: {all: yes}, durationMinutes: 5}
                    """, "program.yaml");
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .containsExactly(
                            "program.yaml line 1: channels.cv: expected a Discord channel id (digits), got '12'",
                            "program.yaml line 3: competitions[0].discussion: missing",
                            "program.yaml line 5: meetings[0].who: expected mentors, organizers, or a list of member ids, got a mapping",
                            "program.yaml line 5: meetings[0].durationMinutes: expected a whole number from 10 to 480, got '5'");
            return;
        }
        throw new AssertionError("no problems");
    }
}
