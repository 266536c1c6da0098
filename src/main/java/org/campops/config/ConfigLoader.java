package org.campops.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads config/campops.yaml into {@link CampConfig}, and the program file beside it. Every problem is collected so
 * that one run of {@code campops check-config} lists them all, each naming its line, its key and what is expected.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static CampConfig load(Path path) throws ConfigException {
        YamlSource source = YamlSource.read(path, "copy config/campops.yaml from the project and edit it");
        Problems problems = new Problems(source);
        CampConfig config = bind(source, problems);
        CampFile file = config == null ? null : Binder.bind(source, CampFile.class, problems);
        List<String> all = new ArrayList<>(problems.messages());
        // The program file: `program:` (relative to this file), or program.yaml next to it when present.
        String named = file == null ? null : file.program();
        Path programFile = named != null
                ? Objects.requireNonNull(path.toAbsolutePath().getParent(), "its folder")
                        .resolve(named)
                : programFile(path);
        Program program = Program.empty();
        if (named != null || Files.isRegularFile(programFile)) {
            try {
                program = ProgramLoader.load(programFile);
            } catch (ConfigException e) {
                all.addAll(e.problems());
            }
        }
        if (!all.isEmpty()) {
            throw new ConfigException(all);
        }
        return Objects.requireNonNull(config, "bound without problems").withProgram(program);
    }

    /** Where {@link #load} finds the program file of {@code configFile} (it may not exist). */
    public static Path programFile(Path configFile) {
        return Objects.requireNonNull(configFile.toAbsolutePath().getParent(), "its folder")
                .resolve("program.yaml");
    }

    /** The config in {@code root} (without its program); problems are named by key only. */
    public static CampConfig parse(JsonNode root) throws ConfigException {
        YamlSource source = YamlSource.of(root);
        Problems problems = new Problems(source);
        CampConfig config = bind(source, problems);
        if (config != null) {
            Binder.bind(source, CampFile.class, problems);
        }
        problems.throwIfAny();
        return Objects.requireNonNull(config, "bound without problems").withProgram(Program.empty());
    }

    private static @Nullable CampConfig bind(YamlSource source, Problems problems) {
        CampConfig config = Binder.bind(source, CampConfig.class, problems);
        if (config != null) {
            check(config, problems);
        }
        return config;
    }

    /** What no single key can check. */
    private static void check(CampConfig config, Problems problems) {
        checkHttp(config.http(), problems);
        CampConfig.QaSettings qa = config.qa();
        if (qa != null) {
            Duration followUp = qa.followUpAfter();
            Duration escalate = qa.escalateAfter();
            if (!problems.covers("qa.followUpAfter")
                    && !problems.covers("qa.escalateAfter")
                    && escalate.compareTo(followUp) < 0) {
                problems.add(
                        "qa.escalateAfter", "must not be shorter than qa.followUpAfter (" + followUp.toHours() + "h)");
            }
            if (!problems.covers("qa.digestEvery") && qa.digestEvery().compareTo(Duration.ofMinutes(5)) < 0) {
                problems.add(
                        "qa.digestEvery",
                        "expected at least 5m so mentors are not flooded, got " + text(qa.digestEvery()));
            }
            Set<String> seen = new HashSet<>();
            List<String> topics = qa.topics() == null ? List.of() : qa.topics();
            for (int i = 0; i < topics.size(); i++) {
                String t = topics.get(i);
                if (t != null && !seen.add(t.toLowerCase(Locale.ROOT))) {
                    problems.add("qa.topics[" + i + "]", "'" + t + "' is listed twice");
                }
            }
        }
    }

    /** The management listener needs a port of its own (0 and 0 is fine: two free ports). */
    private static void checkHttp(CampConfig.HttpSettings http, Problems problems) {
        if (http == null || problems.covers("http.port") || problems.covers("http.managementPort")) {
            return;
        }
        int port = http.port();
        int management = http.managementPort();
        if (port != 0 && port == management) {
            problems.add(
                    "http.managementPort",
                    "must differ from http.port (" + port + "): /health and /metrics are"
                            + " served on a listener of their own");
        }
    }

    /** A duration as the files write it: 90m, 12h, 2d (ISO when finer than minutes). */
    static String text(Duration d) {
        if (!d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toString();
        }
        if (d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        return d.equals(Duration.ofHours(d.toHours())) ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
