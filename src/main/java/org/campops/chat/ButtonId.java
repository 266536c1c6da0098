package org.campops.chat;

import java.util.List;

/** The one codec for button ids: {@code feature:action:arg...}, parts never containing ':'. */
public record ButtonId(String feature, String action, List<String> args) {

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

    /** Parses an id made by {@link #encode()}; null for foreign ids. */
    public static ButtonId decode(String id) {
        String[] parts = id.split(":", -1);
        if (parts.length < 2) {
            return null;
        }
        return new ButtonId(parts[0], parts[1], List.of(parts).subList(2, parts.length));
    }
}
