package org.campops.teams;

import java.time.Instant;
import java.util.List;

/**
 * A team: its campers, its mentor and its private channel ({@code channelId} is null while the bot
 * is still creating it).
 */
public record Team(
        long id,
        String name,
        String mentorId,
        String channelId,
        String createdBy,
        Instant createdAt,
        List<String> members) {
    public Team {
        members = List.copyOf(members);
    }

    /** Whether {@code userId} is one of the team's campers or its mentor. */
    public boolean includes(String userId) {
        return mentorId.equals(userId) || members.contains(userId);
    }
}
