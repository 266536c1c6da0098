package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.app.RunningBot;
import org.campops.testing.Await;
import org.campops.testing.BotHarness;
import org.campops.testing.EndToEnd;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /health and /metrics over HTTP on the management listener (loopback), from the real bot (real JDA) against the fake
 * Discord; the public listener has neither, and no answer names the server or its version.
 */
class HealthMetricsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private FakeDiscord fake;
    private RunningBot bot;

    @BeforeEach
    void start() {
        fake = FakeDiscord.start();
        bot = BotHarness.start(fake, BotHarness.fileDb(dir));
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        fake.close();
    }

    /** A GET on the management listener. */
    private HttpResponse<String> get(String path) throws Exception {
        return get(bot.web().managementPort(), path);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String answer(String user, String command, String sub, Map<String, ?> options) {
        return EndToEnd.answerText(fake, fake.sendSlash(user, "en-US", GENERAL_CHANNEL, command, sub, options), WAIT);
    }

    /** The value of one series in a Prometheus text page, or null when it is not there. */
    static Double value(String page, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(page);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    @Test
    void healthIsUpWithDetailsWhenConnected() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("database").asBoolean()).isTrue();
        assertThat(body.path("discord").asText()).isEqualTo("CONNECTED");
        assertThat(body.path("gatewayHolder").asBoolean()).isTrue();
        assertThat(body.path("gatewayPingMs").isIntegralNumber()).isTrue();
        assertThat(body.path("outboxDepth").isInt()).isTrue();
        assertThat(body.path("version").asText()).isNotBlank();
        assertThat(body.path("problems")).isEmpty();

        // Docker's HEALTHCHECK runs the jar's own check (the image has no curl or wget).
        assertThat(healthcheck()).isZero();

        HttpResponse<String> unknown = get("/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();
    }

    @Test
    void healthAndMetricsAreOnlyOnTheLoopbackManagementListener() throws Exception {
        assertThat(bot.web().managementAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(bot.web().managementPort()).isNotEqualTo(bot.web().port());
        int site = bot.web().port();
        for (String path : new String[] {"/health", "/metrics", "/health/", "/HEALTH"}) {
            HttpResponse<String> r = get(site, path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).isEmpty();
        }
        // Neither are the feeds on the management listener.
        assertThat(get("/calendar/" + "A".repeat(43) + ".ics").statusCode()).isEqualTo(404);
    }

    @Test
    void noAnswerNamesTheServerOrItsVersion() throws Exception {
        java.util.List<HttpResponse<String>> answers = java.util.List.of(get("/health"), get("/metrics"), get("/nothing"),
                get(bot.web().port(), "/nothing"), get(bot.web().port(), "/calendar/" + "A".repeat(43) + ".ics"));
        for (HttpResponse<String> r : answers) {
            assertThat(r.headers().firstValue("Server")).as(r.uri().toString()).isEmpty();
            assertThat(r.headers().map().toString()).as(r.uri().toString()).doesNotContainIgnoringCase("jetty")
                    .doesNotContainIgnoringCase("javalin");
        }
        // A request Jetty refuses before any route (a malformed path) gets the status alone, on both listeners.
        for (int port : new int[] {bot.web().port(), bot.web().managementPort()}) {
            String raw = rawHttp(port, "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(raw).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("server:")
                    .doesNotContainIgnoringCase("jetty").doesNotContainIgnoringCase("javalin");
        }
    }

    /** Sends {@code request} as written and reads the whole answer (the server closes the connection). */
    private static String rawHttp(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void healthIs503WhileTheGatewayIsDownAndUpAgainAfter() throws Exception {
        fake.setGatewayDown(true);
        Await.until(() -> status() == 503, WAIT, () -> "/health to answer 503 with the gateway down");
        JsonNode body = JSON.readTree(get("/health").body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("database").asBoolean()).isTrue();
        assertThat(body.path("discord").asText()).isNotEqualTo("CONNECTED");
        assertThat(body.path("problems").toString()).contains("Discord gateway");

        fake.setGatewayDown(false);
        // JDA waits a little longer after each failed attempt (2 s, 4 s, ...) before it tries again.
        Await.until(() -> status() == 200, Duration.ofSeconds(60), () -> "/health to answer 200 once the gateway is back", 100);
    }

    @Test
    void healthIs503WhenTheDatabaseIsClosed() throws Exception {
        bot.app().database().close();
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("database").asBoolean()).isFalse();
        assertThat(body.path("discord").asText()).isEqualTo("CONNECTED");
        assertThat(body.path("outboxDepth").isNull()).isTrue();
        assertThat(body.path("problems").toString()).contains("database");
        assertThat(healthcheck()).isEqualTo(1);
        try {
            bot.close();
        } catch (RuntimeException expected) {
            // Its store is gone: the orderly stop cannot drain the outbox.
        }
        bot = null;
    }

    /** {@code campops healthcheck --url <this bot's /health>}: its exit code. */
    private int healthcheck() {
        return new picocli.CommandLine(new org.campops.app.Main()).execute("healthcheck", "--url",
                "http://127.0.0.1:" + bot.web().managementPort() + "/health");
    }

    private int status() {
        try {
            return get("/health").statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void metricsCountCommandsMomentsPostsAndRateLimits() throws Exception {
        // Discord answers the reminder's DM with a 429 first: JDA waits and sends it again.
        fake.faults().rateLimitNext("POST", ".*/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages", 1, 0.2);
        assertThat(answer(CAMPER_ID, "help", null, Map.of())).isNotBlank();
        assertThat(answer(CAMPER_ID, "help", null, Map.of())).isNotBlank();
        assertThat(answer(CAMPER_ID, "remind", "set", Map.of("when", "in 1s", "text", "stretch"))).contains("#1");
        assertThat(answer(CAMPER_ID, "status", null, Map.of())).isNotBlank(); // organizers only: rejected
        fake.await(() -> fake.dmsTo(CAMPER_ID).size() == 1, WAIT, () -> "the reminder's DM");

        String[] page = new String[1];
        Await.until(() -> {
            try {
                page[0] = get("/metrics").body();
            } catch (Exception e) {
                return false;
            }
            Double sent = value(page[0], "campops_posts_sent_total{kind=\"DM\"}");
            return sent != null && sent >= 1;
        }, WAIT, () -> "the DM in the metrics:\n" + page[0], 100);
        String p = page[0];
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        assertThat(value(p, "campops_commands_handled_total{command=\"help\",outcome=\"ok\"}")).isEqualTo(2.0);
        assertThat(value(p, "campops_commands_handled_total{command=\"remind set\",outcome=\"ok\"}")).isEqualTo(1.0);
        assertThat(value(p, "campops_commands_handled_total{command=\"status\",outcome=\"rejected\"}")).isEqualTo(1.0);
        assertThat(value(p, "campops_commands_failed_total{command=\"remind set\"}")).isEqualTo(0.0);
        assertThat(value(p, "campops_command_duration_seconds_count{command=\"help\"}")).isEqualTo(2.0);
        assertThat(value(p, "campops_command_duration_seconds_bucket{command=\"help\",le=\"5.0\"}")).isEqualTo(2.0);
        assertThat(value(p, "campops_moments_fired_total{feature=\"reminder\",outcome=\"ok\"}")).isEqualTo(1.0);
        assertThat(value(p, "campops_moment_lateness_seconds_count{feature=\"reminder\"}")).isEqualTo(1.0);
        assertThat(value(p, "campops_moment_lateness_seconds_sum{feature=\"reminder\"}")).isGreaterThanOrEqualTo(0.0);
        assertThat(value(p, "campops_posts_sent_total{kind=\"DM\"}")).isEqualTo(1.0);
        assertThat(value(p, "campops_posts_retried_total{kind=\"DM\"}")).isEqualTo(0.0);
        assertThat(value(p, "campops_posts_failed_total{kind=\"DM\"}")).isEqualTo(0.0);
        assertThat(value(p, "campops_outbox_depth")).isNotNull();
        assertThat(value(p, "campops_discord_rate_limited_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(p, "campops_discord_connected")).isEqualTo(1.0);
        assertThat(value(p, "campops_gateway_holder")).isEqualTo(1.0);
        assertThat(p).contains("campops_discord_gateway_ping_seconds");
        assertThat(p).contains("jvm_memory_used_bytes");
    }
}
