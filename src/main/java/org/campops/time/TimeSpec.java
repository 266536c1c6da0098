package org.campops.time;

import org.jspecify.annotations.Nullable;

/**
 * A time of day as typed, before it is checked. {@code colon} means "9:00" (a 24-hour clock);
 * {@code bare} means a lone number like "5", which only reads as a time with a day or "at".
 */
record TimeSpec(
        Kind kind,
        int hour,
        int minute,
        boolean colon,
        boolean bare,
        @Nullable Marker marker) {

    enum Kind {
        CLOCK,
        NOON,
        MIDNIGHT,
        VAGUE
    }

    static final TimeSpec NOON = new TimeSpec(Kind.NOON, 12, 0, false, false, null);
    static final TimeSpec MIDNIGHT = new TimeSpec(Kind.MIDNIGHT, 0, 0, false, false, null);

    static TimeSpec clock(int hour, int minute, boolean colon, boolean bare) {
        return new TimeSpec(Kind.CLOCK, hour, minute, colon, bare, null);
    }

    static TimeSpec vague(Marker marker) {
        return new TimeSpec(Kind.VAGUE, 0, 0, false, false, marker);
    }

    TimeSpec withMarker(Marker m) {
        return new TimeSpec(kind, hour, minute, colon, false, m);
    }

    /** A lone number with no marker: "5" on its own is probably not meant as a time at all. */
    boolean needsContext() {
        return kind == Kind.CLOCK && bare && marker == null;
    }

    /**
     * Minutes after the start of the day (up to 24:59 for "밤 12시 30분"). {@code implied} is the
     * half of the day a word like "tonight" already gave, or null.
     */
    int minuteOfDay(@Nullable Marker implied) {
        if (kind != Kind.CLOCK) {
            throw new IllegalStateException(kind + " has no fixed clock reading");
        }
        if (minute > 59) {
            throw new ParseFailure(Problem.IMPOSSIBLE);
        }
        if (marker != null) {
            if (hour > 12 || (implied != null && !marker.fitsTonight())) {
                throw new ParseFailure(Problem.IMPOSSIBLE);
            }
            return marker.hour24(hour) * 60 + minute;
        }
        if (implied != null && hour >= 1 && hour <= 12) {
            return implied.hour24(hour) * 60 + minute;
        }
        if (hour > 23) {
            throw new ParseFailure(Problem.IMPOSSIBLE);
        }
        // "9:00" is read as a 24-hour clock, but "3시" or "tomorrow 3" could be 3am or 3pm.
        if (!colon && hour >= 1 && hour <= 12) {
            throw new ParseFailure(Problem.AMBIGUOUS);
        }
        return hour * 60 + minute;
    }
}
