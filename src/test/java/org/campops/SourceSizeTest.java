package org.campops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small files: a class in src/main that grows past {@value #MAX_LINES} lines is split along a seam. */
class SourceSizeTest {
    static final int MAX_LINES = 300;
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noSourceFileInSrcMainIsLongerThan300Lines() throws IOException {
        List<String> over;
        try (Stream<Path> files = Files.walk(MAIN)) {
            over = files.filter(p -> p.toString().endsWith(".java"))
                    .sorted()
                    .filter(p -> lines(p) > MAX_LINES)
                    .map(p -> MAIN.relativize(p) + " (" + lines(p) + " lines)")
                    .toList();
        }
        assertThat(over).as("src/main/java files over %d lines", MAX_LINES).isEmpty();
    }

    private static int lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
