package org.campops.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.campops.chat.Notifier;
import org.campops.chat.UserError;
import org.campops.schedule.JobFactoryRegistry;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReminderServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private Database db;
    private Scheduling scheduling;
    private Notifier notifier;
    private ReminderService service;

    @BeforeEach
    void setUp() {
        db = Database.open(TestConfig.memoryDb(), 10);
        JobFactoryRegistry jobs = new JobFactoryRegistry();
        scheduling = new Scheduling(db, jobs); // never started: the test fires by hand
        notifier = mock(Notifier.class);
        service = new ReminderService(db, scheduling, notifier, clock, 3);
    }

    @AfterEach
    void tearDown() {
        scheduling.close();
        db.close();
    }

    @Test
    void createStoresTheRowAndATriggerAtTheDueTime() {
        Instant due = NOW.plus(Duration.ofHours(2));
        Reminder r = service.create("u1", null, "  submit report  ", due, Locale.KOREAN);
        assertThat(r.text()).isEqualTo("submit report");
        assertThat(r.status()).isEqualTo(Reminder.Status.PENDING);
        assertThat(scheduling.nextFire(Reminder.jobKey(r.id()))).isEqualTo(due);
        assertThat(service.pending("u1")).extracting(Reminder::id).containsExactly(r.id());
    }

    @Test
    void fireSendsOnceEvenIfTriggeredTwice() {
        Reminder r = service.create("u1", null, "hi @everyone", NOW.plusSeconds(60), Locale.ENGLISH);
        clock.set(NOW.plusSeconds(60));
        service.fire(r.id());
        service.fire(r.id());
        verify(notifier, times(1)).dm(eq("u1"), contains("hi @\u200beveryone"));
        assertThat(service.pending("u1")).isEmpty();
    }

    @Test
    void channelReminderIsAPostThatMayPingOnlyItsOwner() {
        Reminder r = service.create("m1", "chan", "standup", NOW.plusSeconds(60), Locale.ENGLISH);
        clock.set(NOW.plusSeconds(60));
        service.fire(r.id());
        verify(notifier).post(eq("chan"), contains("<@m1>"), eq(Set.of("m1")));
    }

    @Test
    void lateDeliverySaysWhenItWasDue() {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(60), Locale.ENGLISH);
        clock.set(NOW.plus(Duration.ofHours(3)));
        service.fire(r.id());
        verify(notifier).dm(eq("u1"), contains("<t:" + NOW.plusSeconds(60).getEpochSecond() + ":F>"));
    }

    @Test
    void cancelRemovesTriggerAndNothingIsSent() {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(60), Locale.ENGLISH);
        service.cancel("u1", false, r.id());
        assertThat(scheduling.nextFire(Reminder.jobKey(r.id()))).isNull();
        service.fire(r.id());
        verify(notifier, never()).dm(anyString(), anyString());
        assertThatThrownBy(() -> service.cancel("u1", false, r.id())).isInstanceOf(UserError.class)
                .extracting(e -> ((UserError) e).key()).isEqualTo("remind.error.notPending");
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
                .extracting(e -> ((UserError) e).key()).isEqualTo("remind.error.emptyText");
        assertThatThrownBy(() -> service.create("u1", null, "x".repeat(1501), NOW.plusSeconds(60), Locale.ENGLISH))
                .extracting(e -> ((UserError) e).key()).isEqualTo("remind.error.textTooLong");
        assertThatThrownBy(() -> service.create("u1", null, "x", NOW.minusSeconds(1), Locale.ENGLISH))
                .extracting(e -> ((UserError) e).key()).isEqualTo("when.error.PAST");
        for (int i = 0; i < 3; i++) {
            service.create("u1", null, "x" + i, NOW.plusSeconds(60), Locale.ENGLISH);
        }
        assertThatThrownBy(() -> service.create("u1", null, "four", NOW.plusSeconds(60), Locale.ENGLISH))
                .extracting(e -> ((UserError) e).key()).isEqualTo("remind.error.tooMany");
        assertThat(service.pending("u1")).hasSize(3);
    }

    @Test
    void ensureScheduledRestoresMissingTriggers() {
        Reminder r = service.create("u1", null, "x", NOW.plusSeconds(600), Locale.ENGLISH);
        scheduling.cancel(Reminder.jobKey(r.id()));
        assertThat(service.ensureScheduled()).isEqualTo(1);
        assertThat(scheduling.nextFire(Reminder.jobKey(r.id()))).isEqualTo(NOW.plusSeconds(600));
    }
}
