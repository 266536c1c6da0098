package org.campops.time;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.jspecify.annotations.Nullable;

/** A day as typed, before it is pinned to the calendar relative to today. */
sealed interface DateSpec {

    /**
     * The first candidate day, and how many days to move on when that day's moment has already
     * passed; 0 means an explicit day that must not silently move.
     */
    record Plan(LocalDate first, int rollDays) {}

    Plan plan(LocalDate today);

    /** "today", "tonight", "tomorrow", 오늘, 내일, 모레, 글피. */
    record DaysFromToday(int days, boolean tonight) implements DateSpec {
        @Override
        public Plan plan(LocalDate today) {
            return new Plan(today.plusDays(days), 0);
        }
    }

    /** A calendar date; a null year means this year in the zone, never next year. */
    record OnCalendar(@Nullable Integer year, int month, int day) implements DateSpec {
        @Override
        public Plan plan(LocalDate today) {
            try {
                return new Plan(LocalDate.of(year != null ? year : today.getYear(), month, day), 0);
            } catch (DateTimeException e) {
                throw new ParseFailure(Problem.IMPOSSIBLE);
            }
        }
    }

    /** "friday", 금요일: today if the moment is still ahead, else the same weekday next week. */
    record UpcomingWeekday(DayOfWeek day) implements DateSpec {
        @Override
        public Plan plan(LocalDate today) {
            return new Plan(today.with(TemporalAdjusters.nextOrSame(day)), 7);
        }
    }

    /** "next friday": the first such weekday after today, so never today. */
    record NextWeekday(DayOfWeek day) implements DateSpec {
        @Override
        public Plan plan(LocalDate today) {
            return new Plan(today.with(TemporalAdjusters.next(day)), 0);
        }
    }

    /**
     * 이번 주/다음 주 금요일: Korean counts weeks Monday to Sunday, so "이번 주 월요일" said on a
     * Friday is in the past and "다음 주 금요일" is a week from today, not tomorrow's Friday.
     */
    record WeekdayOfWeek(DayOfWeek day, int weeksAhead) implements DateSpec {
        @Override
        public Plan plan(LocalDate today) {
            LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return new Plan(monday.plusWeeks(weeksAhead).plusDays(day.getValue() - 1L), 0);
        }
    }
}
