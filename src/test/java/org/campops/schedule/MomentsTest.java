package org.campops.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.campops.testing.SmallApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Moments on the scheduler's store (never started: the test fires by hand): rows become triggers at their due time,
 * a re-plan replaces them, restore brings back what is missing, and a fire that fails is tried again later.
 */
class MomentsTest {
    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SmallApp app = SmallApp.at(NOW);
    private final Moments moments = app.moments();
    private final Rows rows = new Rows();

    /** A feature whose rows plan moments: the test sets what each row plans and sees what fired. */
    private static final class Rows implements MomentSource {
        final Map<Long, List<Moment>> planned = new ConcurrentHashMap<>();
        final List<Moment> fired = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        void set(long rowId, String kind, Instant due) {
            planned.computeIfAbsent(rowId, id -> new CopyOnWriteArrayList<>())
                    .add(new Moment("test", rowId, kind, due));
        }

        @Override
        public String feature() {
            return "test";
        }

        @Override
        public List<Moment> planned(long rowId) {
            return planned.getOrDefault(rowId, List.of());
        }

        @Override
        public List<Moment> allPlanned() {
            List<Moment> all = new ArrayList<>();
            planned.values().forEach(all::addAll);
            return all;
        }

        @Override
        public void fire(Moment moment) {
            if (failing) {
                throw new IllegalStateException("database down");
            }
            fired.add(moment);
        }
    }

    MomentsTest() {
        moments.register(rows);
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void aRowsMomentsBecomeTriggersAtTheirDueTimeAndAReplanReplacesThem() {
        rows.set(1, "remind", NOW.plusSeconds(3600));
        rows.set(1, "start", NOW.plusSeconds(7200));
        moments.plan("test", 1);
        assertThat(moments.nextFire("test", 1, "remind")).isEqualTo(NOW.plusSeconds(3600));
        assertThat(moments.nextFire("test", 1, "start")).isEqualTo(NOW.plusSeconds(7200));
        assertThat(moments.nextFire("test", 2, "start")).isNull();

        rows.planned.put(
                1L, new CopyOnWriteArrayList<>(List.of(new Moment("test", 1, "start", NOW.plusSeconds(9000)))));
        moments.plan("test", 1);
        assertThat(moments.nextFire("test", 1, "remind"))
                .as("no longer planned")
                .isNull();
        assertThat(moments.nextFire("test", 1, "start")).isEqualTo(NOW.plusSeconds(9000));

        moments.unplan("test", 1);
        assertThat(moments.nextFire("test", 1, "start")).isNull();
    }

    @Test
    void planSoonPlansInTheBackgroundAndSaysWhenItIsDone() throws Exception {
        for (long id = 1; id <= 20; id++) {
            rows.set(id, "due", NOW.plusSeconds(60 * id));
            moments.planSoon("test", id);
        }
        assertThat(moments.awaitPlanned(WAIT)).isTrue();
        for (long id = 1; id <= 20; id++) {
            assertThat(moments.nextFire("test", id, "due")).isEqualTo(NOW.plusSeconds(60 * id));
        }
    }

    /**
     * A burst of more rows than one batch holds is planned whole: a full batch wakes the planner at once, the rows
     * after it go into the next batch.
     */
    @Test
    void aBurstLargerThanABatchIsPlannedWhole() throws Exception {
        int burst = MomentPlanner.PLAN_MAX_BATCH + 100;
        for (long id = 1; id <= burst; id++) {
            rows.set(id, "due", NOW.plusSeconds(60 * id));
            moments.planSoon("test", id);
        }
        assertThat(moments.awaitPlanned(WAIT)).isTrue();
        for (long id = 1; id <= burst; id++) {
            assertThat(moments.nextFire("test", id, "due")).as("row " + id).isEqualTo(NOW.plusSeconds(60 * id));
        }
    }

    /**
     * A moment planned after its time (a program file synced at start, a row planned after a slow start) fires now:
     * Quartz leaves a trigger more than its misfire threshold (60 s) in the past to its next misfire scan, up to a
     * minute later, which once held a drill's weekly-post reminders back past its deadline.
     */
    @Test
    void aMomentPlannedAfterItsTimeFiresNowNotAtItsPastDueTime() throws Exception {
        rows.set(1, "due", NOW.minusSeconds(300));
        moments.plan("test", 1);
        assertThat(moments.nextFire("test", 1, "due")).isEqualTo(NOW);

        rows.set(2, "due", NOW.minusSeconds(300));
        moments.planSoon("test", 2);
        assertThat(moments.awaitPlanned(WAIT)).isTrue();
        assertThat(moments.nextFire("test", 2, "due")).isEqualTo(NOW);
    }

    @Test
    void restoreGivesBackMissingTriggersAMissedOneNowAndCountsThem() {
        rows.set(1, "due", NOW.plusSeconds(600));
        rows.set(2, "due", NOW.minusSeconds(600));
        rows.set(3, "due", NOW.plusSeconds(900));
        moments.plan("test", 3);

        assertThat(moments.restore()).isEqualTo(2);
        assertThat(moments.nextFire("test", 1, "due")).isEqualTo(NOW.plusSeconds(600));
        assertThat(moments.nextFire("test", 2, "due"))
                .as("missed while down: fires now")
                .isEqualTo(NOW);
        assertThat(moments.nextFire("test", 3, "due")).isEqualTo(NOW.plusSeconds(900));
        assertThat(moments.restore()).isZero();
    }

    @Test
    void aFireReachesItsFeatureAndTheObserverAndAFailedOneIsTriedAgainLater() {
        List<String> observed = new CopyOnWriteArrayList<>();
        moments.observe((feature, lateness, ok) -> observed.add(feature + " " + lateness + " " + ok));
        Moment m = new Moment("test", 7, "due", NOW.minusSeconds(5));
        moments.fire(m);
        assertThat(rows.fired).containsExactly(m);
        assertThat(observed).containsExactly("test PT5S true");

        rows.failing = true;
        moments.fire(m);
        assertThat(observed).last().isEqualTo("test PT5S false");
        assertThat(moments.nextFire("test", 7, "due")).isEqualTo(NOW.plus(Moments.RETRY_FAILED_FIRE));

        // A moment of a feature nobody registered is ignored.
        moments.fire(new Moment("nobody", 1, "due", NOW));
        assertThat(observed).hasSize(2);
    }
}
