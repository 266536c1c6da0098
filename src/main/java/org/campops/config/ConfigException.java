package org.campops.config;

import java.util.List;

/** The configuration is unusable; {@link #problems()} names every bad key and what was expected. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
