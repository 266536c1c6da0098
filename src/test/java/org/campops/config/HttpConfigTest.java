package org.campops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code http:} section of campops.yaml. */
class HttpConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ObjectNode example() throws Exception {
        return (ObjectNode) YAML.readTree(Files.readString(Path.of("config/campops.yaml")));
    }

    private static CampConfig.HttpSettings parse(String httpYaml) throws Exception {
        ObjectNode root = example();
        root.remove("http");
        if (httpYaml != null) {
            root.set("http", YAML.readTree(httpYaml));
        }
        return ConfigLoader.parse(root).http();
    }

    @Test
    void theExampleListensOn8080AndManagesOnLoopback8081() throws Exception {
        CampConfig.HttpSettings h = ConfigLoader.parse(example()).http();
        assertThat(h.enabled()).isTrue();
        assertThat(h.port()).isEqualTo(8080);
        assertThat(h.host()).isEqualTo("0.0.0.0");
        assertThat(h.baseUrl(8080)).isEqualTo("http://localhost:8080");
        assertThat(h.managementHost()).isEqualTo("127.0.0.1");
        assertThat(h.managementPort()).isEqualTo(8081);
        assertThat(h.feedRequestsPerMinute()).isEqualTo(60);
    }

    @Test
    void managementIsOnLoopbackByDefault() throws Exception {
        CampConfig.HttpSettings h = parse("{port: 9000}");
        assertThat(h.managementHost()).isEqualTo("127.0.0.1");
        assertThat(h.managementPort()).isEqualTo(CampConfig.HttpSettings.DEFAULT_MANAGEMENT_PORT);
        assertThat(h.feedRequestsPerMinute()).isEqualTo(CampConfig.HttpSettings.DEFAULT_FEED_REQUESTS_PER_MINUTE);
        CampConfig.HttpSettings set =
                parse("{managementHost: 10.0.0.5, managementPort: 9100, feedRequestsPerMinute: 5}");
        assertThat(set.managementHost()).isEqualTo("10.0.0.5");
        assertThat(set.managementPort()).isEqualTo(9100);
        assertThat(set.feedRequestsPerMinute()).isEqualTo(5);
    }

    @Test
    void theManagementPortMustDifferFromThePublicOneNamedByLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String edited = Files.readString(Path.of("config/campops.yaml"))
                .replace("managementPort: 8081", "managementPort: 8080")
                .replace("feedRequestsPerMinute: 60", "feedRequestsPerMinute: 0");
        Files.writeString(dir.resolve("campops.yaml"), edited);
        Files.copy(Path.of("config/program.yaml"), dir.resolve("program.yaml"));
        java.util.List<String> lines = edited.lines().toList();
        int management = 1
                + lines.indexOf(lines.stream()
                        .filter(l -> l.contains("managementPort: 8080"))
                        .findFirst()
                        .orElseThrow());
        int rate = 1
                + lines.indexOf(lines.stream()
                        .filter(l -> l.contains("feedRequestsPerMinute: 0"))
                        .findFirst()
                        .orElseThrow());
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("campops.yaml")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("campops.yaml line " + management + ": http.managementPort: must"
                                        + " differ from http.port (8080)"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("campops.yaml line " + rate + ": http.feedRequestsPerMinute:")));
        // Both 0 (any free port, as in tests) is fine.
        assertThat(parse("{port: 0, managementPort: 0}").managementPort()).isZero();
    }

    @Test
    void withoutTheSectionTheDefaultsApply() throws Exception {
        assertThat(parse(null)).isEqualTo(CampConfig.HttpSettings.defaults());
    }

    @Test
    void portZeroAndAPublicUrl() throws Exception {
        CampConfig.HttpSettings h = parse("{enabled: false, port: 0, publicUrl: 'https://bot.example.org/camp/'}");
        assertThat(h.enabled()).isFalse();
        assertThat(h.port()).isZero();
        assertThat(h.publicUrl()).isEqualTo("https://bot.example.org/camp");
        assertThat(h.baseUrl(41234)).isEqualTo("https://bot.example.org/camp");
    }

    @Test
    void badValuesAreNamedByKey() throws Exception {
        assertThatThrownBy(() -> parse("{enabled: yes please, port: 70000, publicUrl: 'ftp://x', extra: 1}"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("http.port:"))
                        .anySatisfy(p -> assertThat(p).startsWith("http.enabled:"))
                        .anySatisfy(p -> assertThat(p).startsWith("http.publicUrl:"))
                        .anySatisfy(p -> assertThat(p).startsWith("http.extra:")));
        assertThatThrownBy(() -> parse("{publicUrl: 'https://x.org/feed?a=1'}")).isInstanceOf(ConfigException.class);
    }

    @Test
    void theTestCampTakesAnyFreePortOnLoopback() {
        CampConfig.HttpSettings h = org.campops.testing.TestConfig.load().http();
        assertThat(h.port()).isZero();
        assertThat(h.host()).isEqualTo("127.0.0.1");
        assertThat(h.managementPort()).isZero();
        assertThat(h.managementHost()).isEqualTo("127.0.0.1");
    }
}
