package org.campops.qa;

import java.time.Instant;
import java.util.Locale;

/** A camper's question: one forum post (or thread) whose messages are its answers. */
public record Question(
        long id,
        String askerId,
        String askerName,
        boolean anonymous,
        String topic,
        String title,
        String details,
        String channelId,
        String threadId,
        Status status,
        Locale locale,
        Instant askedAt,
        Instant firstMentorReplyAt,
        String firstMentorId,
        Instant resolvedAt,
        String resolvedBy,
        Long acceptedAnswerId) {

    /** OPEN until the asker or a mentor resolves it. */
    public enum Status {
        OPEN,
        ANSWERED
    }

    public boolean answered() {
        return status == Status.ANSWERED;
    }
}
