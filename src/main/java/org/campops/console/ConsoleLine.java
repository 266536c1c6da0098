package org.campops.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.chat.Messages;
import org.jspecify.annotations.Nullable;

/**
 * A command typed as in Discord: {@code /remind set when:"in 1m" text:hi}. Words before the first
 * {@code name:value} are the command path; values with spaces go in double quotes ({@code \"} escapes).
 */
public record ConsoleLine(String path, Map<String, String> options) {

    /** Thrown for a line that cannot be read; the message (a key of the messages, in both languages) says why. */
    public static final class BadLine extends Exception {
        /** The message's key and arguments, for the reader's language. */
        public final String key;

        public final transient Object[] args;
        /** The line as it was probably meant, when that is clear; null otherwise. */
        public final @Nullable String fixed;

        BadLine(@Nullable String fixed, String key, Object... args) {
            super(Messages.get(Locale.ENGLISH, key, args));
            this.key = key;
            this.args = args;
            this.fixed = fixed;
        }
    }

    public static ConsoleLine parse(String line) throws BadLine {
        String s = line.strip();
        if (!s.startsWith("/")) {
            throw new BadLine(s.isEmpty() ? "/help" : "/" + s, "console.line.noSlash");
        }
        List<String[]> tokens = tokenize(s.substring(1));
        List<String> path = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String[] t : tokens) {
            if (t[1] == null) {
                if (!options.isEmpty()) {
                    throw new BadLine(wordsJoined(path, tokens), "console.line.needsName", t[0]);
                }
                path.add(t[0]);
            } else {
                if (t[0].isEmpty()) {
                    throw new BadLine(null, "console.line.valueWithoutName", t[1]);
                }
                if (options.put(t[0], t[1]) != null) {
                    throw new BadLine(null, "console.line.twice", t[0]);
                }
            }
        }
        if (path.isEmpty()) {
            throw new BadLine(null, "console.line.noCommand");
        }
        return new ConsoleLine(String.join(" ", path), options);
    }

    /** The line with each word after an option joined to that option's value, quoted: {@code title:"a b c"}. */
    private static String wordsJoined(List<String> path, List<String[]> tokens) {
        Map<String, String> joined = new LinkedHashMap<>();
        String last = null;
        for (String[] t : tokens) {
            if (t[1] != null) {
                last = t[0];
                joined.put(last, t[1]);
            } else if (last != null) {
                joined.merge(last, t[0], (a, b) -> a + " " + b);
            }
        }
        StringBuilder line = new StringBuilder("/").append(String.join(" ", path));
        joined.forEach((name, value) -> line.append(' ')
                .append(name)
                .append(':')
                .append(value.contains(" ") ? '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : value));
        return line.toString();
    }

    /** Each token is {name-or-word, value-or-null}; a value is what follows the first unquoted ':'. */
    private static List<String[]> tokenize(String s) throws BadLine {
        List<String[]> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String name = null;
        boolean quoted = false;
        boolean inToken = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                cur.append(s.charAt(++i));
                inToken = true;
            } else if (c == '"') {
                quoted = !quoted;
                inToken = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(new String[] {name == null ? cur.toString() : name, name == null ? null : cur.toString()});
                }
                cur.setLength(0);
                name = null;
                inToken = false;
            } else if (!quoted && c == ':' && name == null) {
                name = cur.toString();
                cur.setLength(0);
                inToken = true;
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (quoted) {
            throw new BadLine(null, "console.line.notClosed");
        }
        if (inToken) {
            out.add(new String[] {name == null ? cur.toString() : name, name == null ? null : cur.toString()});
        }
        return out;
    }
}
