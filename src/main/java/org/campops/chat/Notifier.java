package org.campops.chat;

/** The one outbound port: every post the bot makes on its own leaves through here. */
public interface Notifier {

    /** Posts to a channel; mentions in {@code text} can reach only the listed users. */
    void post(String channelId, String text, java.util.Set<String> mentionUserIds);

    /** Sends a direct message. */
    void dm(String userId, String text);

    default void post(String channelId, String text) {
        post(channelId, text, java.util.Set.of());
    }
}
