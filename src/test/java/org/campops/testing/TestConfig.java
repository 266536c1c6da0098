package org.campops.testing;

import java.nio.file.Path;
import java.util.UUID;
import org.campops.config.CampConfig;
import org.campops.config.ConfigLoader;

/** The test camp: config/campops-test.yaml uses the fake Discord's ids. */
public final class TestConfig {
    private TestConfig() {}

    public static CampConfig load() {
        try {
            return ConfigLoader.load(Path.of("src/test/resources/campops-test.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh in-memory H2 database URL. */
    public static String memoryDb() {
        return "jdbc:h2:mem:test-" + UUID.randomUUID();
    }
}
