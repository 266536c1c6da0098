package org.campops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.testing.Await;
import org.campops.testing.EndToEnd;
import org.campops.testing.TestConfig;
import org.campops.testing.TestPostgres;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database, each through the real JDA client against the fake Discord: when the holder
 * stops in order (it leaves the gateway and records that it did before giving the lock back), the standby connects at
 * once instead of after the fence, and the two are never connected at the same time. After a holder that did not
 * leave in order (killed, or cut off from the database) the fence still applies: {@code GatewayFailoverIT},
 * {@code GatewayLockEndToEndTest}.
 */
class GatewayHandoverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anOrderlyStopHandsTheGatewayToTheStandbyWithoutTheFence() throws Exception {
        String url = TestPostgres.freshDatabase();
        CampConfig config = TestConfig.load();
        // a takes the gateway of a new database (nobody recorded: it waits a short fence); b's fence is ten minutes,
        // so b holding within WAIT means it did not wait it.
        GatewayHolder.Timing shortFence =
                new GatewayHolder.Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(200));
        GatewayHolder.Timing longFence =
                new GatewayHolder.Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(10));
        try (FakeDiscord fake = FakeDiscord.start()) {
            Env env = new Env(Optional.of(FakeDiscord.DEFAULT_TOKEN), fake.restBaseUrl(), fake.gatewayUrl(), url);
            RunningBot a = RunningBot.start(config, env, Clock.systemUTC(), shortFence);
            RunningBot b = null;
            boolean aClosed = false;
            try {
                b = RunningBot.start(config, env, Clock.systemUTC(), longFence);
                assertThat(a.holdsGateway()).isTrue();
                assertThat(b.holdsGateway()).isFalse();
                assertThat(fake.connectedClients()).isEqualTo(1);

                a.close();
                aClosed = true;
                RunningBot standby = b;
                Await.until(standby::holdsGateway, WAIT, () -> "b holds the gateway without waiting its fence");
                fake.awaitReady(WAIT);
                assertThat(EndToEnd.content(fake.callbackFor(
                                fake.sendSlash(CAMPER_ID, "en-US", GENERAL_CHANNEL, "help", null, Map.of()), WAIT)))
                        .as("b answers")
                        .isNotBlank();
                assertThat(fake.mostConnectedClients())
                        .as("never two gateway sessions at once")
                        .isEqualTo(1);
            } finally {
                if (!aClosed) {
                    a.close();
                }
                if (b != null) {
                    b.close();
                }
            }
        }
    }
}
