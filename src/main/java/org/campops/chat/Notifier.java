package org.campops.chat;

import java.util.List;
import java.util.Set;

/** The one outbound port: every post the bot makes on its own leaves through here. */
public interface Notifier {

    /** Posts to a channel; mentions in {@code text} can reach only the listed users. */
    void post(String channelId, String text, Set<String> mentionUserIds);

    /** Sends a direct message. */
    void dm(String userId, String text);

    default void post(String channelId, String text) {
        post(channelId, text, Set.of());
    }

    /** Posts a message with buttons and returns its id, so it can be linked and edited later. */
    String send(String channelId, Reply message);

    /** Replaces a message the bot posted earlier. */
    void edit(String channelId, String messageId, Reply message);

    /**
     * Starts a discussion and returns the thread id: a post in a forum channel (tags picked by
     * name, case-insensitively; unknown names are skipped) or a thread on a new message in a text channel.
     */
    StartedThread startThread(String channelId, String title, Reply starter, List<String> tagNames);

    /** A new thread and the message that starts it (in a forum, the message lives in the thread itself). */
    record StartedThread(String threadId, String messageChannelId, String messageId) {
    }

    /** What kind of channel an id names, as far as the bot can see. */
    enum ChannelKind { TEXT, VOICE, FORUM, OTHER, UNKNOWN, UNCHECKED }

    ChannelKind channelKind(String channelId);

    /** Whether {@code userId} may see and write in {@code channelId} (so the bot posts nowhere they could not). */
    boolean canWrite(String userId, String channelId);

    /** Creates a guild scheduled event (so it shows in Discord's event list); returns its id. */
    String createEvent(EventDetails event);

    /** Moves or renames a scheduled event. */
    void updateEvent(String eventId, EventDetails event);

    /** Cancels a scheduled event. */
    void cancelEvent(String eventId);

    /**
     * A scheduled event: in a voice channel when {@code voiceChannelId} is set, otherwise external at
     * {@code location} (a URL or a place).
     */
    record EventDetails(String name, String description, java.time.Instant start, java.time.Instant end,
                        String voiceChannelId, String location) {
    }

    /** Replaces the tags of a forum post (no-op for threads of text channels). */
    void setTags(String threadId, List<String> tagNames);
}
