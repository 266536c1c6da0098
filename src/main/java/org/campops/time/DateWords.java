package org.campops.time;

import java.time.DayOfWeek;
import java.util.Map;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Recognizes the day part of an input: "2026-12-01", "dec 1", "12월 1일", "내일", "다음 주 월요일". */
final class DateWords {
    private static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\\.?";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";

    private static final Pattern ON = Pattern.compile("on(?![a-z])");
    // The optional "t" is the ISO separator in "2026-12-01t19:00" (lower-cased by normalization).
    private static final Pattern YMD = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d)(?:t(?=\\d))?");
    private static final Pattern SLASH_MD = Pattern.compile("(\\d{1,2})/(\\d{1,2})(?![\\d/])");
    private static final Pattern NAME_DAY =
            Pattern.compile(MONTH + "\\s*(\\d{1,2})" + ORDINAL + "(?![\\d:a-z])(?:,\\s*(\\d{4})(?![\\d:]))?");
    private static final Pattern DAY_NAME =
            Pattern.compile("(\\d{1,2})" + ORDINAL + "\\s*(?:of\\s+)?" + MONTH + "(?:,?\\s*(\\d{4})(?![\\d:]))?");
    private static final Pattern DAY_WORD =
            Pattern.compile("(day after tomorrow|today|tonight|tomorrow|tmrw|tmr|오늘|내일|모레|글피)(?![a-z])");
    private static final Pattern EN_WEEKDAY =
            Pattern.compile("(?:(next|this)\\s+)?(" + DateInput.EN_WEEKDAYS + ")(?![a-z])");
    private static final Pattern KO_WEEKDAY =
            Pattern.compile("(?:(이번|다음|담|다다음)\\s*주\\s*)?([" + DateInput.KO_WEEKDAYS + "])(?:요일|욜)");

    private static final Map<String, Integer> DAY_OFFSETS = Map.of(
            "today",
            0,
            "tonight",
            0,
            "tomorrow",
            1,
            "tmrw",
            1,
            "tmr",
            1,
            "day after tomorrow",
            2,
            "오늘",
            0,
            "내일",
            1,
            "모레",
            2,
            "글피",
            3);
    private static final Map<String, Integer> KO_WEEKS = Map.of("이번", 0, "다음", 1, "담", 1, "다다음", 2);
    private static final String[] EN_MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    private DateWords() {}

    /** Consumes a day part at the cursor, or consumes nothing and returns null. */
    static @Nullable DateSpec take(Cursor c) {
        int start = c.pos();
        c.take(ON);
        DateSpec d = calendarDate(c);
        if (d == null) {
            d = namedDay(c);
        }
        if (d == null) {
            c.rewind(start);
        }
        return d;
    }

    private static @Nullable DateSpec calendarDate(Cursor c) {
        MatchResult m;
        if ((m = c.take(YMD)) != null) {
            return new DateSpec.OnCalendar(num(m, 1), num(m, 3), num(m, 4));
        }
        if ((m = c.take(DateInput.KO_DATE)) != null) {
            return new DateSpec.OnCalendar(optionalNum(m, 1), num(m, 2), num(m, 3));
        }
        if ((m = c.take(SLASH_MD)) != null) {
            return new DateSpec.OnCalendar(null, num(m, 1), num(m, 2));
        }
        if ((m = c.take(NAME_DAY)) != null) {
            return new DateSpec.OnCalendar(optionalNum(m, 3), month(m.group(1)), num(m, 2));
        }
        if ((m = c.take(DAY_NAME)) != null) {
            return new DateSpec.OnCalendar(optionalNum(m, 3), month(m.group(2)), num(m, 1));
        }
        return null;
    }

    private static @Nullable DateSpec namedDay(Cursor c) {
        MatchResult m;
        if ((m = c.take(DAY_WORD)) != null) {
            return new DateSpec.DaysFromToday(
                    Objects.requireNonNull(DAY_OFFSETS.get(m.group(1)), "matched a key"),
                    m.group(1).equals("tonight"));
        }
        if ((m = c.take(EN_WEEKDAY)) != null) {
            DayOfWeek day = DateInput.weekdayOf(m.group(2));
            return "next".equals(m.group(1)) ? new DateSpec.NextWeekday(day) : new DateSpec.UpcomingWeekday(day);
        }
        if ((m = c.take(KO_WEEKDAY)) != null) {
            DayOfWeek day = DateInput.weekdayOf(m.group(2));
            return m.group(1) == null
                    ? new DateSpec.UpcomingWeekday(day)
                    : new DateSpec.WeekdayOfWeek(
                            day, Objects.requireNonNull(KO_WEEKS.get(m.group(1)), "matched a key"));
        }
        return null;
    }

    private static int month(String name) {
        return indexOf(EN_MONTHS, name.substring(0, 3)) + 1;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static int num(MatchResult m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static @Nullable Integer optionalNum(MatchResult m, int group) {
        return m.group(group) == null ? null : num(m, group);
    }
}
