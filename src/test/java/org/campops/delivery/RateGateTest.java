package org.campops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dispatcher's pacing: an even pace, and never more than the rate within any rolling second. */
class RateGateTest {

    @Test
    void theBurstIsPaidBackWithinTheSameSecond() throws Exception {
        // 20/s with a burst of 20: the reservations alone would let 20 go at once and then 20 more per second,
        // 39 within the first second; the rolling-second cap lets the 21st go only a second after the first.
        RateGate gate = new RateGate(20, 20);
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 6; i++) {
                        gate.acquire(1);
                        times.add(System.nanoTime());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(24);
        for (int i = 20; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 20))
                    .as("permit %d vs %d", i, i - 20)
                    .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Test
    void permitsForSeveralRequestsCountEachRequest() throws Exception {
        RateGate gate = new RateGate(10, 10);
        long start = System.nanoTime();
        gate.acquire(6);
        gate.acquire(6);
        // 12 requests at 10 per rolling second: the second row waits until the first second is over
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aSparePermitIsOnlyTakenWhenNobodyIsPacedAheadOfNow() throws Exception {
        RateGate gate = new RateGate(10, 1);
        assertThat(gate.tryAcquireSpare()).as("an idle gate has a spare permit").isTrue();
        // That permit moved the pace on: a caller now waits its turn, and while one is reserved nothing is spare.
        long start = System.nanoTime();
        gate.acquire(1);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));
        assertThat(gate.tryAcquireSpare())
                .as("a permit is reserved up to 100 ms ahead")
                .isFalse();
    }

    @Test
    void sparePermitsNeverFillTheRollingSecondBeyondTheRate() throws Exception {
        // The gate on a test clock: asked every millisecond for 900 ms, without waiting for real time to pass.
        long[] now = {5_000_000_000L};
        RateGate gate = new RateGate(5, 5, new RateGate.Ticks() {
            @Override
            public long nanoTime() {
                return now[0];
            }

            @Override
            public void sleep(long nanos) {
                now[0] += nanos;
            }
        });
        int taken = 0;
        for (int ms = 0; ms < 900; ms++) {
            if (gate.tryAcquireSpare()) {
                taken++;
            }
            now[0] += TimeUnit.MILLISECONDS.toNanos(1);
        }
        assertThat(taken).as("spare permits within one second at 5/s").isEqualTo(5);
        // A second later the rolling second has room again.
        now[0] += TimeUnit.SECONDS.toNanos(1);
        assertThat(gate.tryAcquireSpare()).isTrue();
    }
}
