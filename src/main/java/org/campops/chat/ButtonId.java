package org.campops.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one codec for button and form ids: {@code feature:action:arg...}, parts never containing ':'.
 * Ids come back from Discord as the member's client sends them, so a pressed id may be forged or
 * outdated: handlers read their arguments with {@link #number(int)} and {@link #flag(int)}, which
 * throw {@link Invalid} (a refusal, not a bug) when the part is missing or malformed.
 */
public record ButtonId(String feature, String action, List<String> args) {

    /** A pressed or submitted id the feature cannot read; the router answers "not valid any more". */
    public static final class Invalid extends RuntimeException {
        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    public ButtonId {
        args = List.copyOf(args);
    }

    public static ButtonId of(String feature, String action, String... args) {
        return new ButtonId(feature, action, List.of(args));
    }

    public String encode() {
        StringBuilder sb = new StringBuilder(feature).append(':').append(action);
        for (String a : args) {
            if (a.indexOf(':') >= 0) {
                throw new IllegalArgumentException("button argument contains ':' " + a);
            }
            sb.append(':').append(a);
        }
        return sb.toString();
    }

    /** Parses an id made by {@link #encode()}; null for foreign ids (no feature or no action). */
    public static @Nullable ButtonId decode(@Nullable String id) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split(":", -1);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        return new ButtonId(parts[0], parts[1], List.of(parts).subList(2, parts.length));
    }

    /** Argument {@code index} as a whole number (an optional leading '-'). */
    public long number(int index) {
        String a = arg(index);
        if (!a.matches("-?\\d{1,18}")) {
            throw new Invalid("argument " + index + " of " + this + " is not a number");
        }
        return Long.parseLong(a);
    }

    /** Argument {@code index} as {@code 1} (true) or {@code 0} (false). */
    public boolean flag(int index) {
        String a = arg(index);
        if (!a.equals("0") && !a.equals("1")) {
            throw new Invalid("argument " + index + " of " + this + " is not 0 or 1");
        }
        return a.equals("1");
    }

    /** Refuses an id with another number of arguments than the action takes. */
    public ButtonId expectArgs(int count) {
        if (args.size() != count) {
            throw new Invalid(this + " has " + args.size() + " arguments, its action takes " + count);
        }
        return this;
    }

    private String arg(int index) {
        if (index >= args.size()) {
            throw new Invalid(this + " has no argument " + index);
        }
        return args.get(index);
    }

    /** An unknown action of a known feature. */
    public Invalid unknownAction() {
        return new Invalid("no action '" + action + "' in feature '" + feature + "'");
    }

    @Override
    public String toString() {
        return "'" + Texts.printable(encode(), 120) + "'";
    }
}
