package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.campops.delivery.Outbox;
import org.campops.qa.search.QuestionIndex;
import org.campops.schedule.JobFactoryRegistry;
import org.campops.schedule.Moment;
import org.campops.schedule.Moments;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Digests are scheduled moments: one per slot, the next planned when one fires, missed ones not replayed. */
class QaDigestsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:20:00Z"));
    private Database db;
    private Scheduling scheduling;
    private QuestionIndex index;
    private Moments moments;
    private QaDigests digests;
    private long every;

    @BeforeEach
    void setUp() {
        db = Database.open(TestConfig.memoryDb(), 8);
        JobFactoryRegistry jobs = new JobFactoryRegistry();
        scheduling = new Scheduling(db, jobs);
        moments = new Moments(scheduling, jobs, clock);
        index = new QuestionIndex();
        QaService qa = new QaService(db, index, new Outbox(db, clock), clock, TestConfig.load());
        digests = new QaDigests(qa, moments, clock);
        moments.register(digests);
        every = qa.digestEvery().getSeconds();
    }

    @AfterEach
    void tearDown() {
        scheduling.close();
        index.close();
        db.close();
    }

    @Test
    void atStartOnlyTheNextSlotIsPlannedAndFiringASlotPlansTheOneAfter() {
        long next = clock.instant().getEpochSecond() / every + 1;
        assertThat(moments.restore()).isEqualTo(1);
        assertThat(moments.nextFire(QaDigests.FEATURE, next, QaDigests.KIND))
                .isEqualTo(Instant.ofEpochSecond(next * every));
        assertThat(moments.restore()).isZero();

        clock.set(Instant.ofEpochSecond(next * every));
        digests.fire(new Moment(QaDigests.FEATURE, next, QaDigests.KIND, Instant.ofEpochSecond(next * every)));
        assertThat(moments.nextFire(QaDigests.FEATURE, next + 1, QaDigests.KIND))
                .isEqualTo(Instant.ofEpochSecond((next + 1) * every));

        // Down for a day: the late fire plans the slot after now, not the missed ones.
        clock.set(clock.instant().plus(Duration.ofDays(1)));
        digests.fire(
                new Moment(QaDigests.FEATURE, next + 1, QaDigests.KIND, Instant.ofEpochSecond((next + 1) * every)));
        long afterNow = clock.instant().getEpochSecond() / every + 1;
        assertThat(moments.nextFire(QaDigests.FEATURE, afterNow, QaDigests.KIND))
                .isEqualTo(Instant.ofEpochSecond(afterNow * every));
        assertThat(moments.nextFire(QaDigests.FEATURE, next + 2, QaDigests.KIND))
                .isNull();
    }
}
