package org.campops.chat;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message members wrote in a channel or thread, as the features see it; {@code parentChannelId} is
 * the channel a thread (or forum post) belongs to, null for a message in a channel itself.
 */
public record ChatMessage(
        String messageId,
        String channelId,
        String authorId,
        String authorName,
        Set<Role> authorRoles,
        boolean authorIsBot,
        String content,
        Instant at,
        @Nullable String parentChannelId) {
    public ChatMessage {
        authorRoles = Set.copyOf(authorRoles);
    }

    public ChatMessage(
            String messageId,
            String channelId,
            String authorId,
            String authorName,
            Set<Role> authorRoles,
            boolean authorIsBot,
            String content,
            Instant at) {
        this(messageId, channelId, authorId, authorName, authorRoles, authorIsBot, content, at, null);
    }
}
