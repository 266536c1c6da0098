package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.campops.testing.Camp;
import org.campops.testing.CampE2E;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /health and the public and management listeners of a healthy bot, over HTTP from the real bot (real JDA) against the
 * fake Discord: the management listener is loopback only, the public one has neither /health nor /metrics, and no
 * answer names the server or its version. These tests only read, so the class shares one bot.
 */
@CampE2E(perClass = true, awaitCommands = false)
class HealthEndpointsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Camp camp;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
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

    @Test
    void healthIsUpWithDetailsWhenConnected() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
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
        assertThat(HealthMetricsEndToEndTest.healthcheck(camp.bot().web().managementPort()))
                .isZero();

        HttpResponse<String> unknown = get("/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();
    }

    @Test
    void healthAndMetricsAreOnlyOnTheLoopbackManagementListener() throws Exception {
        assertThat(camp.bot().web().managementAddress().getAddress().isLoopbackAddress())
                .isTrue();
        assertThat(camp.bot().web().managementPort())
                .isNotEqualTo(camp.bot().web().port());
        int site = camp.bot().web().port();
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
        java.util.List<HttpResponse<String>> answers = java.util.List.of(
                get("/health"),
                get("/metrics"),
                get("/nothing"),
                get(camp.bot().web().port(), "/nothing"),
                get(camp.bot().web().port(), "/calendar/" + "A".repeat(43) + ".ics"));
        for (HttpResponse<String> r : answers) {
            assertThat(r.headers().firstValue("Server")).as(r.uri().toString()).isEmpty();
            assertThat(r.headers().map().toString())
                    .as(r.uri().toString())
                    .doesNotContainIgnoringCase("jetty")
                    .doesNotContainIgnoringCase("javalin");
        }
        // A request Jetty refuses before any route (a malformed path) gets the status alone, on both listeners.
        for (int port : new int[] {camp.bot().web().port(), camp.bot().web().managementPort()}) {
            String raw = HealthMetricsEndToEndTest.rawHttp(
                    port, "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(raw)
                    .startsWith("HTTP/1.1 400")
                    .doesNotContainIgnoringCase("server:")
                    .doesNotContainIgnoringCase("jetty")
                    .doesNotContainIgnoringCase("javalin");
        }
    }
}
