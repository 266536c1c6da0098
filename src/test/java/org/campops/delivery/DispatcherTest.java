package org.campops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.campops.store.Database;
import org.campops.testing.TestConfig;
import org.campops.testing.TestKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher against a scripted transport: retries, permanent failures, order, nonces, resume. */
class DispatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Dispatcher.Settings FAST = new Dispatcher.Settings(
            4, 1000, Duration.ofMillis(50), Duration.ofSeconds(30), 5, Duration.ofMillis(10), Duration.ofMillis(50));

    private Database db;
    private Outbox outbox;
    private Scripted transport;
    private Dispatcher dispatcher;

    @BeforeEach
    void setUp() {
        db = Database.open(TestConfig.memoryDb(), 8);
        outbox = new Outbox(db, Clock.systemUTC());
        transport = new Scripted();
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        db.close();
    }

    private void start() {
        dispatcher = new Dispatcher(db, outbox, transport, Clock.systemUTC(), FAST);
        dispatcher.start();
    }

    private void enqueue(String key, Payload p) {
        db.inTransaction(c -> outbox.enqueue(c, new TestKey(key), p));
    }

    @Test
    void transientFailuresAreRetriedWithTheSameNonceUntilSent() throws Exception {
        transport.failTransiently.put("c1", 2);
        start();
        enqueue("k1", Payload.post("c1", "hello", List.of()));
        Delivery d = dispatcher.awaitFinal("k1", WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(transport.nonces).hasSize(3).containsOnly(Outbox.nonce("k1"));
        assertThat(transport.delivered).containsExactly("c1:hello");
    }

    @Test
    void permanentFailuresAreRecordedAndNotRetried() throws Exception {
        transport.failPermanently.add("u9");
        start();
        enqueue("dm", Payload.dm("u9", "hi"));
        Delivery d = dispatcher.awaitFinal("dm", WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastError()).contains("Cannot send messages to this user");
        assertThat(outbox.failures(5)).extracting(Delivery::key).containsExactly("dm");
    }

    @Test
    void aRowThatKeepsFailingGivesUpAfterMaxAttempts() throws Exception {
        transport.failTransiently.put("c2", 100);
        start();
        enqueue("k2", Payload.post("c2", "x", List.of()));
        Delivery d = dispatcher.awaitFinal("k2", WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(d.attempts()).isEqualTo(FAST.maxAttempts());
        assertThat(d.lastError()).startsWith("gave up after 5 attempts");
    }

    @Test
    void rowsToOneChannelGoOutInOrderAndEachKeyOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            enqueue("o" + i, Payload.post("same", "m" + i, List.of()));
            enqueue("o" + i, Payload.post("same", "again" + i, List.of()));
        }
        start();
        assertThat(dispatcher.drain(WAIT)).isZero();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("same:m" + i);
        }
        assertThat(transport.delivered).containsExactlyElementsOf(expected);
    }

    @Test
    void rowsLeftInFlightByADeadProcessAreResumedAtStart() throws Exception {
        enqueue("left", Payload.dm("u1", "after the crash"));
        db.inTransaction(c -> c.execute("UPDATE outbox SET status = 'SENDING', lease_owner = 'dead', attempts = 1,"
                + " lease_until = TIMESTAMP '2999-01-01 00:00:00'"));
        start();
        Delivery d = dispatcher.awaitFinal("left", WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(transport.delivered).containsExactly("u1:after the crash");
    }

    @Test
    void sentHandlersRunInTheTransactionThatMarksTheRowSent() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        outbox.onSent("t", new Outbox.SentHandler() {
            @Override
            public void onSent(org.jdbi.v3.core.Handle c, String ref, Delivery d, String result) {
                seen.add(ref + "=" + result);
            }
        });
        start();
        db.inTransaction(c -> outbox.enqueue(
                c,
                new TestKey("th"),
                Payload.thread("forum", "title", Reply.visible("body"), List.of()),
                "t:42",
                java.time.Instant.now()));
        assertThat(dispatcher.awaitFinal("th", WAIT).orElseThrow().status()).isEqualTo(Delivery.Status.SENT);
        assertThat(seen)
                .containsExactly(
                        "42={\"threadId\":\"thread-1\",\"messageChannelId\":\"thread-1\",\"messageId\":\"thread-1\"}");
    }

    @Test
    void newThreadsInOneForumGoOutTogetherAtMostHalfTheSendersAtOnceAndPostsToAChannelStayInOrder() throws Exception {
        // Each start waits (with a deadline) until a second one runs beside it: one after another, none would.
        transport.threadsTogether = new java.util.concurrent.CountDownLatch(2);
        start();
        for (int i = 1; i <= 5; i++) {
            enqueue("ask" + i, Payload.thread("forum", "question " + i, Reply.visible("body"), List.of()));
            enqueue("p" + i, Payload.post("general", "m" + i, List.of()));
        }
        assertThat(dispatcher.drain(WAIT)).isZero();
        for (int i = 1; i <= 5; i++) {
            Delivery d = outbox.find("ask" + i).orElseThrow();
            assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        }
        assertThat(transport.threads).hasValue(5);
        // FAST has 4 sender threads: 2 new threads at once, the others kept for other targets.
        assertThat(transport.mostThreadsAtOnce).hasValue(2);
        assertThat(transport.delivered)
                .containsExactly("general:m1", "general:m2", "general:m3", "general:m4", "general:m5");
    }

    @Test
    void aFirstDmOpensTheChannelAsARequestOfItsOwnThenSends() throws Exception {
        transport.unknownDmChannels.addAll(List.of("u1", "u2"));
        transport.failTransiently.put("open:u2", 1);
        start();
        enqueue("dm1", Payload.dm("u1", "first"));
        enqueue("dm2", Payload.dm("u2", "second"));
        enqueue("dm3", Payload.dm("u3", "known"));
        for (String key : List.of("dm1", "dm2", "dm3")) {
            assertThat(dispatcher.awaitFinal(key, WAIT).orElseThrow().status()).isEqualTo(Delivery.Status.SENT);
        }
        assertThat(transport.calls)
                .containsSubsequence("open:u1", "dm:u1")
                .containsSubsequence("open:u2", "dm:u2")
                .doesNotContain("open:u3");
        assertThat(transport.calls.stream().filter(c -> c.startsWith("open:")))
                .containsExactlyInAnyOrder("open:u1", "open:u2");
        assertThat(transport.delivered).containsExactlyInAnyOrder("u1:first", "u2:second", "u3:known");
        // a failed opening is retried like a failed send (same row, next attempt)
        assertThat(outbox.find("dm2").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aSentHandlerThatFailsMakesTheRowRetryNotHang() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        outbox.onSent("flaky", new Outbox.SentHandler() {
            @Override
            public void onSent(org.jdbi.v3.core.Handle c, String ref, Delivery d, String result) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("recording failed once");
                }
            }
        });
        start();
        db.inTransaction(c -> outbox.enqueue(
                c, new TestKey("fl"), Payload.post("c9", "x", List.of()), "flaky:1", java.time.Instant.now()));
        Delivery d = dispatcher.awaitFinal("fl", WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(transport.nonces).containsOnly(Outbox.nonce("fl"));
    }

    @Test
    void aRolledBackCauseQueuesNothing() {
        try {
            db.inTransaction(c -> {
                outbox.enqueue(c, new TestKey("rolled"), Payload.post("c", "x", List.of()));
                throw new IllegalStateException("the cause failed");
            });
        } catch (IllegalStateException expected) {
            // the state change and its post go together
        }
        assertThat(outbox.find("rolled")).isEmpty();
    }

    private static Notifier.PrivateChannel team(String name) {
        return new Notifier.PrivateChannel(name, "cat", List.of("u1", "u2"), List.of("organizers"));
    }

    @Test
    void aChannelCreateLooksForTheChannelFirstThenCreatesItAndItsResultIsTheId() throws Exception {
        start();
        enqueue("team:1:channel", Payload.createChannel(team("team-1")));
        Delivery d = dispatcher.awaitFinal("team:1:channel", WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.result()).isEqualTo("chan-1");
        assertThat(transport.calls).containsExactly("find:team-1", "create:team-1");
    }

    @Test
    void aChannelCreateAnsweredWithA5xxAfterItWentThroughAdoptsThatChannelOnRetry() throws Exception {
        transport.failAfterCreate.add("team-2");
        start();
        enqueue("team:2:channel", Payload.createChannel(team("team-2")));
        Delivery d = dispatcher.awaitFinal("team:2:channel", WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.result()).isEqualTo("chan-1");
        assertThat(transport.created).hasValue(1);
        assertThat(transport.calls).containsExactly("find:team-2", "create:team-2", "find:team-2");
    }

    @Test
    void aChannelTheBotAlreadyMadeIsAdoptedInsteadOfASecond() throws Exception {
        transport.channels.put("cat/team-3", "earlier");
        start();
        enqueue("team:3:channel", Payload.createChannel(team("team-3")));
        assertThat(dispatcher.awaitFinal("team:3:channel", WAIT).orElseThrow().result())
                .isEqualTo("earlier");
        assertThat(transport.created).hasValue(0);
    }

    @Test
    void accessChangesToOneChannelGoOutInOrderAndARefusalFailsForGood() throws Exception {
        transport.failPermanently.add("locked");
        start();
        enqueue("a1", Payload.access("c7", "u1", true));
        enqueue("a2", Payload.access("c7", "u2", true));
        enqueue("a3", Payload.access("c7", "u3", false));
        enqueue("a4", Payload.access("locked", "u1", true));
        assertThat(dispatcher.drain(WAIT)).isZero();
        assertThat(transport.calls).containsExactly("access:c7:u1:true", "access:c7:u2:true", "access:c7:u3:false");
        Delivery refused = outbox.find("a4").orElseThrow();
        assertThat(refused.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(refused.attempts()).isEqualTo(1);
    }

    @Test
    void aRetriedAccessChangeDoesNotUndoALaterOneThatWentOutMeanwhile() throws Exception {
        // u1 is let in, and while that waits for its retry, out again: the retry must not let u1 back in.
        transport.failTransiently.put("c8", 1);
        transport.whenFailing.put("c8", () -> enqueue("out", Payload.access("c8", "u1", false)));
        start();
        enqueue("in", Payload.access("c8", "u1", true));
        assertThat(dispatcher.awaitFinal("in", WAIT).orElseThrow().status()).isEqualTo(Delivery.Status.SENT);
        assertThat(dispatcher.drain(WAIT)).isZero();
        assertThat(transport.calls).containsExactly("access:c8:u1:false");
        Delivery in = outbox.find("in").orElseThrow();
        assertThat(in.attempts()).isEqualTo(2);
        assertThat(in.result()).isEqualTo("superseded by out");
    }

    @Test
    void anAccessChangeAlreadyFollowedByALaterOneForTheSameMemberIsSkipped() throws Exception {
        enqueue("in", Payload.access("c9", "u1", true));
        enqueue("in-u11", Payload.access("c9", "u11", true));
        enqueue("out", Payload.access("c9", "u1", false));
        start();
        assertThat(dispatcher.drain(WAIT)).isZero();
        assertThat(transport.calls).containsExactly("access:c9:u11:true", "access:c9:u1:false");
        assertThat(outbox.find("in").orElseThrow().result()).isEqualTo("superseded by out");
    }

    /** A transport that records what it sent and fails as told. */
    static class Scripted implements Notifier {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<String> nonces = new CopyOnWriteArrayList<>();
        final Map<String, Integer> failTransiently = new ConcurrentHashMap<>();
        final Set<String> failPermanently = ConcurrentHashMap.newKeySet();
        final AtomicInteger threads = new AtomicInteger();
        final Set<String> unknownDmChannels = ConcurrentHashMap.newKeySet();
        final List<String> calls = new CopyOnWriteArrayList<>();
        /** Runs once when {@code target} first fails transiently (before the failure is reported). */
        final Map<String, Runnable> whenFailing = new ConcurrentHashMap<>();

        private void maybeFail(String target) {
            if (failPermanently.contains(target)) {
                throw new DeliveryFailure(true, "Discord: Cannot send messages to this user (50007)", null);
            }
            Integer left = failTransiently.get(target);
            if (left != null && left > 0) {
                Runnable meanwhile = whenFailing.remove(target);
                if (meanwhile != null) {
                    meanwhile.run();
                }
                failTransiently.put(target, left - 1);
                throw new DeliveryFailure(false, "Discord: 500", null);
            }
        }

        @Override
        public void post(String channelId, String text, Set<String> mentionUserIds, String nonce) {
            nonces.add(nonce);
            maybeFail(channelId);
            delivered.add(channelId + ":" + text);
        }

        @Override
        public void dm(String userId, String text, String nonce) {
            nonces.add(nonce);
            maybeFail(userId);
            calls.add("dm:" + userId);
            delivered.add(userId + ":" + text);
        }

        @Override
        public boolean dmNeedsChannel(String userId) {
            return unknownDmChannels.contains(userId);
        }

        @Override
        public void openDm(String userId) {
            maybeFail("open:" + userId);
            calls.add("open:" + userId);
            unknownDmChannels.remove(userId);
        }

        @Override
        public String send(String channelId, Reply message, String nonce) {
            post(channelId, message.text(), Set.of(), nonce);
            return "m1";
        }

        @Override
        public void edit(String channelId, String messageId, Reply message) {}

        /** When set, each thread start counts it down and waits for it (10 s at most) before it answers. */
        volatile java.util.concurrent.CountDownLatch threadsTogether;

        final AtomicInteger threadsNow = new AtomicInteger();
        final AtomicInteger mostThreadsAtOnce = new AtomicInteger();

        @Override
        public StartedThread startThread(
                String channelId, String title, Reply starter, List<String> tagNames, String nonce) {
            mostThreadsAtOnce.accumulateAndGet(threadsNow.incrementAndGet(), Math::max);
            try {
                java.util.concurrent.CountDownLatch together = threadsTogether;
                if (together != null) {
                    together.countDown();
                    if (!together.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no other thread start ran beside this one");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                threadsNow.decrementAndGet();
            }
            String id = "thread-" + threads.incrementAndGet();
            return new StartedThread(id, id, id);
        }

        @Override
        public ChannelKind channelKind(String channelId) {
            return ChannelKind.UNCHECKED;
        }

        @Override
        public boolean canWrite(String userId, String channelId) {
            return true;
        }

        @Override
        public String createEvent(EventDetails event) {
            return "e1";
        }

        @Override
        public void updateEvent(String eventId, EventDetails event) {}

        @Override
        public void cancelEvent(String eventId) {}

        @Override
        public void setTags(String threadId, List<String> tagNames) {}

        /** Channels "created", by category and name. */
        final Map<String, String> channels = new ConcurrentHashMap<>();
        /** Names whose next create goes through but is answered with a 5xx (the ambiguous failure). */
        final Set<String> failAfterCreate = ConcurrentHashMap.newKeySet();

        final AtomicInteger created = new AtomicInteger();

        @Override
        public String createPrivateChannel(PrivateChannel spec) {
            calls.add("create:" + spec.name());
            maybeFail("create:" + spec.name());
            String id = "chan-" + created.incrementAndGet();
            channels.put(spec.categoryId() + "/" + spec.name(), id);
            if (failAfterCreate.remove(spec.name())) {
                throw new DeliveryFailure(false, "Discord: 500 (after the channel was created)", null);
            }
            return id;
        }

        @Override
        public java.util.Optional<String> findPrivateChannel(String name, String categoryId) {
            calls.add("find:" + name);
            return java.util.Optional.ofNullable(channels.get(categoryId + "/" + name));
        }

        @Override
        public void setMemberAccess(String channelId, String userId, boolean allowed) {
            maybeFail(channelId);
            calls.add("access:" + channelId + ":" + userId + ":" + allowed);
        }

        @Override
        public java.util.Optional<Boolean> visibleToEveryone(String channelId) {
            return java.util.Optional.empty();
        }
    }
}
