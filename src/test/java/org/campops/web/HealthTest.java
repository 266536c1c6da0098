package org.campops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** When /health says ready, and that it answers in time whatever the database does. */
class HealthTest {

    private static Health health(Health.Probe db, String discord, boolean holder) {
        return new Health(db, () -> discord, () -> 42, () -> holder, () -> 3, "1.2.3", Duration.ofMillis(300));
    }

    @Test
    void upWhenTheDatabaseAnswersAndTheGatewayIsConnected() {
        try (Health h = health(() -> true, "CONNECTED", true)) {
            Health.Report r = h.check();
            assertThat(r.up()).isTrue();
            assertThat(r.outboxDepth()).isEqualTo(3);
            assertThat(r.gatewayPingMs()).isEqualTo(42);
            assertThat(r.version()).isEqualTo("1.2.3");
            assertThat(r.problems()).isEmpty();
        }
    }

    @Test
    void downWhenTheGatewayIsNotConnected() {
        try (Health h = health(() -> true, "WAITING_TO_RECONNECT", true)) {
            Health.Report r = h.check();
            assertThat(r.up()).isFalse();
            assertThat(r.problems()).containsExactly("the Discord gateway is WAITING_TO_RECONNECT");
        }
    }

    @Test
    void anInstanceThatDoesNotHoldTheGatewayNeedsOnlyItsDatabase() {
        try (Health h = health(() -> true, "SHUTDOWN", false)) {
            assertThat(h.check().up()).isTrue();
        }
    }

    @Test
    void aDatabaseThatThrowsOrHangsIsDownWithinTheTimeout() throws Exception {
        try (Health h = health(
                () -> {
                    throw new java.sql.SQLException("closed");
                },
                "CONNECTED",
                true)) {
            Health.Report r = h.check();
            assertThat(r.up()).isFalse();
            assertThat(r.database()).isFalse();
            assertThat(r.outboxDepth()).isNull();
        }
        CountDownLatch never = new CountDownLatch(1);
        try (Health h = health(
                () -> {
                    never.await();
                    return true;
                },
                "CONNECTED",
                true)) {
            long started = System.nanoTime();
            assertThat(h.check().database()).isFalse();
            assertThat(h.check().database()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
