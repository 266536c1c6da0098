package org.campops.feature;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code campops export NAME}: a file a feature writes from its data, Markdown or CSV. The app
 * lists every feature's exports; the command line finds one by name.
 */
public record Export(String name, Writer writer, @Nullable FileWriter files) {

    public Export {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(writer, "writer");
    }

    /** An export of one text (Markdown or CSV) to standard output or {@code --output FILE}. */
    public Export(String name, Writer writer) {
        this(name, writer, null);
    }

    /**
     * An export of files ({@code --format} may also be {@code png}), written into the folder {@code --output DIR}
     * (default: the current folder).
     */
    public static Export ofFiles(String name, FileWriter files) {
        return new Export(
                name,
                request -> {
                    throw new Refused("campops export " + name + " writes files: use --output DIR");
                },
                files);
    }

    /** Writes the files of one request; throws {@link Refused} for an option it cannot serve. */
    @FunctionalInterface
    public interface FileWriter {
        List<File> write(Request request);
    }

    /** One file of a file export: its name (no folder) and content. */
    public record File(String name, byte[] content) {
        public File {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** Writes the file's text for one request; throws {@link Refused} for an option it cannot serve. */
    @FunctionalInterface
    public interface Writer {
        String write(Request request);
    }

    /**
     * What the command line asked: {@code format} is {@code md} or {@code csv} ({@code png} too for a file export); {@code topic} and {@code week} are
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
