package org.campops.mentoring;

import java.time.Instant;
import java.time.LocalDate;

/** One weekly occurrence of a team's mentoring; {@code originalDate} names it for skip and move. */
public record Session(
        long id,
        long seriesId,
        long teamId,
        LocalDate originalDate,
        Instant startAt,
        int durationMinutes,
        Status status,
        boolean moved,
        String topic,
        String note) {

    /** SCHEDULED (held once its start passed) or SKIPPED. */
    public enum Status {
        SCHEDULED,
        SKIPPED
    }

    public Instant endAt() {
        return startAt.plusSeconds(60L * durationMinutes);
    }
}
