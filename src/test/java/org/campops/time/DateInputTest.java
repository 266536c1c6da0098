package org.campops.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The one reader of a weekday, a date or an HH:MM typed on its own (mentoring series, config values). */
class DateInputTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 28);

    @Test
    void weekdaysInEveryEnglishAndKoreanSpelling() {
        for (String w : new String[] {"tue", "Tues", " TUESDAY ", "화", "화요일"}) {
            assertThat(DateInput.weekday(w)).as(w).contains(DayOfWeek.TUESDAY);
        }
        for (String w : new String[] {"thu", "thur", "thurs", "thursday", "목", "목요일"}) {
            assertThat(DateInput.weekday(w)).as(w).contains(DayOfWeek.THURSDAY);
        }
        assertThat(DateInput.weekday("sun")).contains(DayOfWeek.SUNDAY);
        assertThat(DateInput.weekday("일요일")).contains(DayOfWeek.SUNDAY);
        for (String w : new String[] {"someday", "tu", "thurday", "요일", "", "월화"}) {
            assertThat(DateInput.weekday(w)).as(w).isEmpty();
        }
        assertThat(DateInput.weekday(null)).isEmpty();
    }

    @Test
    void clockTimesOnTheTwentyFourHourClock() {
        assertThat(DateInput.clock(" 9:05 ")).contains(LocalTime.of(9, 5));
        assertThat(DateInput.clock("23:59")).contains(LocalTime.of(23, 59));
        assertThat(DateInput.clock("24:00")).isEmpty();
        assertThat(DateInput.clock("12:60")).isEmpty();
        assertThat(DateInput.clock("8pm")).isEmpty();
    }

    @Test
    void datesWithAYearAreTakenAsTheyAreAndWithoutOneTheNearest() {
        assertThat(DateInput.date("2027-1-6", TODAY)).contains(LocalDate.of(2027, 1, 6));
        assertThat(DateInput.date("2027년 1월 6일", TODAY)).contains(LocalDate.of(2027, 1, 6));
        assertThat(DateInput.date("1월 6일", TODAY)).contains(LocalDate.of(2027, 1, 6));
        assertThat(DateInput.date("1.6", TODAY)).contains(LocalDate.of(2027, 1, 6));
        assertThat(DateInput.date("12-30", TODAY)).contains(LocalDate.of(2026, 12, 30));
        assertThat(DateInput.date("2/29", LocalDate.of(2027, 12, 1))).contains(LocalDate.of(2028, 2, 29));
        assertThat(DateInput.date("2/30", TODAY)).isEmpty();
        assertThat(DateInput.date("2026-02-30", TODAY)).isEmpty();
        assertThat(DateInput.date("next week", TODAY)).isEmpty();
    }
}
