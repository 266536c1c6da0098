package org.campops.mentoring;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.time.DateInput;

/** Reads what organizers and mentors type for a series: weekday, HH:MM, a date, a Zoom link. */
final class MentoringInput {
    static final int MAX_LINK = 500;

    private MentoringInput() {}

    /** {@code mon}, {@code Monday}, {@code 월}, {@code 월요일}. */
    static DayOfWeek day(String typed) {
        return DateInput.weekday(typed)
                .orElseThrow(
                        () -> new UserError("mentoring.error.day", Texts.printable(typed == null ? "" : typed, 30)));
    }

    /** {@code 19:30} (24-hour clock). */
    static LocalTime time(String typed) {
        return DateInput.clock(typed)
                .orElseThrow(
                        () -> new UserError("mentoring.error.time", Texts.printable(typed == null ? "" : typed, 30)));
    }

    /**
     * {@code 2026-12-07}, {@code 12/7}, {@code 12-07} or {@code 12월 7일}; without a year, the one that
     * puts the date nearest to {@code today}.
     */
    static LocalDate date(String typed, LocalDate today) {
        return DateInput.date(typed, today)
                .orElseThrow(() ->
                        new UserError("mentoring.error.date", Texts.printable(typed == null ? "" : typed.strip(), 30)));
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
            if ((scheme.equals("https") || scheme.equals("http"))
                    && u.getHost() != null
                    && !u.getHost().isBlank()
                    && u.getUserInfo() == null) {
                return t;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new UserError("mentoring.error.link");
    }
}
