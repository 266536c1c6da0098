package org.campops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.campops.app.RunningBot;
import org.campops.testing.contract.DiscordContract;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;

/** What the end-to-end tests share: reading the bot's database and checking what it sent Discord. */
public final class EndToEnd {
    private EndToEnd() {}

    /** The text of an interaction callback. */
    public static String content(JsonNode callback) {
        return callback.path("data").path("content").asText();
    }

    /**
     * What the member finally sees for an interaction, whether the bot answered at once or
     * acknowledged first (slow work) and answered through the hook. When this returns, the bot's
     * handler has finished (it answers last), so its other effects can be checked.
     */
    public static String answerText(FakeDiscord fake, String interactionId, Duration wait) {
        JsonNode callback = fake.callbackFor(interactionId, wait);
        int type = callback.path("type").asInt();
        if (type == 4 || type == 7) {
            return content(callback);
        }
        if (type == 5) {
            // A deferred reply is answered by editing the original response.
            return fake.awaitOriginalEdits(interactionId, 1, wait)
                    .get(0)
                    .path("content")
                    .asText();
        }
        // A deferred update (buttons): the answer edits the message the button is on, or comes as a follow-up.
        fake.await(
                () -> !fake.originalEditsFor(interactionId).isEmpty()
                        || !fake.followupsFor(interactionId).isEmpty(),
                wait,
                () -> "an answer to interaction " + interactionId + " (deferred, type " + type + ")");
        List<JsonNode> edits = fake.originalEditsFor(interactionId);
        return (edits.isEmpty() ? fake.followupsFor(interactionId).get(0) : edits.get(0))
                .path("content")
                .asText();
    }

    /**
     * Waits until the bot has handled every gateway event the fake sent before this call. Events on
     * one gateway connection reach the bot in order, and JDA applies each to its cache before it
     * reads the next, so once the bot answered an interaction sent now (a /help), it has handled
     * everything sent earlier, e.g. a THREAD_UPDATE that archived a thread.
     */
    public static void awaitGatewayHandled(FakeDiscord fake, Duration wait) {
        String marker = fake.sendSlash(
                FakeDiscord.CAMPER_ID, "en-US", FakeDiscord.GENERAL_CHANNEL, "help", null, java.util.Map.of());
        assertThat(answerText(fake, marker, wait))
                .as("answer to the /help marker")
                .isNotBlank();
    }

    /** Every REST body the bot sent, checked against Discord's OpenAPI description (when the file is there). */
    public static void assertContract(FakeDiscord fake) {
        DiscordContract.load().ifPresent(contract -> {
            for (RecordedRequest r : fake.requests()) {
                if (r.body() == null || r.body().isBlank() || r.method().equals("GET")) {
                    continue;
                }
                assertThat(contract.violations(
                                r.method(), r.path(), r.jsonBody().toString()))
                        .as(r.method() + " " + r.path())
                        .isEmpty();
            }
        });
    }

    /** The first column of every row of {@code sql}, as text. */
    public static List<String> rows(RunningBot bot, String sql) throws SQLException {
        try (Connection c = bot.app().database().dataSource().getConnection()) {
            return rows(c, sql);
        }
    }

    /** The first column of every row of {@code sql} in the database at {@code jdbcUrl} (e.g. after the bot stopped). */
    public static List<String> rows(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return rows(c, sql);
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
