package org.campops.feature;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code campops import NAME [ARGS] FILE.csv}: a CSV a feature imports whole (one transaction) or not
 * at all, naming every bad line. {@code parameters} are the arguments before the file (e.g.
 * {@code COMPETITION}); {@code example} is a sample command line after {@code campops import}.
 */
public record Import(String name, List<String> parameters, String example, Runner runner) {

    public Import {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(runner, "runner");
    }

    /** {@code campops import NAME PARAMETERS FILE.csv}. */
    public String usage() {
        String args = parameters.isEmpty() ? "" : " " + String.join(" ", parameters);
        return "campops import " + name + args + " FILE.csv";
    }

    /** Imports one file; returns what was imported (one line after "Imported FILE"), or throws {@link Refused}. */
    @FunctionalInterface
    public interface Runner {
        String run(Request request) throws IOException;
    }

    /** The arguments before the file, and the file. */
    public record Request(List<String> arguments, Path file) {
        public Request {
            arguments = List.copyOf(arguments);
        }

        /** The file as UTF-8 text (malformed input throws {@link java.nio.charset.MalformedInputException}). */
        public Reader open() throws IOException {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }
    }

    /** Every problem of a refused file; nothing was imported. */
    public static final class Refused extends RuntimeException {
        private final List<String> problems;

        public Refused(List<String> problems) {
            super(String.join("\n", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
