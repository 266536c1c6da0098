package org.campops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Invented ids look like Discord's and never repeat, also across console processes on one database. */
class SnowflakeIdsTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void idsAreNumericLikeDiscordsAndGrow() {
        SnowflakeIds ids = new SnowflakeIds(at(NOW));
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertThat(id).matches("[1-9]\\d{16,19}");
            seen.add(Long.parseLong(id));
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates();
        // The time is in the high bits, as in Discord's snowflakes.
        assertThat((seen.get(0) >> 22) + SnowflakeIds.DISCORD_EPOCH_MILLIS).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aLaterProcessNeverReusesAnEarlierOnesIds() {
        SnowflakeIds first = new SnowflakeIds(at(NOW), 1023);
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            earlier.add(first.next());
        }
        // The next process starts a millisecond later, with the smallest process part.
        SnowflakeIds second = new SnowflakeIds(at(NOW.plusMillis(1)), 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(earlier).doesNotContain(second.next());
        }
    }

    @Test
    void twoProcessesInTheSameMillisecondDifferByTheirRandomPart() {
        SnowflakeIds a = new SnowflakeIds(at(NOW), 5);
        SnowflakeIds b = new SnowflakeIds(at(NOW), 6);
        Set<String> fromA = new HashSet<>();
        for (int i = 0; i < 4096; i++) {
            fromA.add(a.next());
        }
        for (int i = 0; i < 4096; i++) {
            assertThat(fromA).doesNotContain(b.next());
        }
    }
}
