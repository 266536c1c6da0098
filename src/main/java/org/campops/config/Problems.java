package org.campops.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every problem found in one config file, each at its key path. Listed in document order, each naming its
 * file and line when known: {@code program.yaml line 12: competitions[0].end: ...}, or {@code qa.escalateAfter: ...}
 * for a tree without a file.
 */
final class Problems {
    private record Problem(String path, String message) {}

    private final YamlSource source;
    private final List<Problem> problems = new ArrayList<>();

    Problems(YamlSource source) {
        this.source = source;
    }

    void add(String path, String message) {
        Problem p = new Problem(path, message);
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    /** Whether {@code path} or a key enclosing it already has a problem (so its value is known to be unusable). */
    boolean covers(String path) {
        for (String p = path; ; p = YamlSource.parent(p)) {
            String here = p;
            if (problems.stream().anyMatch(x -> x.path().equals(here))) {
                return true;
            }
            if (p.isEmpty()) {
                return false;
            }
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The formatted problems in document order (problems at one place in the order found). */
    List<String> messages() {
        Set<String> out = new LinkedHashSet<>();
        problems.stream()
                .sorted(Comparator.comparingInt(p -> source.position(p.path())))
                .forEach(p -> out.add(format(p)));
        return List.copyOf(out);
    }

    void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(messages());
        }
    }

    private String format(Problem p) {
        StringBuilder s = new StringBuilder();
        if (source.file() != null) {
            s.append(source.file());
            Integer line = source.line(p.path());
            if (line != null) {
                s.append(" line ").append(line);
            }
            s.append(": ");
        }
        if (!p.path().isEmpty()) {
            s.append(p.path()).append(": ");
        } else if (source.file() == null) {
            s.append("(root): ");
        }
        return s.append(p.message()).toString();
    }
}
