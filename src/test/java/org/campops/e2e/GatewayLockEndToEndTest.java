package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.campops.app.RunningBot;
import org.campops.delivery.Outbox;
import org.campops.testing.Await;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.TestPostgres;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real bot (JDA against the fake Discord) on PostgreSQL when its gateway lock's database session is ended under
 * it while the process lives on (as a network failure or a server restart would): it leaves the gateway at once and
 * stops sending, then, the lock being free and the database reachable, takes it again: one session at a time, and
 * the reminder that came due meanwhile is sent once.
 */
class GatewayLockEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .database(TestPostgres::freshDatabase)
            .noCommandWait()
            .timeout(WAIT)
            .build();

    @Test
    void aHolderThatLosesItsLockLeavesTheGatewayAndTakesItAgainWhenItCan(Camp camp, FakeDiscord fake, RunningBot bot)
            throws Exception {
        String url = camp.dbUrl();
        assertThat(bot.holdsGateway()).isTrue();
        assertThat(camp.bot().app().dispatcher().running()).isTrue();
        String set = fake.sendSlash(
                CAMPER_ID, "en-US", GENERAL_CHANNEL, "remind", "set", Map.of("when", "in 5s", "text", "while away"));
        assertThat(camp.answer(set)).contains("Reminder #");

        try (Connection admin = DriverManager.getConnection(url);
                Statement st = admin.createStatement()) {
            st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                    .close();
        }
        fake.awaitNoConnections(WAIT);
        assertThat(bot.holdsGateway()).isFalse();
        assertThat(camp.bot().app().dispatcher().running())
                .as("a non-holder does not send")
                .isFalse();

        // Free lock, reachable database: it takes the gateway again, and sends what came due meanwhile.
        fake.await(() -> fake.connectedClients() == 1, WAIT, () -> "the bot connected again");
        Await.until(bot::holdsGateway, WAIT, () -> "holding the gateway again");
        String id = camp.rows("SELECT id FROM reminder").get(0);
        fake.await(
                () -> fake.messagesWithNonce(Outbox.nonce("reminder:" + id)).size() == 1,
                WAIT,
                () -> "the reminder's DM");
        String help = fake.sendSlash(CAMPER_ID, "en-US", GENERAL_CHANNEL, "help", null, Map.of());
        assertThat(camp.answer(help)).isNotBlank();
        assertThat(camp.bot().app().dispatcher().drain(WAIT)).isZero();
        assertThat(fake.messagesWithNonce(Outbox.nonce("reminder:" + id))).hasSize(1);
        assertThat(fake.identifyCount()).isEqualTo(2);
        assertThat(fake.mostConnectedClients()).isEqualTo(1);
        assertThat(fake.requests("POST", "/interactions/" + help + "/.*/callback"))
                .hasSize(1);
    }
}
