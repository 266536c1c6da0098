package org.campops.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week, Monday to Sunday, written {@code 2026-W49} (ISO 8601 week-based year and week number). Which instants
 * it holds depends on the camp's zone: {@link #start} and {@link #end} are its Monday's and the next Monday's midnight
 * there.
 */
public record ReportWeek(LocalDate monday) implements Comparable<ReportWeek> {
    private static final Pattern TEXT = Pattern.compile("(\\d{4})-?[Ww](\\d{1,2})");

    public ReportWeek {
        if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException(monday + " is not a Monday");
        }
    }

    /** The week that holds {@code day}. */
    public static ReportWeek of(LocalDate day) {
        return new ReportWeek(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** The week that holds {@code at} in {@code zone}. */
    public static ReportWeek of(Instant at, ZoneId zone) {
        return of(at.atZone(zone).toLocalDate());
    }

    /** Reads {@code 2026-W49} (also {@code 2026-w49}, {@code 2026W49}); empty for anything else or a week the year lacks. */
    public static Optional<ReportWeek> parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate mid = LocalDate.of(year, 6, 1);
        if (week < 1 || week > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return Optional.empty();
        }
        LocalDate monday = mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return Optional.of(new ReportWeek(monday));
    }

    public int year() {
        return monday.get(IsoFields.WEEK_BASED_YEAR);
    }

    public int number() {
        return monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    public LocalDate sunday() {
        return monday.plusDays(6);
    }

    public ReportWeek plusWeeks(long weeks) {
        return new ReportWeek(monday.plusWeeks(weeks));
    }

    /** The week's first instant in {@code zone}. */
    public Instant start(ZoneId zone) {
        return monday.atStartOfDay(zone).toInstant();
    }

    /** The instant the week ends in {@code zone} (the next Monday's first). */
    public Instant end(ZoneId zone) {
        return monday.plusWeeks(1).atStartOfDay(zone).toInstant();
    }

    @Override
    public int compareTo(ReportWeek o) {
        return monday.compareTo(o.monday);
    }

    /** {@code 2026-W49}. */
    @Override
    public String toString() {
        return String.format("%04d-W%02d", year(), number());
    }
}
