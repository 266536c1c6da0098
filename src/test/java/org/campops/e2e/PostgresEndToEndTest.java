package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.ANNOUNCEMENTS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        fake.callbackFor(
                fake.sendSlash(
                        CAMPER_ID,
                        "ko",
                        GENERAL_CHANNEL,
                        "ask",
                        null,
                        Map.of("title", "데이터셋이 너무 커요", "topic", "Object Detection")),
                WAIT);
        // Each instance saves its search index in a folder of its own (qa.indexFolder, one folder per database below
        // it): a restart opens it and reads only what changed, here a question another instance took meanwhile.
        Path folder = Path.of(camp.config().qa().indexFolder())
                .resolve(camp.rows("SELECT id FROM database_identity").get(0));
        List<String> built = generations(folder);
        assertThat(built).as("the index built at the first start").hasSize(1);
        camp.stop();
        try (Connection c = DriverManager.getConnection(camp.dbUrl());
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO question (asker_id, asker_name, anonymous, title, details, channel_id,"
                    + " thread_id, status, locale, asked_at) VALUES ('c9', 'Jisoo', FALSE, '혼합 정밀도 학습이 느려요', '',"
                    + " 'forum', '990000000000000001', 'OPEN', 'ko', CURRENT_TIMESTAMP)");
        }
        RunningBot bot = camp.start();
        fake.awaitRequest(
                r -> r.path().endsWith("/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages"), WAIT);
        assertThat(EndToEnd.content(fake.callbackFor(
                        fake.sendSlash(CAMPER_ID, "ko", GENERAL_CHANNEL, "qa", "search", Map.of("query", "혼합 정밀도")),
                        WAIT)))
                .contains("혼합 정밀도 학습이 느려요");
        assertThat(generations(folder))
                .as("opened and caught up, not built again")
                .isEqualTo(built);

        String thread = camp.rows("SELECT thread_id FROM question WHERE asker_id = '" + CAMPER_ID + "'")
                .get(0);
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

    /** The saved index's generation folders ({@code gen-N}: a rebuild writes the next one). */
    private static List<String> generations(Path folder) throws java.io.IOException {
        try (Stream<Path> gens = Files.list(folder)) {
            return gens.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("gen-"))
                    .toList();
        }
    }
}
