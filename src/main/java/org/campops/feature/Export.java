package org.campops.feature;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code campops export NAME}: a file a feature writes from its data, Markdown or CSV. The app
 * lists every feature's exports; the command line finds one by name.
 */
public record Export(String name, Writer writer) {

    public Export {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(writer, "writer");
    }

    /** Writes the file's text for one request; throws {@link Refused} for an option it cannot serve. */
    @FunctionalInterface
    public interface Writer {
        String write(Request request);
    }

    /**
     * What the command line asked: {@code format} is {@code md} or {@code csv}; {@code topic} and {@code week} are
     * read only by the exports that take them (null when not given).
     */
    public record Request(
            String format, @Nullable String topic, @Nullable String week) {
        public boolean markdown() {
            return "md".equals(format);
        }
    }

    /** An option this export refuses (an unknown topic, a bad date): its message is shown, nothing is written. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
