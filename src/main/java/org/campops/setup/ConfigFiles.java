package org.campops.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The two files setup writes: config/campops.yaml and the program file it names (or program.yaml beside it). Each is
 * edited in memory ({@link YamlEdit}) and written only when its text changed, after a copy of the old file
 * ({@code campops.yaml.bak-<timestamp>}).
 */
final class ConfigFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    final Path camp;
    final Path program;
    private final String campBefore;
    private final @Nullable String programBefore;
    final YamlEdit campEdit;
    final YamlEdit programEdit;

    private ConfigFiles(Path camp, Path program, String campText, @Nullable String programText) {
        this.camp = camp;
        this.program = program;
        this.campBefore = campText;
        this.programBefore = programText;
        this.campEdit = new YamlEdit(campText);
        this.programEdit = new YamlEdit(programText == null ? "" : programText);
    }

    /** Reads the config and its program file ({@code program}, else the config's {@code program:}, else beside it). */
    static ConfigFiles read(Path camp, @Nullable Path program) throws IOException {
        String campText = Files.readString(camp);
        Path dir = Objects.requireNonNull(camp.toAbsolutePath().getParent(), "the config's folder");
        Path programPath = program;
        if (programPath == null) {
            String named = new YamlEdit(campText).get(List.of("program"));
            programPath = dir.resolve(named == null ? "program.yaml" : named);
        }
        String programText = Files.isRegularFile(programPath) ? Files.readString(programPath) : null;
        return new ConfigFiles(camp, programPath, campText, programText);
    }

    /** The discussion boards program.yaml names under {@code channels:}, with the ids they hold. */
    Map<String, String> boards() {
        return programEdit.scalars(List.of("channels"));
    }

    YamlEdit edit(Need.ConfigFile file) {
        return file == Need.ConfigFile.CAMP ? campEdit : programEdit;
    }

    /** Writes what changed; a line per file for the user. */
    List<String> write(Clock clock) throws IOException {
        String stamp = LocalDateTime.now(clock).format(STAMP);
        List<String> out = new java.util.ArrayList<>();
        out.add(write(camp, campBefore, campEdit.text(), stamp));
        if (programBefore != null || !programEdit.text().isEmpty()) {
            out.add(write(program, programBefore, programEdit.text(), stamp));
        }
        return out;
    }

    boolean changed() {
        return !campEdit.text().equals(campBefore)
                || !programEdit.text().equals(programBefore == null ? "" : programBefore);
    }

    private static String write(Path file, @Nullable String before, String after, String stamp) throws IOException {
        if (after.equals(before == null ? "" : before)) {
            return file + " is up to date";
        }
        Path backup = null;
        if (before != null) {
            backup = file.resolveSibling(file.getFileName() + ".bak-" + stamp);
            for (int i = 1; Files.exists(backup); i++) {
                backup = file.resolveSibling(file.getFileName() + ".bak-" + stamp + "-" + i);
            }
            Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path temp = file.resolveSibling(file.getFileName() + ".setup-tmp");
        Files.writeString(temp, after);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return "wrote " + file + (backup == null ? "" : " (the old one is " + backup.getFileName() + ")");
    }
}
