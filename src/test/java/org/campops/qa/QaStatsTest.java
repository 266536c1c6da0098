package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class QaStatsTest {
    private static final Instant T = Instant.parse("2026-11-20T01:00:00Z");

    private static Question q(long id, String topic, Question.Status status) {
        return new Question(
                id,
                "asker" + id,
                "Asker Name " + id,
                false,
                topic,
                "title " + id,
                "details " + id,
                "forum",
                "t" + id,
                status,
                Locale.KOREAN,
                T.plusSeconds(id),
                null,
                null,
                status == Question.Status.ANSWERED ? T.plusSeconds(3600) : null,
                null,
                null);
    }

    private final QaSnapshot snapshot = new QaSnapshot(
            List.of(
                    q(1, "Object Detection", Question.Status.ANSWERED),
                    q(2, "Segmentation", Question.Status.ANSWERED),
                    q(3, "Segmentation", Question.Status.OPEN)),
            List.of());

    @Test
    void medianAndShareAnswered() {
        assertThat(QaStats.median(List.of(Duration.ofMinutes(10), Duration.ofMinutes(30))))
                .hasMinutes(20);
        assertThat(QaStats.total(snapshot, Duration.ofHours(12)).answeredPercent())
                .isEqualTo(67);
    }
}
