package org.campops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
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
    private EndToEnd() {
    }

    /** The text of an interaction callback. */
    public static String content(JsonNode callback) {
        return callback.path("data").path("content").asText();
    }

    /**
     * What the member finally sees for an interaction, whether the bot answered at once or
     * acknowledged first (slow work) and answered through the hook.
     */
    public static String answerText(FakeDiscord fake, String interactionId, Duration wait) throws InterruptedException {
        JsonNode callback = fake.callbackFor(interactionId, wait);
        int type = callback.path("type").asInt();
        if (type == 4 || type == 7) {
            return content(callback);
        }
        if (type == 6) {
            return fake.awaitFollowups(interactionId, 1, wait).get(0).path("content").asText();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> edits = fake.originalEditsFor(interactionId);
            if (!edits.isEmpty()) {
                return edits.get(edits.size() - 1).path("content").asText();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no answer to interaction " + interactionId);
    }

    /** Every REST body the bot sent, checked against Discord's OpenAPI description (when the file is there). */
    public static void assertContract(FakeDiscord fake) {
        DiscordContract.load().ifPresent(contract -> {
            for (RecordedRequest r : fake.requests()) {
                if (r.body() == null || r.body().isBlank() || r.method().equals("GET")) {
                    continue;
                }
                assertThat(contract.violations(r.method(), r.path(), r.jsonBody().toString()))
                        .as(r.method() + " " + r.path()).isEmpty();
            }
        });
    }

    /** The first column of every row of {@code sql}, as text. */
    public static List<String> rows(RunningBot bot, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = bot.app().database().dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Polls until {@code sql} yields exactly {@code expected} (events are recorded asynchronously). */
    public static void awaitRows(RunningBot bot, String sql, String expected, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> last = List.of();
        while (System.nanoTime() < deadline) {
            last = rows(bot, sql);
            if (last.equals(List.of(expected))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(sql + " gave " + last + ", expected " + expected);
    }
}
