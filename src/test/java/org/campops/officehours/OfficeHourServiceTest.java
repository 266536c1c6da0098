package org.campops.officehours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.campops.app.CampOps;
import org.campops.chat.Caller;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.delivery.Delivery;
import org.campops.delivery.Dispatcher;
import org.campops.delivery.Outbox;
import org.campops.schedule.Moment;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The office-hour moments at the service level: the wired app on an in-memory database, a recording
 * transport under the real dispatcher, the camp's clock moved by hand and moments fired by hand (the
 * timers are never started).
 */
class OfficeHourServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Dispatcher.Settings FAST = new Dispatcher.Settings(
            2, 1000, Duration.ofMillis(50), Duration.ofSeconds(30), 5, Duration.ofMillis(10), Duration.ofMillis(50));
    private static final String CHANNEL = TestConfig.load().officeHours().channel();
    private static final Caller HOST = new Caller("host1", "Host", Set.of(Role.MENTOR));

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingDiscord discord = new RecordingDiscord();
    private CampOps app;
    private OfficeHourService service;
    private Outbox outbox;

    @BeforeEach
    void setUp() {
        app = new CampOps(TestConfig.load(), TestConfig.memoryDb(), discord, clock, FAST);
        app.dispatcher().start();
        service = app.service(OfficeHourService.class);
        outbox = app.outbox();
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private OfficeHour schedule(Instant start, String topic) {
        OfficeHourService.Outcome outcome = service.schedule(
                new OfficeHourService.Request(HOST, "Ask me anything", start, 60, null, null, topic, null));
        OfficeHour o = ((OfficeHourService.Outcome.Scheduled) outcome).officeHour();
        // The announcement is out (its ids are stored), so later edits and the agenda know where it is.
        assertThat(outbox.awaitFinal("oh:" + o.id() + ":announce", WAIT).map(Delivery::status))
                .contains(Delivery.Status.SENT);
        return service.find(o.id()).orElseThrow();
    }

    private Moment planned(OfficeHour o, String kind) {
        return service.moments().planned(o.id()).stream()
                .filter(m -> m.kind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    /** The stored prefix of an office hour's moment keys: {@code oh:<id>:<start epoch second>}. */
    private static String prefix(OfficeHour o) {
        return "oh:" + o.id() + ":" + o.startAt().getEpochSecond();
    }

    /** Outbox rows whose delivery key starts with {@code prefix}, whatever their state. */
    private int rows(String prefix) {
        return app.database()
                .inTransaction(c -> c.select("SELECT COUNT(*) FROM outbox WHERE delivery_key LIKE ?", prefix + "%")
                        .mapTo(Integer.class)
                        .one());
    }

    private void drained() throws InterruptedException {
        assertThat(app.dispatcher().drain(WAIT)).isZero();
    }

    @Test
    void aMomentPlannedForTheStartBeforeARescheduleIsSkipped() throws Exception {
        OfficeHour o = schedule(NOW.plus(Duration.ofDays(1)), null);
        service.toggleRsvp(o.id(), "u1");
        Moment old = planned(o, "remind-PT1H");
        OfficeHour moved = service.reschedule(o.id(), NOW.plus(Duration.ofDays(2)), HOST);

        clock.set(old.due());
        service.moments().fire(old);
        assertThat(rows(prefix(o) + ":remind")).isZero();
        assertThat(rows(prefix(moved) + ":remind")).isZero();

        // At the new time the reminder goes out, to the channel and the RSVP.
        Moment now = planned(moved, "remind-PT1H");
        assertThat(now.due()).isEqualTo(moved.startAt().minus(Duration.ofHours(1)));
        clock.set(now.due());
        service.moments().fire(now);
        drained();
        assertThat(outbox.find(prefix(moved) + ":remind-PT1H:channel")).isPresent();
        assertThat(discord.posts).hasSize(1).allMatch(p -> p.startsWith(CHANNEL + ": "));
        // The RSVP heard of the move, then got the one reminder.
        assertThat(discord.dms).hasSize(2).allMatch(d -> d.startsWith("u1: "));
    }

    @Test
    void aCancelledSessionsMomentsPostNothing() throws Exception {
        OfficeHour o = schedule(NOW.plus(Duration.ofDays(1)), "Segmentation");
        service.toggleRsvp(o.id(), "u1");
        List<Moment> moments = service.moments().planned(o.id());
        assertThat(moments).extracting(Moment::kind).containsExactly("remind-PT1H", "remind-PT10M", "agenda", "start");
        assertThat(app.moments().nextFire(OfficeHourService.FEATURE, o.id(), "start"))
                .isEqualTo(o.startAt());

        service.cancel(o.id(), HOST);
        assertThat(app.moments().nextFire(OfficeHourService.FEATURE, o.id(), "start"))
                .isNull();
        assertThat(service.moments().planned(o.id())).isEmpty();
        for (Moment m : moments) {
            clock.set(m.due());
            service.moments().fire(m);
        }
        drained();
        assertThat(rows(prefix(o))).isZero();
        assertThat(discord.posts).isEmpty();
        assertThat(discord.sent).isEmpty();
        // Only the cancellation notice reached the RSVP.
        assertThat(outbox.find("oh:" + o.id() + ":cancel:dm:u1")).isPresent();
        assertThat(discord.dms).hasSize(1);
    }

    @Test
    void aMomentFiredTwiceIsQueuedAndPostedOnce() throws Exception {
        OfficeHour o = schedule(NOW.plus(Duration.ofDays(1)), null);
        service.toggleRsvp(o.id(), "u1");
        service.toggleRsvp(o.id(), "u2");
        clock.set(o.startAt().minus(Duration.ofHours(1)));
        service.fire(o.id(), "remind-PT1H");
        service.fire(o.id(), "remind-PT1H");
        drained();
        service.fire(o.id(), "remind-PT1H");
        drained();

        assertThat(rows(prefix(o) + ":remind-PT1H")).isEqualTo(3);
        assertThat(discord.posts).hasSize(1).allMatch(p -> p.startsWith(CHANNEL + ": "));
        assertThat(discord.dms).hasSize(2);
        assertThat(discord.dms).anyMatch(d -> d.startsWith("u1: ")).anyMatch(d -> d.startsWith("u2: "));
    }

    @Test
    void anAgendaRetriedAfterALostAnswerIsPostedOnce() throws Exception {
        OfficeHour o = schedule(NOW.plus(Duration.ofDays(1)), "Segmentation");
        assertThat(o.threadId()).isNotNull();
        String key = prefix(o) + ":agenda";
        // Discord creates the agenda's message but the answer is lost (a 502): the dispatcher tries again.
        discord.loseNextSendAnswer.set(true);
        clock.set(o.startAt().minus(Duration.ofHours(1)));
        service.fire(o.id(), "agenda");

        Delivery d = app.dispatcher().awaitFinal(key, WAIT).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.attempts()).isEqualTo(2);
        // Both attempts carried the row's nonce, so Discord kept the first message.
        assertThat(discord.sendNonces).containsExactly(Outbox.nonce(key), Outbox.nonce(key));
        assertThat(discord.sent).hasSize(1).allMatch(m -> m.startsWith(o.threadId() + ": "));

        // The trigger fired again (a restart, a second instance): nothing more.
        service.fire(o.id(), "agenda");
        drained();
        assertThat(rows(key)).isEqualTo(1);
        assertThat(discord.sent).hasSize(1);
    }

    @Test
    void afterDowntimeOnlyTheNearestMissedReminderGoesOutAndALateStartNothing() throws Exception {
        OfficeHour o = schedule(NOW.plus(Duration.ofDays(2)), null);
        service.toggleRsvp(o.id(), "u1");
        clock.set(o.startAt().minus(Duration.ofMinutes(30)));
        service.fire(o.id(), "remind-PT24H");
        service.fire(o.id(), "remind-PT1H");
        clock.set(o.endAt().plusSeconds(1));
        service.fire(o.id(), "start");
        drained();

        assertThat(rows(prefix(o) + ":remind-PT24H")).isZero();
        assertThat(rows(prefix(o) + ":remind-PT1H")).isEqualTo(2);
        assertThat(rows(prefix(o) + ":start")).isZero();
        assertThat(discord.posts).hasSize(1);
        assertThat(discord.dms).hasSize(1);
    }

    /**
     * A transport that records what reached "Discord". Messages sent with a nonce are kept once per
     * nonce, as Discord's {@code enforce_nonce} does; {@link #loseNextSendAnswer} makes the next send
     * create its message and then fail as a 502 would.
     */
    static final class RecordingDiscord implements Notifier {
        final List<String> posts = new CopyOnWriteArrayList<>();
        final List<String> dms = new CopyOnWriteArrayList<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> sendNonces = new CopyOnWriteArrayList<>();
        final AtomicBoolean loseNextSendAnswer = new AtomicBoolean();
        private final Map<String, String> messageByNonce = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public void post(String channelId, String text, Set<String> mentionUserIds, String nonce) {
            posts.add(channelId + ": " + text);
        }

        @Override
        public void dm(String userId, String text, String nonce) {
            dms.add(userId + ": " + text);
        }

        @Override
        public String send(String channelId, Reply message, String nonce) {
            sendNonces.add(nonce);
            String id = messageByNonce.computeIfAbsent(nonce, n -> {
                sent.add(channelId + ": " + message.text());
                return "m" + ids.incrementAndGet();
            });
            if (loseNextSendAnswer.getAndSet(false)) {
                throw new DeliveryFailure(false, "Discord: 502 Bad Gateway (after the message was created)", null);
            }
            return id;
        }

        @Override
        public void edit(String channelId, String messageId, Reply message) {}

        @Override
        public StartedThread startThread(
                String channelId, String title, Reply starter, List<String> tagNames, String nonce) {
            String id = "thread-" + ids.incrementAndGet();
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
            return "event-" + ids.incrementAndGet();
        }

        @Override
        public void updateEvent(String eventId, EventDetails event) {}

        @Override
        public void cancelEvent(String eventId) {}

        @Override
        public String createPrivateChannel(PrivateChannel spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setMemberAccess(String channelId, String userId, boolean allowed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Boolean> visibleToEveryone(String channelId) {
            return Optional.empty();
        }

        @Override
        public void setTags(String threadId, List<String> tagNames) {}
    }
}
