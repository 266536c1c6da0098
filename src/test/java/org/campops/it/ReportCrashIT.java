package org.campops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.BOT_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZERS_CHANNEL;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.delivery.Outbox;
import org.campops.report.ReportWeek;
import org.campops.testing.fakediscord.Faults;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The weekly report with a real process killed while it is being sent: the packaged jar posts last week's report at
 * start (its moment is due this minute), Discord creates the multipart message but the answer never comes back (held
 * at the fake), the process is killed with SIGKILL; after a restart the row is resent with the same nonce and the
 * organizers' channel holds the report once, with its CSV attached.
 */
@Timeout(300)
class ReportCrashIT extends Drill {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String MESSAGES = "/channels/" + ORGANIZERS_CHANNEL + "/messages";

    @Test
    void killNineWhileTheWeeklyReportIsBeingSentPostsItOnce() throws Exception {
        // The report of last week is due this minute (begun, so due at start; well within its day of grace).
        ZonedDateTime due = ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MINUTES);
        LocalDate today = due.toLocalDate();
        String week = ReportWeek.of(today).plusWeeks(-1).toString();
        String yaml = Files.readString(Path.of("src/test/resources/campops-test.yaml"), StandardCharsets.UTF_8)
                + String.join(
                        "\n",
                        "reports:",
                        "  day: " + due.getDayOfWeek().name().toLowerCase(Locale.ROOT),
                        "  time: \"" + String.format("%02d:%02d", due.getHour(), due.getMinute()) + "\"",
                        "");
        Path config = dir.resolve("campops.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("program.yaml"),
                "stages:\n  - {name: Crash stage, start: " + today.minusDays(14) + ", end: " + today.plusDays(14)
                        + "}\n",
                StandardCharsets.UTF_8);

        Faults.Hold hold = fake.faults().holdNextAfterCreate("POST", MESSAGES, 1);
        bot = new BotProcess(dir, fake, config).start(START);
        hold.awaitWaiting(1, START);
        assertThat(reports(week)).as("created by Discord before the kill").hasSize(1);
        bot.kill9();
        hold.drop();
        assertThat(bot.statusCounts("outbox", "delivery_key LIKE 'report:%'"))
                .as("the row was in flight")
                .isEqualTo(Map.of("SENDING", 1));

        fake.faults().clear();
        bot.start(START);
        // The resend (same nonce): Discord answers with the message it created before the kill.
        fake.await(() -> fake.requests("POST", MESSAGES).size() >= 2, WAIT, () -> "the report resent");
        bot.terminate(STOP_LIMIT);
        assertThat(bot.statusCounts("outbox", "delivery_key LIKE 'report:%'")).isEqualTo(Map.of("SENT", 1));

        List<JsonNode> created = reports(week);
        assertThat(created).hasSize(1);
        assertThat(created.get(0).path("content").asText()).contains("주간 리포트 " + week);
        List<RecordedRequest> sent = fake.requests("POST", MESSAGES);
        assertThat(sent)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> assertThat(r.isMultipart()).isTrue());
        String nonce = Outbox.nonce("report:" + week + ":channel:" + ORGANIZERS_CHANNEL);
        assertThat(sent)
                .allSatisfy(r -> assertThat(r.jsonBody().path("nonce").asText()).isEqualTo(nonce));
        assertThat(bot.column("SELECT status FROM program_moment WHERE moment_key = 'report:" + week + "'"))
                .containsExactly("DONE");
    }

    /** The bot's messages in the organizers' channel that carry {@code week}'s CSV. */
    private List<JsonNode> reports(String week) {
        return fake.createdMessagesIn(ORGANIZERS_CHANNEL).stream()
                .filter(m -> BOT_ID.equals(m.path("author").path("id").asText()))
                .filter(m -> m.path("attachments").toString().contains("report-" + week + ".csv"))
                .toList();
    }
}
