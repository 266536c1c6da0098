package org.campops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared binding of both config files: paths, lines, every problem once, the values' spellings. */
class ConfigBindingTest {
    @TempDir
    Path dir;

    private List<String> problemsOfCampFile(String yaml) throws Exception {
        Path file = dir.resolve("campops.yaml");
        Files.writeString(file, yaml);
        try {
            ConfigLoader.load(file);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("no problems in\n" + yaml);
    }

    private static List<String> problemsOfProgram(String yaml) {
        try {
            ProgramLoader.parse(yaml, "program.yaml");
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("no problems in\n" + yaml);
    }

    @Test
    void campopsYamlProblemsNameTheirLineAndAListItemByIndex() throws Exception {
        String edited = Files.readString(Path.of("config/campops.yaml"))
                .replace("remindBefore: [24h, 1h, 10m]", "remindBefore: [24h, soon, {every: 1h}]")
                .replace("maxDurationMinutes: 240", "maxDurationMinutes: many")
                .replace("adminsAreOrganizers: true", "adminsAreOrganizers: [yes]")
                .replace("    - \"Segmentation\"", "    - \"Segmentation\"\n    - \"segmentation\"");
        int remind = lineOf(edited, "remindBefore: [24h");
        assertThat(problemsOfCampFile(edited))
                .containsExactly(
                        "campops.yaml line " + lineOf(edited, "adminsAreOrganizers")
                                + ": discord.adminsAreOrganizers: expected true or" + " false, got a list",
                        "campops.yaml line " + lineOf(edited, "- \"segmentation\"")
                                + ": qa.topics[2]: 'segmentation' is listed twice",
                        "campops.yaml line " + remind
                                + ": officeHours.remindBefore[1]: expected a duration such as 30m, 12h or 2d,"
                                + " got 'soon'",
                        "campops.yaml line " + remind
                                + ": officeHours.remindBefore[2]: expected a duration such as 30m, 12h or 2d,"
                                + " got a mapping",
                        "campops.yaml line " + lineOf(edited, "maxDurationMinutes")
                                + ": officeHours.maxDurationMinutes: expected a"
                                + " whole number from 15 to 720, got 'many'");
    }

    /** The first line holding {@code part}, counted from 1. */
    private static int lineOf(String text, String part) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part);
    }

    @Test
    void aValueOfTheWrongKindIsOneProblemAndAMissingKeyNamesItsMapping() throws Exception {
        assertThat(problemsOfCampFile("""
                camp:
                  name: [AI]
                discord: 100000000000000001
                qa:
                  channel: "300000000000000005"
                  topics: Detection
                officeHours: {channel: "300000000000000002"}
                """))
                .containsExactly(
                        "campops.yaml line 2: camp.name: expected text, got a list",
                        "campops.yaml line 3: discord: expected a mapping with guildId, roles, channels, adminsAreOrganizers,"
                                + " messageContentIntent, leaveOtherServers, serverMembersIntent, got '100000000000000001'",
                        "campops.yaml line 6: qa.topics: expected a list (lines starting with '- '), got 'Detection'");
        assertThat(problemsOfCampFile("qa: {}\nofficeHours: {channel: \"1\"}\n"))
                .containsExactly(
                        "campops.yaml: camp: missing (expected a mapping with name, zone, locale)",
                        "campops.yaml: discord: missing (expected a mapping with guildId, roles, channels, adminsAreOrganizers,"
                                + " messageContentIntent, leaveOtherServers, serverMembersIntent)",
                        "campops.yaml line 1: qa.channel: missing",
                        "campops.yaml line 1: qa.topics: missing (expected a list of names, e.g. [\"Object Detection\", \"Segmentation\"])");
    }

    @Test
    void otherServersAreLeftByDefault() throws Exception {
        String example = Files.readString(Path.of("config/campops.yaml"));
        Path withoutKey = dir.resolve("default.yaml");
        Files.writeString(withoutKey, example.replaceAll("  leaveOtherServers: true.*\n", ""));
        Path staying = dir.resolve("staying.yaml");
        Files.writeString(staying, example.replace("leaveOtherServers: true", "leaveOtherServers: false"));
        assertThat(ConfigLoader.load(withoutKey).discord().leaveOtherServers()).isTrue();
        assertThat(ConfigLoader.load(staying).discord().leaveOtherServers()).isFalse();
    }

    @Test
    void aValueIsQuotedAsWrittenNeverEvaluated() throws Exception {
        String example = Files.readString(Path.of("config/campops.yaml"));
        assertThat(problemsOfCampFile(example.replace("guildId: \"100000000000000001\"", "guildId: \"${1+1} {max}\"")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .endsWith("discord.guildId: expected a Discord id (digits only; enable Developer Mode and use Copy ID),"
                        + " got '${1+1} {max}'");
    }

    @Test
    void unknownKeysAreFoundAtAnyDepthWhateverTheyHold() {
        assertThat(problemsOfProgram("""
                competitions:
                  - id: trash
                    name: Trash
                    start: 2026-11-16
                    end: 2026-12-04
                    discussion: "300000000000000020"
                    teams: [a, b]
                prompts:
                  bank:
                    - {ko: 가, de: b}
                lecture: {name: x}
                """))
                .containsExactly(
                        "program.yaml line 7: competitions[0].teams: unknown key (expected one of discussion, end, id, name, start,"
                                + " wrapupDue)",
                        "program.yaml line 10: prompts.bank[0].de: unknown key (expected one of en, ko)",
                        "program.yaml line 11: lecture: unknown key (expected one of channels, competitions, deadlines, duties, lectures,"
                                + " meetings, prompts, stages)");
    }

    @Test
    void meetingsDeadlinesAndPromptsAreCheckedAcrossKeys() {
        assertThat(problemsOfProgram("""
                stages:
                  - {name: A, start: 2026-11-02, end: 2026-11-30}
                meetings:
                  - {id: m1, name: M, day: mon, time: "10:00", who: mentors, from: 2026-12-01}
                  - {id: m1, name: N, date: 2026-11-05, day: tue, time: "10:00", who: ["<@123456>", "kim"]}
                  - {id: m3, name: O, day: sometimes, time: "10:00", who: [], remindBefore: [1h, later]}
                deadlines:
                  - {id: d1, what: W, due: 2026-12-03 18:00, who: organizers, durationMinutes: 5}
                prompts:
                  bank: ["  ", {en: fine}]
                """))
                .containsExactly(
                        "program.yaml line 4: meetings[0].until: 2026-11-30 is before 2026-12-01",
                        "program.yaml line 5: meetings[1]: give either day (weekly, e.g. day: monday) or date (once, e.g. date: 2026-12-01)",
                        "program.yaml line 5: meetings[1].id: 'm1' is used twice",
                        "program.yaml line 5: meetings[1].who: expected mentors, organizers, or member ids (digits), got 'kim'",
                        "program.yaml line 6: meetings[2].day: expected a weekday such as monday or 월요일, got 'sometimes'",
                        "program.yaml line 6: meetings[2].who: names nobody",
                        "program.yaml line 6: meetings[2].remindBefore[1]: expected a duration such as 30m, 12h or 2d, got 'later'",
                        "program.yaml line 8: deadlines[0].durationMinutes: unknown key (expected one of due, id, remindBefore, what, who)",
                        "program.yaml line 10: prompts.bank[0]: empty prompt");
    }

    @Test
    void valuesKeepTheirSpellingsAndDefaults() throws Exception {
        Program p = ProgramLoader.parse("""
                stages:
                  - {name: A, start: 2026-11-02, end: 2026-11-30, mentoring: Discussion}
                meetings:
                  - {id: m1, name: M, day: 목요일, time: "9:30", who: "<@123456>", remindBefore: PT2H}
                deadlines:
                  - {id: d1, what: W, due: 2026-12-03 18:00, who: ["123456", "234567"], remindBefore: [1h, 2d, 1h]}
                prompts:
                  grace: 30m
                  bank: [" Plain text ", {en: English only}]
                duties:
                  weeklyPostReminders: [wed, 수, wednesday, FRI]
                """, "program.yaml");
        assertThat(p.stages().get(0).mentoring()).isEqualTo(Program.MentoringForm.DISCUSSION);
        Program.Meeting m = p.meetings().get(0);
        assertThat(m.day()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(m.time()).isEqualTo(LocalTime.of(9, 30));
        assertThat(m.durationMinutes()).isEqualTo(60);
        assertThat(m.who().userIds()).containsExactly("123456");
        assertThat(m.remindBefore()).containsExactly(Duration.ofHours(2));
        assertThat(m.from()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(m.until()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(p.deadlines().get(0).remindBefore()).containsExactly(Duration.ofDays(2), Duration.ofHours(1));
        assertThat(p.prompts().grace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.prompts().time()).isEqualTo(Program.Prompts.defaults().time());
        assertThat(p.prompts().bank())
                .containsExactly(new Program.Prompt("Plain text", null), new Program.Prompt(null, "English only"));
        assertThat(p.duties().weeklyPostReminders()).containsExactly(DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(p.duties().reminderTime())
                .isEqualTo(Program.Duties.defaults().reminderTime());
    }

    @Test
    void durationsTimesAndDaysAsTheFilesWriteThem() {
        assertThat(Values.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Values.duration("12 H")).isEqualTo(Duration.ofHours(12));
        assertThat(Values.duration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Values.duration("pt12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Values.duration("0m")).isNull();
        assertThat(Values.duration("-PT1H")).isNull();
        assertThat(Values.duration("soon")).isNull();
        assertThat(Values.time("18:00")).isEqualTo(LocalTime.of(18, 0));
        assertThat(Values.time("24:00")).isNull();
        assertThat(Values.time("6pm")).isNull();
        assertThat(Values.day("월요일")).isEqualTo(DayOfWeek.MONDAY);
        assertThat(Values.day("Sun")).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(Values.day("someday")).isNull();
        assertThat(ConfigLoader.text(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(ConfigLoader.text(Duration.ofDays(2))).isEqualTo("2d");
    }

    @Test
    void notValidYamlNamesItsLine() {
        assertThatThrownBy(() -> ProgramLoader.parse("stages:\n  - name: [A\n", "program.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                                .startsWith("program.yaml line ")
                                .contains("not valid YAML"));
    }
}
