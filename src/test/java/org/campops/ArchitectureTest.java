package org.campops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The arrows of docs/ARCHITECTURE.md, checked on the sources. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/campops");

    private static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> s = Files.walk(MAIN.resolve(pkg))) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void onlyTheDiscordAdapterKnowsJda() throws IOException {
        for (Path p : all()) {
            if (p.startsWith(MAIN.resolve("discord"))) {
                continue;
            }
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain("net.dv8tion");
        }
    }

    @Test
    void chatCoreUsesTheJdkOnly() throws IOException {
        for (Path p : sources("chat")) {
            assertThat(Files.readAllLines(p).stream().filter(l -> l.startsWith("import "))
                    .filter(l -> !l.startsWith("import java.")).toList()).as(p.toString()).isEmpty();
        }
    }

    @Test
    void featuresDoNotUseEachOthersRepositories() throws IOException {
        java.util.Map<String, String> repositories = java.util.Map.of(
                "reminders", "ReminderRepository", "qa", "QaRepository", "officehours", "OfficeHourRepository");
        for (String feature : repositories.keySet()) {
            for (Path p : sources(feature)) {
                String text = Files.readString(p);
                repositories.forEach((owner, repository) -> {
                    if (!owner.equals(feature)) {
                        assertThat(text).as(p + " uses " + repository).doesNotContain(repository);
                    }
                });
            }
        }
    }
}
