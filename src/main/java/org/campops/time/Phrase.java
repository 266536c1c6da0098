package org.campops.time;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The day part and time part found in one input (either may be missing), in any order. */
record Phrase(@Nullable DateSpec date, @Nullable TimeSpec time, boolean at) {
    private static final Pattern AT = Pattern.compile("at(?![a-z])");
    // "내일 오후 3시에" — the locative particle is how Koreans naturally end the phrase.
    private static final Pattern PARTICLE = Pattern.compile("에");
    private static final Pattern COMMA = Pattern.compile(",");

    /** Splits the whole input into at most one day part and one time part; anything else is refused. */
    static Phrase parse(String text) {
        Cursor c = new Cursor(text);
        DateSpec date = null;
        TimeSpec time = null;
        boolean at = false;
        while (!c.atEnd()) {
            if (date == null) {
                date = DateWords.take(c);
                if (date != null) {
                    endOfPart(c);
                    continue;
                }
            }
            if (time == null) {
                at = c.take(AT) != null;
                time = TimeWords.take(c);
                if (time != null) {
                    endOfPart(c);
                    continue;
                }
            }
            throw new ParseFailure(Problem.UNRECOGNIZED);
        }
        if (time != null && time.needsContext() && date == null && !at) {
            throw new ParseFailure(Problem.UNRECOGNIZED);
        }
        return new Phrase(date, time, at);
    }

    /** Lets a part end with "에" ("3시에") and be set off with a comma ("friday, 9am"). */
    private static void endOfPart(Cursor c) {
        c.take(PARTICLE);
        c.take(COMMA);
    }
}
