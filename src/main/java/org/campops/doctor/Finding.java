package org.campops.doctor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Messages;

/**
 * One check's result: ok, or a problem (blocking: the bot cannot work as configured; or a warning) with the sentence
 * that fixes it. The texts are {@code doctor.<key>} (and {@code doctor.<key>.fix} for a problem) in the message
 * bundles; an argument that is a {@link Term} is itself a message ({@code doctor.term.<key>}) in the reader's language.
 */
public record Finding(Severity severity, String key, List<Object> args) {
    public Finding {
        args = List.copyOf(args);
    }

    /** How bad it is. */
    public enum Severity {
        OK,
        WARNING,
        BLOCKING
    }

    /** An argument that is itself a message, read in the reader's language: {@code doctor.term.<key>}. */
    public record Term(String key) {}

    static Finding ok(String key, Object... args) {
        return new Finding(Severity.OK, key, Arrays.asList(args));
    }

    static Finding blocking(String key, Object... args) {
        return new Finding(Severity.BLOCKING, key, Arrays.asList(args));
    }

    static Finding warning(String key, Object... args) {
        return new Finding(Severity.WARNING, key, Arrays.asList(args));
    }

    public boolean isProblem() {
        return severity != Severity.OK;
    }

    /** One line: a mark, what was found and, for a problem, what to do. */
    public String text(Locale locale) {
        Object[] a = args.stream()
                .map(x -> x instanceof Term t ? Messages.get(locale, "doctor.term." + t.key()) : x)
                .toArray();
        String mark = switch (severity) {
            case OK -> "✅ ";
            case WARNING -> "⚠️ ";
            case BLOCKING -> "❌ ";
        };
        String line = mark + Messages.get(locale, "doctor." + key, a);
        return isProblem() ? line + " " + Messages.get(locale, "doctor." + key + ".fix", a) : line;
    }
}
