package org.campops.time;

import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Recognizes the time-of-day part of an input: "7:30pm", "오후 3시 반", "noon", "자정", "at 5". */
final class TimeWords {
    private static final Pattern PREFIX =
            Pattern.compile("(오전|오후|아침|새벽|낮|저녁|밤|morning|afternoon|evening|night|a\\.m\\.?|p\\.m\\.?|am|pm)(?![a-z])");
    private static final Pattern SUFFIX = Pattern.compile("(a\\.m\\.?|p\\.m\\.?|am|pm)(?![a-z])");
    private static final Pattern COLON = Pattern.compile("(\\d{1,2}):(\\d{2})(?!\\d)");
    // (?!간) keeps "3시간" (three hours) from being read as "3시" followed by junk.
    private static final Pattern KO_HOUR = Pattern.compile("(\\d{1,2})\\s*시(?!간)(?:\\s*(반)|\\s*(\\d{1,2})\\s*분)?");
    private static final Pattern HOUR = Pattern.compile("(\\d{1,2})(?![\\d:/.])");
    private static final Pattern NOON = Pattern.compile("(?:12\\s*)?(?:noon|midday)(?![a-z])|정오");
    private static final Pattern MIDNIGHT = Pattern.compile("(?:12\\s*)?midnight(?![a-z])|자정");

    private TimeWords() {}

    /** Consumes a time part at the cursor, or consumes nothing and returns null. */
    static @Nullable TimeSpec take(Cursor c) {
        int start = c.pos();
        MatchResult before = c.take(PREFIX);
        if (before == null) {
            if (c.take(NOON) != null) {
                return TimeSpec.NOON;
            }
            if (c.take(MIDNIGHT) != null) {
                return TimeSpec.MIDNIGHT;
            }
        }
        TimeSpec core = clock(c);
        if (core == null) {
            if (before != null) {
                // "내일 오후" or "tomorrow evening" names a part of the day but not a time.
                return TimeSpec.vague(Marker.of(before.group(1)));
            }
            c.rewind(start);
            return null;
        }
        MatchResult after = c.take(SUFFIX);
        if (before != null && after != null) {
            throw new ParseFailure(Problem.UNRECOGNIZED);
        }
        MatchResult marker = before != null ? before : after;
        return marker == null ? core : core.withMarker(Marker.of(marker.group(1)));
    }

    private static @Nullable TimeSpec clock(Cursor c) {
        MatchResult m;
        if ((m = c.take(COLON)) != null) {
            return TimeSpec.clock(num(m, 1), num(m, 2), true, false);
        }
        if ((m = c.take(KO_HOUR)) != null) {
            int minute = m.group(2) != null ? 30 : m.group(3) != null ? num(m, 3) : 0;
            return TimeSpec.clock(num(m, 1), minute, false, false);
        }
        if ((m = c.take(HOUR)) != null) {
            return TimeSpec.clock(num(m, 1), 0, false, true);
        }
        return null;
    }

    private static int num(MatchResult m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
