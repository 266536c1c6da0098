package org.campops.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Notifier;
import org.campops.chat.UserError;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.schedule.JobFactoryRegistry;
import org.campops.schedule.Moments;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReminderServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(NOW);
    private Database db;
    private Scheduling scheduling;
    private Moments moments;
    private Outbox outbox;
    private ReminderService service;

    @BeforeEach
    void setUp() {
        db = Database.open(TestConfig.memoryDb(), 10);
        JobFactoryRegistry jobs = new JobFactoryRegistry();
        scheduling = new Scheduling(db, jobs); // never started: the test fires by hand
        moments = new Moments(scheduling, jobs, clock);
        outbox = new Outbox(db, clock);
        service = new ReminderService(db, moments, outbox, mock(Notifier.class), clock, 3);
        moments.register(service);
    }

    @AfterEach
    void tearDown() {
        scheduling.close();
        db.close();
    }

    @Test
    void createStoresTheRowAndPlansItsMomentAtTheDueTime() throws Exception {
        Instant due = NOW.plus(Duration.ofHours(2));
        Reminder r = service.create("u1", null, "  submit report  ", due, Locale.KOREAN);
        assertThat(r.text()).isEqualTo("submit report");
        assertThat(r.status()).isEqualTo(Reminder.Status.PENDING);
        assertThat(moments.awaitPlanned(WAIT)).isTrue();
        assertThat(moments.nextFire("reminder", r.id(), "due")).isEqualTo(due);
        assertThat(service.pending("u1")).extracting(Reminder::id).containsExactly(r.id());
    }

    @Test
    void fireQueuesOneDmEvenIfTriggeredTwice() {
        Reminder r = service.create("u1", null, "hi @everyone", NOW.plusSeconds(60), Locale.ENGLISH);
        clock.set(NOW.plusSeconds(60));
        service.fire(r.id());
        service.fire(r.id());
        Delivery d = outbox.find("reminder:" + r.id()).orElseThrow();
        assertThat(d.payload().kind()).isEqualTo(Payload.Kind.DM);
        assertThat(d.payload().target()).isEqualTo("u1");
        assertThat(d.payload().text()).contains("hi @\u200beveryone");
        assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(outbox.unsent(10)).hasSize(1);
        assertThat(service.pending("u1")).isEmpty();
    }

    @Test
    void aDueInstantFinerThanAMillisecondStillFires() throws Exception {
        Instant due = NOW.plusSeconds(60).plusNanos(123_456_789);
        Reminder r = service.create("u1", null, "precise", due, Locale.ENGLISH);
        assertThat(moments.awaitPlanned(WAIT)).isTrue();
        Instant planned = moments.nextFire("reminder", r.id(), "due");
        clock.set(planned);
        // What the trigger hands the job: its due instant in milliseconds.
        service.fire(new org.campops.schedule.Moment(
                "reminder", r.id(), "due", Instant.ofEpochMilli(planned.toEpochMilli())));
        assertThat(outbox.find("reminder:" + r.id())).isPresent();
    }

    @Test
    void aTriggerPlannedForAnEarlierDueTimeQueuesNothing() {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(60), Locale.ENGLISH);
        service.fire(new org.campops.schedule.Moment("reminder", r.id(), "due", NOW.plusSeconds(30)));
        assertThat(outbox.find("reminder:" + r.id())).isEmpty();
        assertThat(service.pending("u1")).hasSize(1);
    }

    @Test
    void channelReminderIsAPostThatMayPingOnlyItsOwner() {
        Reminder r = service.create("m1", "chan", "standup", NOW.plusSeconds(60), Locale.ENGLISH);
        clock.set(NOW.plusSeconds(60));
        service.fire(r.id());
        Payload p = outbox.find("reminder:" + r.id()).orElseThrow().payload();
        assertThat(p.kind()).isEqualTo(Payload.Kind.POST);
        assertThat(p.target()).isEqualTo("chan");
        assertThat(p.text()).contains("<@m1>");
        assertThat(p.mentions()).isEqualTo(List.of("m1"));
    }

    @Test
    void lateDeliverySaysWhenItWasDue() {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(60), Locale.ENGLISH);
        clock.set(NOW.plus(Duration.ofHours(3)));
        service.fire(r.id());
        Delivery d = outbox.find("reminder:" + r.id()).orElseThrow();
        assertThat(d.payload().text()).contains("<t:" + NOW.plusSeconds(60).getEpochSecond() + ":F>");
        assertThat(d.dueAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void cancelRemovesTriggerAndNothingIsSent() throws Exception {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(60), Locale.ENGLISH);
        assertThat(moments.awaitPlanned(WAIT)).isTrue();
        service.cancel("u1", false, r.id());
        assertThat(moments.nextFire("reminder", r.id(), "due")).isNull();
        service.fire(r.id());
        assertThat(outbox.unsent(10)).isEmpty();
        assertThatThrownBy(() -> service.cancel("u1", false, r.id()))
                .isInstanceOf(UserError.class)
                .extracting(e -> ((UserError) e).key())
                .isEqualTo("remind.error.notPending");
    }

    @Test
    void othersCannotCancelButOrganizersCan() {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(60), Locale.ENGLISH);
        assertThatThrownBy(() -> service.cancel("u2", false, r.id())).isInstanceOf(UserError.class);
        assertThat(service.cancel("org", true, r.id()).id()).isEqualTo(r.id());
    }

    @Test
    void badInputIsRefusedAndNothingStored() {
        assertThatThrownBy(() -> service.create("u1", null, "   ", NOW.plusSeconds(60), Locale.ENGLISH))
                .extracting(e -> ((UserError) e).key())
                .isEqualTo("remind.error.emptyText");
        assertThatThrownBy(() -> service.create("u1", null, "x".repeat(1501), NOW.plusSeconds(60), Locale.ENGLISH))
                .extracting(e -> ((UserError) e).key())
                .isEqualTo("remind.error.textTooLong");
        assertThatThrownBy(() -> service.create("u1", null, "x", NOW.minusSeconds(1), Locale.ENGLISH))
                .extracting(e -> ((UserError) e).key())
                .isEqualTo("when.error.PAST");
        for (int i = 0; i < 3; i++) {
            service.create("u1", null, "x" + i, NOW.plusSeconds(60), Locale.ENGLISH);
        }
        assertThatThrownBy(() -> service.create("u1", null, "four", NOW.plusSeconds(60), Locale.ENGLISH))
                .extracting(e -> ((UserError) e).key())
                .isEqualTo("remind.error.tooMany");
        assertThat(service.pending("u1")).hasSize(3);
    }

    @Test
    void restoreBringsBackMissingTriggers() throws Exception {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(600), Locale.ENGLISH);
        assertThat(moments.awaitPlanned(WAIT)).isTrue();
        moments.unplan("reminder", r.id());
        assertThat(moments.restore()).isEqualTo(1);
        assertThat(moments.nextFire("reminder", r.id(), "due")).isEqualTo(NOW.plusSeconds(600));
        assertThat(moments.restore()).isZero();
    }
}
