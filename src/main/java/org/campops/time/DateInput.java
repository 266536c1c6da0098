package org.campops.time;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of a weekday, a date or an {@code HH:MM} typed on its own (a series' day and time, a config value),
 * in English or Korean; {@link WhenParser} reads whole time expressions with the same weekday and Korean date words.
 */
public final class DateInput {
    /** English weekday names: {@code mon}, {@code monday}, {@code tue}, {@code tues}, {@code thur}, {@code thurs}, ... */
    static final String EN_WEEKDAYS = "mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
            + "|sat(?:urday)?|sun(?:day)?";
    /** The Korean weekday syllables, Monday first. */
    static final String KO_WEEKDAYS = "월화수목금토일";
    /** {@code 12월 7일} or {@code 2026년 12월 7일}: groups year (optional), month, day. */
    static final Pattern KO_DATE = Pattern.compile("(?:(\\d{4})\\s*년\\s*)?(\\d{1,2})\\s*월\\s*(\\d{1,2})\\s*일");

    private static final Pattern WEEKDAY = Pattern.compile(EN_WEEKDAYS + "|[" + KO_WEEKDAYS + "]");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern SHORT_DATE = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})");
    private static final String[] EN_DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private DateInput() {}

    /** {@code mon}, {@code Monday}, {@code tues}, {@code 월}, {@code 월요일} (any case, spaces around ignored). */
    public static Optional<DayOfWeek> weekday(String typed) {
        String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT).replaceFirst("요일$", "");
        return WEEKDAY.matcher(t).matches() ? Optional.of(weekdayOf(t)) : Optional.empty();
    }

    /** The weekday of a name {@link #EN_WEEKDAYS} (lower case) or a syllable of {@link #KO_WEEKDAYS} matched. */
    static DayOfWeek weekdayOf(String name) {
        int ko = KO_WEEKDAYS.indexOf(name.charAt(0));
        if (ko >= 0) {
            return DayOfWeek.of(ko + 1);
        }
        String en = name.substring(0, 3);
        for (int i = 0; i < EN_DAYS.length; i++) {
            if (EN_DAYS[i].equals(en)) {
                return DayOfWeek.of(i + 1);
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** {@code 19:30} or {@code 9:05} on the 24-hour clock. */
    public static Optional<LocalTime> clock(String typed) {
        Matcher m = CLOCK.matcher(typed == null ? "" : typed.strip());
        if (m.matches()) {
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            if (h < 24 && min < 60) {
                return Optional.of(LocalTime.of(h, min));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code 2026-12-07}, {@code 12/7}, {@code 12.7}, {@code 12-07}, {@code 12월 7일} or {@code 2026년 12월 7일}; without
     * a year, the one that puts the date nearest to {@code today}. Empty for anything else and impossible dates.
     */
    public static Optional<LocalDate> date(String typed, LocalDate today) {
        String t = typed == null ? "" : typed.strip();
        try {
            Matcher m = ISO_DATE.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
            }
            m = KO_DATE.matcher(t);
            if (m.matches()) {
                return m.group(1) != null
                        ? Optional.of(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)))
                        : nearest(num(m, 2), num(m, 3), today);
            }
            m = SHORT_DATE.matcher(t);
            if (m.matches()) {
                return nearest(num(m, 1), num(m, 2), today);
            }
        } catch (DateTimeException e) {
            // an impossible date
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> nearest(int month, int day, LocalDate today) {
        LocalDate best = null;
        for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
            try {
                LocalDate d = LocalDate.of(y, month, day);
                if (best == null
                        || Math.abs(d.toEpochDay() - today.toEpochDay())
                                < Math.abs(best.toEpochDay() - today.toEpochDay())) {
                    best = d;
                }
            } catch (DateTimeException e) {
                // Feb 29 in a common year
            }
        }
        return Optional.ofNullable(best);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
