package org.campops.time;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Recognizes "in 1h 30m", "90 minutes", "2시간 30분 후", "한 시간 뒤" as a span of time from now. */
final class RelativeParser {
    private static final Pattern IN = Pattern.compile("in(?![a-z])");
    private static final Pattern EN_PART =
            Pattern.compile("(\\d+)\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?![a-z])"
                    // "a"/"an" only with a spelled-out unit, so "a m" or "am" never reads as one minute.
                    + "|(an?) (second|minute|hour|day|week)(?![a-z])");
    private static final Pattern EN_JOIN = Pattern.compile(",|and(?![a-z])");
    private static final Pattern EN_TAIL = Pattern.compile("(?:from now|later)(?![a-z])");

    private static final String NATIVE = "열한|열두|열|한|두|세|네|다섯|여섯|일곱|여덟|아홉";
    private static final Pattern KO_HOURS = Pattern.compile("(\\d+|" + NATIVE + ")\\s*시간(\\s*반)?");
    // 주일 before 주: the cursor does not backtrack, so the longer unit must be tried first.
    private static final Pattern KO_PART = Pattern.compile("(\\d+)\\s*(주일|주|일|분|초)");
    private static final Pattern KO_DAYS = Pattern.compile("하루|이틀|사흘|나흘");
    private static final Pattern KO_TAIL = Pattern.compile("(?:후|뒤|있다가|이따가|이따)(?:\\s*에)?");

    private static final Map<String, Long> NATIVE_NUMBERS = Map.ofEntries(
            Map.entry("한", 1L),
            Map.entry("두", 2L),
            Map.entry("세", 3L),
            Map.entry("네", 4L),
            Map.entry("다섯", 5L),
            Map.entry("여섯", 6L),
            Map.entry("일곱", 7L),
            Map.entry("여덟", 8L),
            Map.entry("아홉", 9L),
            Map.entry("열", 10L),
            Map.entry("열한", 11L),
            Map.entry("열두", 12L),
            Map.entry("하루", 1L),
            Map.entry("이틀", 2L),
            Map.entry("사흘", 3L),
            Map.entry("나흘", 4L));
    private static final Map<String, Long> KO_UNITS =
            Map.of("초", 1L, "분", 60L, "일", 86_400L, "주", 604_800L, "주일", 604_800L);

    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;

    private RelativeParser() {}

    /** The span the whole input names, or null when the input is not a relative form at all. */
    static @Nullable Duration parse(String text) {
        Duration d = english(text);
        return d != null ? d : korean(text);
    }

    private static @Nullable Duration english(String text) {
        Cursor c = new Cursor(text);
        c.take(IN);
        Tally tally = new Tally();
        MatchResult part = c.take(EN_PART);
        if (part == null) {
            return null;
        }
        while (part != null) {
            boolean article = part.group(1) == null;
            tally.add(count(part.group(article ? 3 : 1)), englishUnit(part.group(article ? 4 : 2)));
            boolean joined = c.take(EN_JOIN) != null;
            part = c.take(EN_PART);
            if (part == null && joined) {
                return null;
            }
        }
        c.take(EN_TAIL);
        return c.atEnd() ? tally.total() : null;
    }

    private static @Nullable Duration korean(String text) {
        Cursor c = new Cursor(text);
        Tally tally = new Tally();
        while (true) {
            MatchResult m;
            if ((m = c.take(KO_HOURS)) != null) {
                tally.add(count(m.group(1)), HOUR);
                if (m.group(2) != null) {
                    tally.add(30, MINUTE);
                }
            } else if ((m = c.take(KO_PART)) != null) {
                tally.add(count(m.group(1)), Objects.requireNonNull(KO_UNITS.get(m.group(2)), "matched a key"));
            } else if ((m = c.take(KO_DAYS)) != null) {
                tally.add(Objects.requireNonNull(NATIVE_NUMBERS.get(m.group()), "matched a key"), DAY);
            } else {
                break;
            }
        }
        if (tally.isEmpty() || c.take(KO_TAIL) == null || !c.atEnd()) {
            return null;
        }
        return tally.total();
    }

    private static long englishUnit(String unit) {
        return switch (unit.charAt(0)) {
            case 's' -> 1;
            case 'm' -> MINUTE;
            case 'h' -> HOUR;
            case 'd' -> DAY;
            case 'w' -> 7 * DAY;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static long count(String word) {
        if (word.equals("a") || word.equals("an")) {
            return 1;
        }
        Long n = NATIVE_NUMBERS.get(word);
        if (n != null) {
            return n;
        }
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            // Only digits reach here, so the number is simply too big to be a sensible reminder.
            throw new ParseFailure(Problem.TOO_FAR);
        }
    }

    /** Sums the parts, refusing a unit given twice ("1h 2h" is more likely a typo than 3 hours). */
    private static final class Tally {
        private final Set<Long> units = new HashSet<>();
        private long seconds;

        void add(long count, long unitSeconds) {
            if (!units.add(unitSeconds)) {
                throw new ParseFailure(Problem.UNRECOGNIZED);
            }
            try {
                seconds = Math.addExact(seconds, Math.multiplyExact(count, unitSeconds));
            } catch (ArithmeticException e) {
                throw new ParseFailure(Problem.TOO_FAR);
            }
        }

        boolean isEmpty() {
            return units.isEmpty();
        }

        Duration total() {
            return Duration.ofSeconds(seconds);
        }
    }
}
