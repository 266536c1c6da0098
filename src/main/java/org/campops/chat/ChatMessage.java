package org.campops.chat;

import java.time.Instant;
import java.util.Set;

/** A message members wrote in a channel or thread, as the features see it. */
public record ChatMessage(String messageId, String channelId, String authorId, String authorName,
                          Set<Role> authorRoles, boolean authorIsBot, String content, Instant at) {
    public ChatMessage {
        authorRoles = Set.copyOf(authorRoles);
    }
}
