package org.campops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void committedConfigIsValid() throws Exception {
        CampConfig c = ConfigLoader.load(Path.of("config/campops.yaml"));
        assertThat(c.camp().zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(c.camp().locale()).isEqualTo(Locale.KOREAN);
        assertThat(c.discord().roles().organizer()).matches("\\d+");
        assertThat(c.reminders().maxPendingPerMember()).isPositive();
    }

    @Test
    void everyProblemIsListedWithItsKey() throws Exception {
        JsonNode root = YAML.readTree("""
                camp:
                  zone: Mars/Olympus
                  locale: fr
                discord:
                  guildId: abc
                  roles:
                    camper: "1"
                  channels: {}
                  colour: red
                """);
        assertThatThrownBy(() -> ConfigLoader.parse(root))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("camp.name: missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("camp.zone:").contains("Asia/Seoul"))
                        .anySatisfy(
                                p -> assertThat(p).startsWith("camp.locale:").contains("ko or en"))
                        .anySatisfy(p ->
                                assertThat(p).startsWith("discord.guildId:").contains("digits"))
                        .anySatisfy(p -> assertThat(p).startsWith("discord.roles.mentor: missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("discord.roles.organizer: missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("discord.channels.mentors: missing"))
                        .anySatisfy(p -> assertThat(p).startsWith("discord.colour: unknown key")));
    }

    @Test
    void qaAndOfficeHourTimingsAreValidated() throws Exception {
        JsonNode root = YAML.readTree(new String(
                java.nio.file.Files.readAllBytes(Path.of("config/campops.yaml")),
                java.nio.charset.StandardCharsets.UTF_8));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("qa")).put("followUpAfter", "30h");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("qa")).put("digestEvery", "soon");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("officeHours")).put("maxDurationMinutes", 5000);
        assertThatThrownBy(() -> ConfigLoader.parse(root))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("qa.escalateAfter: must not be shorter"))
                        .anySatisfy(p -> assertThat(p).startsWith("qa.digestEvery: expected a duration"))
                        .anySatisfy(p -> assertThat(p).startsWith("officeHours.maxDurationMinutes:")));
        CampConfig ok = ConfigLoader.load(Path.of("config/campops.yaml"));
        assertThat(ok.qa().followUpAfter()).hasHours(12);
        assertThat(ok.officeHours().remindBefore())
                .containsExactly(
                        java.time.Duration.ofHours(24),
                        java.time.Duration.ofHours(1),
                        java.time.Duration.ofMinutes(10));
    }

    @Test
    void missingFileSaysSo() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("file not found");
    }

    @Test
    void environmentOverridesAndTokenIsNeverPrinted() {
        Env env = Env.from(Map.of(
                "DISCORD_TOKEN",
                "secret-token",
                "DISCORD_API_URL",
                "http://127.0.0.1:9999",
                "DISCORD_GATEWAY_URL",
                "ws://127.0.0.1:9998",
                "CAMPOPS_DB_URL",
                "jdbc:h2:mem:x"));
        assertThat(env.token()).contains("secret-token");
        assertThat(env.apiUrl()).isEqualTo("http://127.0.0.1:9999/api/v10/");
        assertThat(env.gatewayUrl()).isEqualTo("ws://127.0.0.1:9998");
        assertThat(env.dbUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(env.toString()).doesNotContain("secret-token");
        assertThat(Env.from(Map.of()).apiUrl()).isEqualTo(Env.DEFAULT_API_URL);
        assertThat(Env.normalizeApiUrl("http://127.0.0.1:1/api/v10")).isEqualTo("http://127.0.0.1:1/api/v10/");
        assertThat(Env.normalizeApiUrl("http://127.0.0.1:1/api")).isEqualTo("http://127.0.0.1:1/api/v10/");
    }
}
