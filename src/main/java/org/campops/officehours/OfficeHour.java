package org.campops.officehours;

import java.time.Duration;
import java.time.Instant;

/** A one-hour-ish live session a mentor or lecturer hosts, announced with an RSVP button. */
public record OfficeHour(long id, String title, String hostId, Instant startAt, int durationMinutes,
                         String voiceChannelId, String location, String topic, String description, Status status,
                         String channelId, String messageChannelId, String messageId, String threadId, String eventId,
                         String createdBy, Instant createdAt) {

    /** PENDING waits for a conflict to be confirmed; PUBLISHING is being announced; SCHEDULED is live; CANCELLED is final. */
    public enum Status { PENDING, PUBLISHING, SCHEDULED, CANCELLED }

    public Instant endAt() {
        return startAt.plus(Duration.ofMinutes(durationMinutes));
    }

    public boolean overlaps(Instant start, Instant end) {
        return startAt.isBefore(end) && start.isBefore(endAt());
    }

    /** The Quartz job and trigger key of one of its moments, e.g. {@code officehour-42-remind-PT1H}. */
    public static String jobKey(long id, String kind) {
        return "officehour-" + id + "-" + kind;
    }
}
