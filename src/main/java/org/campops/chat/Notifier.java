package org.campops.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The transport under the one delivery path: the outbox dispatcher calls it for each row it sends.
 * Features never call it to post; they write outbox rows (see {@code org.campops.delivery.Outbox}).
 * A {@code nonce} (up to 25 characters, derived from the delivery key) goes with every new message,
 * so Discord returns the earlier message instead of creating a second one when a send is retried.
 * Methods throw {@link DeliveryFailure} to say whether a retry can help.
 */
public interface Notifier {

    /** Posts to a channel; mentions in {@code text} can reach only the listed users. */
    void post(String channelId, String text, Set<String> mentionUserIds, String nonce);

    /** Sends a direct message. */
    void dm(String userId, String text, String nonce);

    /**
     * Whether {@link #dm} to this member would first have to open the DM channel (one more request,
     * the first DM to a member): the dispatcher then calls {@link #openDm} first, paced on its own.
     */
    default boolean dmNeedsChannel(String userId) {
        return false;
    }

    /** Opens the DM channel with {@code userId} and remembers its id (one request; none when it is known). */
    default void openDm(String userId) {}

    /** Posts a message with buttons and returns its id, so it can be linked and edited later. */
    String send(String channelId, Reply message, String nonce);

    /** Replaces a message the bot posted earlier. */
    void edit(String channelId, String messageId, Reply message);

    /**
     * Starts a discussion and returns the thread id: a post in a forum channel (tags picked by
     * name, case-insensitively; unknown names are skipped) or a thread on a new message in a text channel.
     */
    StartedThread startThread(String channelId, String title, Reply starter, List<String> tagNames, String nonce);

    /**
     * A thread this bot started in {@code channelId} named {@code title} since {@code since}: a retry of
     * a thread whose creation may have gone through adopts it instead of starting a second one.
     */
    default java.util.Optional<StartedThread> findStartedThread(
            String channelId, String title, java.time.Instant since) {
        return java.util.Optional.empty();
    }

    /** A new thread and the message that starts it (in a forum, the message lives in the thread itself). */
    record StartedThread(String threadId, String messageChannelId, String messageId) {}

    /** What kind of channel an id names, as far as the bot can see. */
    enum ChannelKind {
        TEXT,
        VOICE,
        FORUM,
        OTHER,
        UNKNOWN,
        UNCHECKED
    }

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
    record EventDetails(
            String name,
            @Nullable String description,
            java.time.Instant start,
            java.time.Instant end,
            @Nullable String voiceChannelId,
            @Nullable String location) {}

    /**
     * A private text channel the bot creates: hidden from @everyone; members and roles listed may view and write.
     * {@code categoryId} may be null (no category); null lists count as empty.
     */
    record PrivateChannel(String name, @Nullable String categoryId, List<String> memberIds, List<String> roleIds) {
        public PrivateChannel {
            memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
            roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
        }
    }

    /** Creates the channel and returns its id. */
    String createPrivateChannel(PrivateChannel spec);

    /**
     * A channel this bot created earlier with that name under that category (so a retried create adopts it
     * instead of making a second). Names are compared as Discord stores them (lower case, dashes for spaces).
     */
    default Optional<String> findPrivateChannel(String name, String categoryId) {
        return Optional.empty();
    }

    /** Lets a member view and write in a channel ({@code allowed}) or removes that member's overwrite (not allowed). */
    void setMemberAccess(String channelId, String userId, boolean allowed);

    /**
     * Whether @everyone can view the channel (a "private" team channel given by an organizer must not be
     * public); empty when the bot cannot tell (an unknown channel, or a transport without real channels).
     */
    Optional<Boolean> visibleToEveryone(String channelId);

    /**
     * Who may view a channel, as Discord computes it, read fresh from Discord: the server it belongs to, the roles a
     * member holding only that role (and @everyone, whose id is the server's) could view it with, and the members
     * whose own overwrite lets them view it. Roles with Administrator (they see every channel) and the bot itself are
     * left out. Empty when the bot cannot tell (an unknown channel, or a transport without real channels).
     */
    default Optional<Viewers> viewers(String channelId) {
        return Optional.empty();
    }

    /** See {@link #viewers}. */
    record Viewers(String guildId, List<String> roleIds, List<String> memberIds) {
        public Viewers {
            roleIds = List.copyOf(roleIds);
            memberIds = List.copyOf(memberIds);
        }
    }

    /** Replaces the tags of a forum post (no-op for threads of text channels). */
    void setTags(String threadId, List<String> tagNames);

    /**
     * A send that did not go through. {@code permanent} failures (no access, closed DMs, unknown
     * channel) are not retried; the others (5xx, 429, network) are.
     */
    final class DeliveryFailure extends RuntimeException {
        private final boolean permanent;

        public DeliveryFailure(boolean permanent, @Nullable String message, @Nullable Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
