package org.campops.time;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Walks normalized input one token pattern at a time, skipping the spaces between tokens. */
final class Cursor {
    private final String text;
    private int pos;

    Cursor(String text) {
        this.text = text;
        skipSpaces();
    }

    /** Consumes {@code pattern} if it matches right here; otherwise consumes nothing and returns null. */
    @Nullable
    MatchResult take(Pattern pattern) {
        Matcher m = pattern.matcher(text).region(pos, text.length()).useTransparentBounds(true);
        if (!m.lookingAt() || m.end() == pos) {
            return null;
        }
        pos = m.end();
        skipSpaces();
        return m.toMatchResult();
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    int pos() {
        return pos;
    }

    void rewind(int to) {
        pos = to;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }
}
