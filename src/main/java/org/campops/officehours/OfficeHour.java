package org.campops.officehours;

import java.time.Duration;
import java.time.Instant;

/** A one-hour-ish live session a mentor or lecturer hosts, announced with an RSVP button. */
public record OfficeHour(long id, String title, String hostId, Instant startAt, int durationMinutes,
                         String voiceChannelId, String location, String topic, String description, Status status,
                         String channelId, String messageChannelId, String messageId, String threadId, String eventId,
                         String createdBy, Instant createdAt) {

    /** PENDING waits for a conflict to be confirmed; SCHEDULED is live (its announcement goes out through the outbox); PUBLISHING is from older versions; CANCELLED is final. */
    public enum Status { PENDING, PUBLISHING, SCHEDULED, CANCELLED }

    public Instant endAt() {
        return startAt.plus(Duration.ofMinutes(durationMinutes));
    }

    public boolean overlaps(Instant start, Instant end) {
        return startAt.isBefore(end) && start.isBefore(endAt());
    }
}
