package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class QaStatsTest {
    private static final Instant T = Instant.parse("2026-11-20T01:00:00Z");

    private static QaStats.Asked q(long id, String topic, boolean answered, @Nullable Duration firstReplyAfter) {
        return new QaStats.Asked(
                topic,
                firstReplyAfter == null ? null : "mentor",
                answered,
                T.plusSeconds(id),
                firstReplyAfter == null ? null : T.plusSeconds(id).plus(firstReplyAfter));
    }

    private final List<QaStats.Asked> asked = List.of(
            q(1, "Object Detection", true, Duration.ofHours(1)),
            q(2, "Segmentation", true, Duration.ofHours(13)),
            q(3, "Segmentation", false, null));

    @Test
    void medianAndShareAnswered() {
        assertThat(QaStats.median(List.of(Duration.ofMinutes(10), Duration.ofMinutes(30))))
                .hasMinutes(20);
        QaStats.Row total = QaStats.total(asked, Duration.ofHours(12));
        assertThat(total.answeredPercent()).isEqualTo(67);
        assertThat(total.medianFirstReply()).hasHours(7);
        assertThat(total.withinTargetPercent()).as("1 of 3 within 12 h").isEqualTo(33);
    }

    @Test
    void byTopicMostAskedFirstAndByTheMentorWhoRepliedFirst() {
        assertThat(QaStats.byTopic(asked, Duration.ofHours(12), "(none)"))
                .extracting(QaStats.Row::key, QaStats.Row::questions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Segmentation", 2),
                        org.assertj.core.groups.Tuple.tuple("Object Detection", 1));
        assertThat(QaStats.byMentor(asked, Duration.ofHours(12)))
                .extracting(QaStats.Row::key, QaStats.Row::withMentorReply)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mentor", 2));
    }
}
