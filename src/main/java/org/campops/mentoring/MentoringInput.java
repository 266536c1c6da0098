package org.campops.mentoring;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.chat.Texts;
import org.campops.chat.UserError;

/** Reads what organizers and mentors type for a series: weekday, HH:MM, a date, a Zoom link. */
final class MentoringInput {
    static final int MAX_LINK = 500;
    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY), Map.entry("월", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("화", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("수", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY), Map.entry("thurs", DayOfWeek.THURSDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("목", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("금", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("토", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY), Map.entry("일", DayOfWeek.SUNDAY));
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern SHORT_DATE = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})");
    private static final Pattern KOREAN_DATE = Pattern.compile("(?:(\\d{4})\\s*년\\s*)?(\\d{1,2})\\s*월\\s*(\\d{1,2})\\s*일");

    private MentoringInput() {
    }

    /** {@code mon}, {@code Monday}, {@code 월}, {@code 월요일}. */
    static DayOfWeek day(String typed) {
        String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT).replaceFirst("요일$", "");
        DayOfWeek d = DAYS.get(t);
        if (d == null) {
            throw new UserError("mentoring.error.day", Texts.printable(typed == null ? "" : typed, 30));
        }
        return d;
    }

    /** {@code 19:30} (24-hour clock). */
    static LocalTime time(String typed) {
        Matcher m = TIME.matcher(typed == null ? "" : typed.strip());
        if (m.matches()) {
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            if (h < 24 && min < 60) {
                return LocalTime.of(h, min);
            }
        }
        throw new UserError("mentoring.error.time", Texts.printable(typed == null ? "" : typed, 30));
    }

    /**
     * {@code 2026-12-07}, {@code 12/7}, {@code 12-07} or {@code 12월 7일}; without a year, the one that
     * puts the date nearest to {@code today}.
     */
    static LocalDate date(String typed, LocalDate today) {
        String t = typed == null ? "" : typed.strip();
        try {
            Matcher m = ISO_DATE.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = KOREAN_DATE.matcher(t);
            if (m.matches()) {
                int month = Integer.parseInt(m.group(2));
                int day = Integer.parseInt(m.group(3));
                return m.group(1) != null ? LocalDate.of(Integer.parseInt(m.group(1)), month, day) : nearest(month, day, today);
            }
            m = SHORT_DATE.matcher(t);
            if (m.matches()) {
                return nearest(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), today);
            }
        } catch (DateTimeException e) {
            // an impossible date: reported below
        }
        throw new UserError("mentoring.error.date", Texts.printable(t, 30));
    }

    private static LocalDate nearest(int month, int day, LocalDate today) {
        LocalDate best = null;
        for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
            try {
                LocalDate d = LocalDate.of(y, month, day);
                if (best == null || Math.abs(d.toEpochDay() - today.toEpochDay()) < Math.abs(best.toEpochDay() - today.toEpochDay())) {
                    best = d;
                }
            } catch (DateTimeException e) {
                // Feb 29 in a common year
            }
        }
        if (best == null) {
            throw new DateTimeException("no such date");
        }
        return best;
    }

    /**
     * An http(s) URL with a host and no spaces, at most {@value #MAX_LINK} characters. The error never
     * repeats the link: it may hold a meeting password.
     */
    static String link(String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty() || t.length() > MAX_LINK || t.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch < 0x20)) {
            throw new UserError("mentoring.error.link");
        }
        try {
            URI u = new URI(t);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() != null && !u.getHost().isBlank()
                    && u.getUserInfo() == null) {
                return t;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new UserError("mentoring.error.link");
    }
}
