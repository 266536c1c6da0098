package org.campops.reminders;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A reminder a member set: a DM to themselves, or (mentors, organizers) a post in a channel. */
public record Reminder(
        long id,
        String ownerId,
        @Nullable String channelId,
        String text,
        Instant dueAt,
        Locale locale,
        Status status,
        Instant createdAt,
        @Nullable Instant sentAt) {

    /** PENDING until its moment fires; SENT (handed to the outbox) and CANCELLED are final; FAILED is from older versions. */
    public enum Status {
        PENDING,
        SENT,
        CANCELLED,
        FAILED
    }

    public boolean toChannel() {
        return channelId != null;
    }

    /** The delivery key of its post. */
    public ReminderKey deliveryKey() {
        return new ReminderKey(id);
    }
}
