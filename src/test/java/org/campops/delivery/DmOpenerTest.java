package org.campops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.campops.store.Database;
import org.campops.testing.Await;
import org.campops.testing.TestConfig;
import org.campops.testing.TestKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opening DM channels ahead of need: wishes stored with their cause, opened by the dispatcher's background opener
 * with spare permits only, never while rows are being sent, at most a third of the pace; failures retried later or
 * left to the first send.
 */
class DmOpenerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The dispatcher's pace in these tests; the opener may use a third of it (10/s). */
    private static final Dispatcher.Settings PACED = new Dispatcher.Settings(
            4, 30, Duration.ofMillis(50), Duration.ofSeconds(30), 5, Duration.ofMillis(10), Duration.ofMillis(50));

    private Database db;
    private Outbox outbox;
    private Timed transport;
    private Dispatcher dispatcher;

    @BeforeEach
    void setUp() {
        db = Database.open(TestConfig.memoryDb(), 8);
        // Wishes are written SETTLE in the past, so they are due at once.
        outbox = new Outbox(db, Clock.offset(Clock.systemUTC(), DmOpener.SETTLE.negated()));
        transport = new Timed();
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        db.close();
    }

    private void start() {
        dispatcher = new Dispatcher(db, outbox, transport, Clock.systemUTC(), PACED);
        dispatcher.start();
    }

    private List<String> wish(String... users) {
        db.inTransaction(c -> {
            for (String u : users) {
                transport.unknownDmChannels.add(u);
                outbox.expectDm(c, u);
            }
            return null;
        });
        return List.of(users);
    }

    private List<String> wishes() {
        return db.inTransaction(c -> c.select("SELECT user_id FROM dm_channel_wanted ORDER BY user_id")
                .mapTo(String.class)
                .list());
    }

    private List<String> opens() {
        return transport.calls.stream().filter(c -> c.startsWith("open:")).toList();
    }

    @Test
    void wishedChannelsAreOpenedInTheBackgroundAndTheWishesGo() throws Exception {
        start();
        wish("u1", "u2", "u3");
        // Handed to the opener in memory after the commit, written once commands are quiet, then opened.
        Await.until(
                () -> opens().size() == 3 && wishes().isEmpty(),
                WAIT,
                () -> "opened " + opens() + ", wishes left: " + wishes());
        assertThat(opens()).containsExactlyInAnyOrder("open:u1", "open:u2", "open:u3");
        // The first DM to them is now one request: the send opens nothing.
        db.inTransaction(c -> outbox.enqueue(c, new TestKey("dm"), Payload.dm("u1", "hi")));
        assertThat(dispatcher.awaitFinal("dm", WAIT).orElseThrow().status()).isEqualTo(Delivery.Status.SENT);
        assertThat(opens()).hasSize(3);
    }

    @Test
    void wishesOfABurstAreWrittenAfterItAndAnOrderlyStopKeepsThoseNotYetWritten() {
        start();
        outbox.commandHandled(); // a member's command was just answered: the opener waits a second
        db.inTransaction(c -> {
            outbox.expectDm(c, "u1");
            outbox.expectDm(c, "u2");
            assertThat(wishes())
                    .as("nothing written in the command's transaction")
                    .isEmpty();
            return null;
        });
        outbox.commandHandled(); // still answering: the opener does not write them before the stop
        dispatcher.close();
        dispatcher = null;
        assertThat(wishes())
                .as("written at the stop, opened after the next start")
                .containsExactly("u1", "u2");
        assertThat(opens()).isEmpty();
    }

    @Test
    void aMemberWhoseChannelIsKnownIsNotWished() {
        new DmChannelStore(db, Clock.systemUTC()).put("u1", "dm-1");
        db.inTransaction(c -> {
            outbox.expectDm(c, "u1");
            outbox.expectDm(c, "u2");
            outbox.expectDm(c, "u2"); // twice in one transaction: stored once
            return null;
        });
        assertThat(wishes()).containsExactly("u2");
        new DmChannelStore(db, Clock.systemUTC()).put("u2", "dm-2");
        assertThat(wishes()).as("a channel opened by a send fulfils the wish").isEmpty();
    }

    @Test
    void nothingIsOpenedWhileRowsAreBeingSent() throws Exception {
        transport.hold = new CountDownLatch(1);
        db.inTransaction(c -> {
            for (int i = 0; i < 5; i++) { // one target: one group, sent one after another
                outbox.enqueue(c, new TestKey("post" + i), Payload.post("c1", "p" + i, List.of()));
            }
            return null;
        });
        start();
        assertThat(transport.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the first post is in flight")
                .isTrue();
        wish("u1", "u2");
        transport.hold.countDown();
        Await.until(
                () -> opens().size() == 2 && wishes().isEmpty(),
                WAIT,
                () -> "opened " + opens() + ", wishes left: " + wishes());
        int lastPost = -1;
        int firstOpen = Integer.MAX_VALUE;
        for (int i = 0; i < transport.calls.size(); i++) {
            String call = transport.calls.get(i);
            if (call.startsWith("post:")) {
                lastPost = i;
            } else if (call.startsWith("open:")) {
                firstOpen = Math.min(firstOpen, i);
            }
        }
        assertThat(transport.calls).filteredOn(c -> c.startsWith("post:")).hasSize(5);
        assertThat(firstOpen)
                .as("first opening vs last post in " + transport.calls)
                .isGreaterThan(lastPost);
    }

    @Test
    void openingsWaitUntilMembersCommandsHaveBeenQuietForASecond() throws Exception {
        wish("q1", "q2");
        dispatcher = new Dispatcher(db, outbox, transport, Clock.systemUTC(), PACED);
        long lastCommand = System.nanoTime();
        outbox.commandHandled(); // what the router tells after each command, button or form it answered
        dispatcher.start();
        Await.until(() -> wishes().isEmpty(), WAIT, () -> "wishes left: " + wishes());
        assertThat(transport.openedAt.get(0) - lastCommand)
                .as("the first opening after the last command")
                .isGreaterThanOrEqualTo(DmOpener.COMMANDS_QUIET.toNanos());
    }

    @Test
    void wishesHandedOverOneByOneDuringABurstAreAllOpenedAfterIt() throws Exception {
        start();
        // The first wish wakes the opener; later ones do not until it has taken the wishes. Wishes come in three
        // waves, each in its own command, the last after the opener wrote (and so took) the first ones.
        wish("b1");
        outbox.commandHandled();
        wish("b2");
        wish("b3");
        outbox.commandHandled();
        Await.until(() -> opens().contains("open:b1"), WAIT, () -> "opened " + opens());
        outbox.commandHandled();
        wish("b4");
        outbox.commandHandled();
        wish("b5");
        Await.until(
                () -> opens().size() == 5 && wishes().isEmpty(),
                WAIT,
                () -> "opened " + opens() + ", wishes left: " + wishes());
        assertThat(opens()).containsExactlyInAnyOrder("open:b1", "open:b2", "open:b3", "open:b4", "open:b5");
    }

    @Test
    void openingsTakeAtMostAThirdOfThePace() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add("p" + i);
        }
        wish(users.toArray(String[]::new));
        start();
        Await.until(() -> opens().size() == 12, WAIT, () -> "opened: " + opens());
        // 30 requests/s for the dispatcher, 10/s for the openings: 11 intervals of 100 ms at least.
        long spread = transport.openedAt.get(11) - transport.openedAt.get(0);
        assertThat(spread).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1050));
    }

    @Test
    void aTransientFailureIsTriedAgainLaterAndARefusalIsLeftToTheFirstSend() throws Exception {
        transport.failTransiently.put("open:u1", 1);
        transport.failPermanently.add("open:u2");
        wish("u1", "u2", "u3");
        start();
        Await.until(() -> wishes().equals(List.of("u1")), WAIT, () -> "wishes left: " + wishes());
        assertThat(opens()).containsExactly("open:u3");
        List<Integer> retried = db.inTransaction(c -> c.select(
                        "SELECT attempts FROM dm_channel_wanted WHERE user_id = 'u1' AND next_attempt_at > ?",
                        java.time.Instant.now())
                .mapTo(Integer.class)
                .list());
        assertThat(retried).as("u1 is tried again later").containsExactly(1);
        // u2's first DM opens the channel at send time, as without the opener (and fails for good there).
        db.inTransaction(c -> outbox.enqueue(c, new TestKey("dm2"), Payload.dm("u2", "hi")));
        assertThat(dispatcher.awaitFinal("dm2", WAIT).orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
    }

    /** The scripted transport, recording when channels were opened; a post can be held in flight. */
    static final class Timed extends DispatcherTest.Scripted {
        final List<Long> openedAt = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold;
        final CountDownLatch holding = new CountDownLatch(1);

        @Override
        public void post(String channelId, String text, Set<String> mentionUserIds, String nonce) {
            calls.add("post:" + text);
            CountDownLatch h = hold;
            if (h != null) {
                holding.countDown();
                try {
                    h.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.post(channelId, text, mentionUserIds, nonce);
        }

        @Override
        public void openDm(String userId) {
            super.openDm(userId);
            openedAt.add(System.nanoTime());
        }
    }
}
