package org.campops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.campops.store.Database;
import org.campops.testing.Await;
import org.campops.testing.TestKey;
import org.campops.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database share the outbox: every row is sent by exactly one of
 * them, and the rows an instance held when it died (here: it hangs forever holding its leases) are
 * taken over by the other when their lease ends. Each test has a database of its own ({@link TestPostgres}: the
 * server CAMPOPS_TEST_PG_URL names, else the embedded one).
 */
class PostgresTwoDispatchersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String url() {
        return TestPostgres.freshDatabase();
    }

    private static Dispatcher.Settings settings(Duration lease) {
        return new Dispatcher.Settings(
                4, 1000, Duration.ofMillis(50), lease, 5, Duration.ofMillis(20), Duration.ofMillis(100));
    }

    @Test
    void twoInstancesSendEveryRowExactlyOnceAndTakeOverADeadOnesLeases() throws Exception {
        String url = url();
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        try (Database a = Database.open(url, 8);
                Database b = Database.open(url, 8)) {
            Outbox outboxA = new Outbox(a, Clock.systemUTC());
            Outbox outboxB = new Outbox(b, Clock.systemUTC());
            // Instance A dies while sending: its sends never return (no answer reaches Discord or the database).
            CountDownLatch dead = new CountDownLatch(1);
            AtomicInteger heldByA = new AtomicInteger();
            DispatcherTest.Scripted transportA = new DispatcherTest.Scripted() {
                @Override
                public void dm(String userId, String text, String nonce) {
                    heldByA.incrementAndGet();
                    try {
                        dead.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new DeliveryFailureForTest();
                }
            };
            DispatcherTest.Scripted transportB = new DispatcherTest.Scripted() {
                @Override
                public void dm(String userId, String text, String nonce) {
                    sends.computeIfAbsent(userId, k -> new AtomicInteger()).incrementAndGet();
                }
            };
            for (int i = 0; i < 200; i++) {
                int n = i;
                a.inTransaction(c -> outboxA.enqueue(
                        c, new TestKey("rsvp-dm:" + n), org.campops.delivery.Payload.dm("u" + n, "hi " + n)));
            }
            Dispatcher dispatcherA =
                    new Dispatcher(a, outboxA, transportA, Clock.systemUTC(), settings(Duration.ofSeconds(3)));
            dispatcherA.start();
            // A claims a first batch and hangs in it; then B starts and does the rest, and A's rows once their lease
            // ends.
            Await.until(() -> heldByA.get() >= 4, WAIT, () -> "A never started sending");
            Dispatcher dispatcherB =
                    new Dispatcher(b, outboxB, transportB, Clock.systemUTC(), settings(Duration.ofSeconds(3)));
            dispatcherB.start();
            try {
                Await.until(() -> sends.size() == 200, WAIT, () -> "B delivered " + sends.size() + " of 200");
                assertThat(sends.values()).allMatch(c -> c.get() == 1);
                // The last sends have returned; their rows are marked SENT just after (wait for it, do not race it).
                Await.until(
                        () -> Integer.valueOf(200).equals(outboxB.counts().get(Delivery.Status.SENT)),
                        WAIT,
                        () -> "rows SENT: " + outboxB.counts());
            } finally {
                dead.countDown();
                dispatcherB.close();
                dispatcherA.close();
            }
            // The dead instance's late failure changes nothing: its lease was taken over.
            assertThat(outboxB.counts().get(Delivery.Status.SENT)).isEqualTo(200);
            assertThat(outboxB.counts().get(Delivery.Status.PENDING)).isZero();
        }
    }

    @Test
    void twoLiveInstancesNeverSendARowTwice() throws Exception {
        String url = url();
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        try (Database a = Database.open(url, 8);
                Database b = Database.open(url, 8)) {
            Outbox outboxA = new Outbox(a, Clock.systemUTC());
            Outbox outboxB = new Outbox(b, Clock.systemUTC());
            class Counting extends DispatcherTest.Scripted {
                @Override
                public void post(String channelId, String text, java.util.Set<String> mentionUserIds, String nonce) {
                    sends.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet();
                }
            }
            Dispatcher dispatcherA =
                    new Dispatcher(a, outboxA, new Counting(), Clock.systemUTC(), settings(Duration.ofSeconds(60)));
            Dispatcher dispatcherB =
                    new Dispatcher(b, outboxB, new Counting(), Clock.systemUTC(), settings(Duration.ofSeconds(60)));
            dispatcherA.start();
            dispatcherB.start();
            try {
                for (int i = 0; i < 300; i++) {
                    int n = i;
                    Outbox o = n % 2 == 0 ? outboxA : outboxB;
                    Database db = n % 2 == 0 ? a : b;
                    db.inTransaction(c ->
                            o.enqueue(c, new TestKey("post:" + n), Payload.post("c" + (n % 7), "m" + n, List.of())));
                }
                Await.until(() -> sends.size() == 300, WAIT, () -> "delivered " + sends.size() + " of 300");
                assertThat(dispatcherA.drain(WAIT)).isZero();
                assertThat(sends.values()).allMatch(c -> c.get() == 1);
            } finally {
                dispatcherA.close();
                dispatcherB.close();
            }
        }
    }

    /** What the dead instance's stuck send finally throws (it no longer matters). */
    static final class DeliveryFailureForTest extends RuntimeException {}
}
