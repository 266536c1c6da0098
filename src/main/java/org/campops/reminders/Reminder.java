package org.campops.reminders;

import java.time.Instant;
import java.util.Locale;

/** A reminder a member set: a DM to themselves, or (mentors, organizers) a post in a channel. */
public record Reminder(long id, String ownerId, String channelId, String text, Instant dueAt,
                       Locale locale, Status status, Instant createdAt, Instant sentAt) {

    /** PENDING until its trigger fires; SENT and CANCELLED are final. */
    public enum Status { PENDING, SENT, CANCELLED, FAILED }

    public boolean toChannel() {
        return channelId != null;
    }

    /** The Quartz job and trigger key derived from this row. */
    public static String jobKey(long id) {
        return "reminder-" + id;
    }
}
