package org.campops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ProgramLoaderTest {

    @Test
    void theExampleProgramIsValid() throws Exception {
        Program p = ProgramLoader.load(Path.of("config/program.yaml"));
        assertThat(p.stages()).hasSize(3);
        assertThat(p.stages().get(1).mentoring()).isEqualTo(Program.MentoringForm.DISCUSSION);
        assertThat(p.competitions())
                .extracting(Program.Competition::id)
                .containsExactly("trash-detection", "data-centric", "topic-classification");
        assertThat(p.competitions().get(0).discussionChannel()).isEqualTo("300000000000000020");
        assertThat(p.competitions().get(1).wrapupDue()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(p.meetings().get(0).day()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(p.meetings().get(0).from()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(p.meetings().get(1).who().userIds()).hasSize(2);
        assertThat(p.prompts().time()).isEqualTo(LocalTime.of(10, 0));
        assertThat(p.prompts().bank()).hasSize(4);
        assertThat(p.duties().weeklyPostReminders()).containsExactly(DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(ConfigLoader.load(Path.of("config/campops.yaml")).stages()).hasSize(3);
    }

    @Test
    void everyProblemNamesItsLineAndKey() {
        String yaml = """
                stages:
                  - name: A
                    start: 2026-11-02
                    end: 2026-10-01
                  - name: B
                    start: 2026-11-10
                    end: 2026-12-31
                  - name: C
                    start: 2026-12-01
                    end: 2027-01-31
                competitions:
                  - id: Trash Detection
                    name: x
                    start: 2026-11-16
                    end: 2026-12-04
                    discussion: cv-board
                meetings:
                  - id: staff
                    name: Staff
                    day: someday
                    time: "25:00"
                    who: everyone
                prompts:
                  bank:
                    - "%s"
                colour: blue
                """.formatted("가".repeat(1801));
        assertThatThrownBy(() -> ProgramLoader.parse(yaml, "program.yaml"))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "program.yaml line 4: stages[0].end: 2026-10-01 is before the stage's start 2026-11-02")
                                .contains(
                                        "program.yaml line 8: stages[2]: 'C' overlaps the stage 'B' (2026-11-10 to 2026-12-31)")
                                .anySatisfy(p -> assertThat(p).startsWith("program.yaml line 12: competitions[0].id:"))
                                .anySatisfy(
                                        p -> assertThat(p)
                                                .startsWith(
                                                        "program.yaml line 16: competitions[0].discussion: unknown channel 'cv-board'"))
                                .anySatisfy(p -> assertThat(p).startsWith("program.yaml line 20: meetings[0].day:"))
                                .anySatisfy(p -> assertThat(p).startsWith("program.yaml line 21: meetings[0].time:"))
                                .anySatisfy(p -> assertThat(p).startsWith("program.yaml line 22: meetings[0].who:"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("program.yaml line 25: prompts.bank[0]: 1801 characters"))
                                .anySatisfy(
                                        p -> assertThat(p).startsWith("program.yaml line 26: colour: unknown key")));
    }
}
