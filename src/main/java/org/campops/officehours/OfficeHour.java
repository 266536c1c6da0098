package org.campops.officehours;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A one-hour-ish live session a mentor or lecturer hosts, announced with an RSVP button. */
public record OfficeHour(
        long id,
        String title,
        String hostId,
        Instant startAt,
        int durationMinutes,
        @Nullable String voiceChannelId,
        @Nullable String location,
        @Nullable String topic,
        @Nullable String description,
        Status status,
        String channelId,
        @Nullable String messageChannelId,
        @Nullable String messageId,
        @Nullable String threadId,
        @Nullable String eventId,
        String createdBy,
        Instant createdAt) {

    /** PENDING waits for a conflict to be confirmed; SCHEDULED is live (its announcement goes out through the outbox); PUBLISHING is from older versions; CANCELLED is final. */
    public enum Status {
        PENDING,
        PUBLISHING,
        SCHEDULED,
        CANCELLED
    }

    public Instant endAt() {
        return startAt.plus(Duration.ofMinutes(durationMinutes));
    }

    public boolean overlaps(Instant start, Instant end) {
        return startAt.isBefore(end) && start.isBefore(endAt());
    }
}
