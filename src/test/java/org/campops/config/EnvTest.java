package org.campops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** DISCORD_API_URL and DISCORD_GATEWAY_URL: the token crosses them, so plain http/ws only on loopback. */
class EnvTest {
    private static Env env(String api, String gateway) {
        return Env.from(Map.of("DISCORD_API_URL", api, "DISCORD_GATEWAY_URL", gateway));
    }

    @Test
    void theDefaultsAreSecure() {
        assertThat(Env.from(Map.of()).discordUrlProblems()).isEmpty();
        assertThat(env("https://discord.example.org/api", "wss://gw.example.org")
                        .discordUrlProblems())
                .isEmpty();
    }

    @Test
    void plainAddressesOnLoopbackAreAllowed() {
        for (String host : new String[] {"127.0.0.1", "127.3.4.5", "localhost", "LOCALHOST", "[::1]"}) {
            assertThat(env("http://" + host + ":9999", "ws://" + host + ":9998").discordUrlProblems())
                    .as(host)
                    .isEmpty();
        }
    }

    @Test
    void plainAddressesElsewhereAreRefusedWithTheVariableNamed() {
        assertThat(env("http://discord.example.org", "wss://gw.example.org").discordUrlProblems())
                .singleElement()
                .asString()
                .startsWith("DISCORD_API_URL must use https://")
                .contains("loopback")
                .contains("http://discord.example.org");
        assertThat(env("https://discord.example.org", "ws://10.0.0.5:8080").discordUrlProblems())
                .singleElement()
                .asString()
                .startsWith("DISCORD_GATEWAY_URL must use wss://");
        // Names that only look like loopback are not.
        for (String host :
                new String[] {"localhost.example.org", "127.0.0.1.example.org", "128.0.0.1", "[::2]", "0.0.0.0"}) {
            assertThat(env("http://" + host + ":1", "ws://" + host + ":2").discordUrlProblems())
                    .as(host)
                    .hasSize(2);
        }
    }

    @Test
    void otherSchemesAndBrokenAddressesAreRefused() {
        assertThat(env("ftp://discord.example.org", "https://gw.example.org").discordUrlProblems())
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_API_URL must be a https:// address"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_GATEWAY_URL must be a wss:// address"));
        assertThat(env("https://discord.example.org", "wss://bad host").discordUrlProblems())
                .singleElement()
                .asString()
                .startsWith("DISCORD_GATEWAY_URL is not a valid address");
    }

    @Test
    void loopbackIsReadFromTheLiteralOnly() {
        assertThat(Env.isLoopback("127.0.0.1")).isTrue();
        assertThat(Env.isLoopback("::1")).isTrue();
        assertThat(Env.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(Env.isLoopback("discord.com")).isFalse();
        assertThat(Env.isLoopback("192.168.1.1")).isFalse();
    }

    @Test
    void theBotRefusesToStartOnAPlainAddressBeforeOpeningAnything() {
        Env plain = new Env(
                java.util.Optional.of("token"),
                "http://discord.example.org/api/v10/",
                "wss://gw.example.org",
                "jdbc:h2:mem:never-opened");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.campops.app.RunningBot.start(
                        org.campops.testing.TestConfig.load(), plain, java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DISCORD_API_URL must use https://");
    }
}
