package org.campops.mentoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import org.campops.chat.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MentoringInputTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 28);

    @Test
    void weekdaysInEnglishAndKorean() {
        assertThat(MentoringInput.day("wed")).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(MentoringInput.day(" Wednesday ")).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(MentoringInput.day("수")).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(MentoringInput.day("수요일")).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(MentoringInput.day("일요일")).isEqualTo(DayOfWeek.SUNDAY);
        assertThatThrownBy(() -> MentoringInput.day("someday")).isInstanceOf(UserError.class);
    }

    @Test
    void timesOnTheTwentyFourHourClock() {
        assertThat(MentoringInput.time("20:00")).isEqualTo(LocalTime.of(20, 0));
        assertThat(MentoringInput.time("9:05")).isEqualTo(LocalTime.of(9, 5));
        assertThatThrownBy(() -> MentoringInput.time("24:00")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> MentoringInput.time("8pm")).isInstanceOf(UserError.class);
    }

    @Test
    void datesWithoutAYearAreTheNearestOne() {
        assertThat(MentoringInput.date("2027-01-06", TODAY)).isEqualTo(LocalDate.of(2027, 1, 6));
        assertThat(MentoringInput.date("1/6", TODAY)).isEqualTo(LocalDate.of(2027, 1, 6));
        assertThat(MentoringInput.date("12/30", TODAY)).isEqualTo(LocalDate.of(2026, 12, 30));
        assertThat(MentoringInput.date("1월 6일", TODAY)).isEqualTo(LocalDate.of(2027, 1, 6));
        assertThatThrownBy(() -> MentoringInput.date("2/30", TODAY)).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> MentoringInput.date("next week", TODAY)).isInstanceOf(UserError.class);
    }

    @Test
    void httpsLinksAreKept() {
        assertThat(MentoringInput.link(" https://zoom.us/j/123?pwd=abc ")).isEqualTo("https://zoom.us/j/123?pwd=abc");
        assertThat(MentoringInput.link("http://meet.example.org/x")).isEqualTo("http://meet.example.org/x");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "zoom.us/j/123",
                "ftp://zoom.us/j/1",
                "javascript:alert(1)",
                "https://",
                "https://a b.com",
                "https://user:pw@zoom.us/j/1",
                "<https://zoom.us/j/1>",
                ""
            })
    void anythingElseIsRefusedWithoutRepeatingIt(String link) {
        assertThatThrownBy(() -> MentoringInput.link(link)).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.key()).isEqualTo("mentoring.error.link");
            assertThat(e.args()).isEmpty();
        });
    }
}
