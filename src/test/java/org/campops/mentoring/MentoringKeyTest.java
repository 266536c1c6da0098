package org.campops.mentoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mentoring's keys and moment kinds keep the text rows and triggers already hold, and parse back. */
class MentoringKeyTest {
    private static final long START = 1_795_000_000L;
    private static final Instant AT = Instant.ofEpochMilli(1_794_000_000_123L);

    @Test
    void formatsTheStoredText() {
        String prefix = "mentoring:" + 5 + ":" + START + ":";
        assertThat(new MentoringKey.Reminder(5, START, MentoringKey.Kind.MENTOR, false).text())
                .isEqualTo(prefix + "mentor");
        assertThat(new MentoringKey.Reminder(5, START, MentoringKey.Kind.TEAM, false).text())
                .isEqualTo(prefix + "team");
        assertThat(new MentoringKey.Reminder(5, START, MentoringKey.Kind.AFTER, false).text())
                .isEqualTo(prefix + "after");
        assertThat(new MentoringKey.Reminder(5, START, MentoringKey.Kind.AFTER, true).text())
                .isEqualTo(prefix + "after" + "-mentor");
        assertThat(new MentoringKey.SeriesSet(2, AT).text())
                .isEqualTo("mentoring:series:" + 2 + ":" + AT.toEpochMilli());
        assertThat(new MentoringKey.Skipped(5).text()).isEqualTo("mentoring:5:skipped");
        assertThat(new MentoringKey.Moved(5, Instant.ofEpochSecond(START)).text())
                .isEqualTo("mentoring:5:moved:" + START);
    }

    @Test
    void kindsKeepTheirTriggerNames() {
        assertThat(List.of(MentoringKey.Kind.values()))
                .extracting(MentoringKey.Kind::text)
                .containsExactly("mentor", "team", "after");
        assertThat(MentoringKey.Kind.parse("team")).isEqualTo(MentoringKey.Kind.TEAM);
        assertThat(MentoringKey.Kind.of("after-mentor")).isEmpty();
    }

    @Test
    void parsesStoredTextsBack() {
        for (MentoringKey k : List.of(
                new MentoringKey.Reminder(5, START, MentoringKey.Kind.MENTOR, false),
                new MentoringKey.Reminder(5, START, MentoringKey.Kind.TEAM, false),
                new MentoringKey.Reminder(5, START, MentoringKey.Kind.AFTER, false),
                new MentoringKey.Reminder(5, START, MentoringKey.Kind.AFTER, true),
                new MentoringKey.SeriesSet(2, AT),
                new MentoringKey.Skipped(5),
                new MentoringKey.Moved(5, Instant.ofEpochSecond(START)))) {
            assertThat(MentoringKey.parse(k.text())).as(k.text()).isEqualTo(k);
        }
    }

    @Test
    void refusesWhatIsNotOne() {
        for (String bad : List.of("mentoring:5", "mentoring:5:123:later", "mentoring:series:2", "team:1:channel")) {
            assertThatThrownBy(() -> MentoringKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
