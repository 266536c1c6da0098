package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.ANNOUNCEMENTS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import java.time.Duration;
import java.util.Map;
import org.campops.app.RunningBot;
import org.campops.qa.QaService;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.HandledMessages;
import org.campops.testing.TestPostgres;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same features on PostgreSQL (migrations, Quartz's PostgreSQLDelegate in cluster mode, the
 * repositories' SQL), in a database of its own from {@link TestPostgres}: on the server CAMPOPS_TEST_PG_URL names
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/campops?user=campops&password=campops}), else on the embedded one.
 */
class PostgresEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .database(TestPostgres::freshDatabase)
            .noCommandWait()
            .timeout(WAIT)
            .build();

    @Test
    void remindersQuestionsAndOfficeHoursWorkOnPostgres(Camp camp, FakeDiscord fake) throws Exception {
        fake.callbackFor(
                fake.sendSlash(
                        CAMPER_ID,
                        "ko",
                        GENERAL_CHANNEL,
                        "remind",
                        "set",
                        Map.of("when", "2초 후", "text", "pg reminder")),
                WAIT);
        RunningBot bot = camp.restart();
        fake.awaitRequest(
                r -> r.path().endsWith("/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages"), WAIT);

        fake.callbackFor(
                fake.sendSlash(
                        CAMPER_ID,
                        "ko",
                        GENERAL_CHANNEL,
                        "ask",
                        null,
                        Map.of("title", "데이터셋이 너무 커요", "topic", "Object Detection")),
                WAIT);
        String thread = camp.rows("SELECT thread_id FROM question").get(0);
        HandledMessages handled = HandledMessages.attach(bot);
        String reply = fake.sendMessageCreate(thread, MENTOR_ID, "캐시를 쓰세요");
        handled.awaitCreated(reply, WAIT);
        assertThat(camp.rows("SELECT COUNT(*) FROM answer")).containsExactly("1");
        assertThat(EndToEnd.content(fake.callbackFor(
                        fake.sendSlash(CAMPER_ID, "ko", GENERAL_CHANNEL, "qa", "search", Map.of("query", "데이터셋을")),
                        WAIT)))
                .contains("데이터셋이 너무 커요");
        assertThat(camp.bot().app().service(QaService.class).runDigest()).isZero();

        fake.callbackFor(
                fake.sendSlash(
                        ORGANIZER_ID,
                        "en-US",
                        GENERAL_CHANNEL,
                        "officehours",
                        "schedule",
                        Map.of("title", "PG session", "start", "in 3s", "duration", 15)),
                WAIT);
        fake.awaitRequest(
                r -> r.method().equals("POST")
                        && r.path().endsWith("/channels/" + ANNOUNCEMENTS_CHANNEL + "/messages")
                        && r.jsonBody().path("content").asText().contains("지금 시작해요"),
                WAIT);
        assertThat(camp.bot().app().dispatcher().drain(WAIT)).isZero();
        assertThat(camp.rows("SELECT delivery_key FROM outbox WHERE delivery_key LIKE 'oh:%:start:%'"))
                .hasSize(1)
                .allMatch(k -> k.endsWith(":start:channel"));
        assertThat(camp.rows("SELECT DISTINCT status FROM outbox")).containsExactly("SENT");
    }
}
