package org.campops.chat;

/** Receives members' messages, edits and deletions (for features that record threads). */
public interface MessageListener {
    void onMessage(ChatMessage message);

    void onEdit(ChatMessage message);

    void onDelete(String channelId, String messageId);
}
