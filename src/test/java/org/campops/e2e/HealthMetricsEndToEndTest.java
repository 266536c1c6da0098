package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.testing.Await;
import org.campops.testing.Camp;
import org.campops.testing.CampE2E;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /health and /metrics over HTTP on the management listener (loopback), from the real bot (real JDA) against the fake
 * Discord, in states each test makes (the gateway down, the database closed, counted commands): a bot per test.
 * What a fresh bot answers is in {@link HealthEndpointsEndToEndTest}.
 */
@CampE2E(awaitCommands = false)
class HealthMetricsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    /** A GET on the management listener. */
    private HttpResponse<String> get(String path) throws Exception {
        return get(camp.bot().web().managementPort(), path);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series in a Prometheus text page, or null when it is not there. */
    static Double value(String page, String series) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(page);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    /** Sends {@code request} as written and reads the whole answer (the server closes the connection). */
    static String rawHttp(int port, String request) throws Exception {
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
        Await.until(
                () -> status() == 200,
                Duration.ofSeconds(60),
                () -> "/health to answer 200 once the gateway is back",
                100);
    }

    @Test
    void healthIs503WhenTheDatabaseIsClosed() throws Exception {
        camp.bot().app().database().close();
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
            camp.stop();
        } catch (RuntimeException expected) {
            // Its store is gone: the orderly stop cannot drain the outbox.
        }
    }

    /** {@code campops healthcheck --url <this bot's /health>}: its exit code. */
    private int healthcheck() {
        return healthcheck(camp.bot().web().managementPort());
    }

    static int healthcheck(int managementPort) {
        return new picocli.CommandLine(new org.campops.app.Main())
                .execute("healthcheck", "--url", "http://127.0.0.1:" + managementPort + "/health");
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
        assertThat(camp.slash(CAMPER_ID, "help", null, Map.of())).isNotBlank();
        assertThat(camp.slash(CAMPER_ID, "help", null, Map.of())).isNotBlank();
        assertThat(camp.slash(CAMPER_ID, "remind", "set", Map.of("when", "in 1s", "text", "stretch")))
                .contains("#1");
        assertThat(camp.slash(CAMPER_ID, "status", null, Map.of())).isNotBlank(); // organizers only: rejected
        fake.await(() -> fake.dmsTo(CAMPER_ID).size() == 1, WAIT, () -> "the reminder's DM");

        String[] page = new String[1];
        Await.until(
                () -> {
                    try {
                        page[0] = get("/metrics").body();
                    } catch (Exception e) {
                        return false;
                    }
                    Double sent = value(page[0], "campops_posts_sent_total{kind=\"DM\"}");
                    return sent != null && sent >= 1;
                },
                WAIT,
                () -> "the DM in the metrics:\n" + page[0],
                100);
        String p = page[0];
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        assertThat(value(p, "campops_commands_handled_total{command=\"help\",outcome=\"ok\"}"))
                .isEqualTo(2.0);
        assertThat(value(p, "campops_commands_handled_total{command=\"remind set\",outcome=\"ok\"}"))
                .isEqualTo(1.0);
        assertThat(value(p, "campops_commands_handled_total{command=\"status\",outcome=\"rejected\"}"))
                .isEqualTo(1.0);
        assertThat(value(p, "campops_commands_failed_total{command=\"remind set\"}"))
                .isEqualTo(0.0);
        assertThat(value(p, "campops_command_duration_seconds_count{command=\"help\"}"))
                .isEqualTo(2.0);
        assertThat(value(p, "campops_command_duration_seconds_bucket{command=\"help\",le=\"5.0\"}"))
                .isEqualTo(2.0);
        assertThat(value(p, "campops_moments_fired_total{feature=\"reminder\",outcome=\"ok\"}"))
                .isEqualTo(1.0);
        assertThat(value(p, "campops_moment_lateness_seconds_count{feature=\"reminder\"}"))
                .isEqualTo(1.0);
        assertThat(value(p, "campops_moment_lateness_seconds_sum{feature=\"reminder\"}"))
                .isGreaterThanOrEqualTo(0.0);
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
