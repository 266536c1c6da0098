package org.campops.delivery;

import java.util.List;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;

/**
 * What one outbox row asks Discord to do, stored as JSON. Only the fields its {@link Kind} needs
 * are set; rows stored before a field existed read it as null (unknown fields are ignored).
 *
 * <p>Every text a post shows (message text, a reply's text, a thread's title, an event's name, description and place)
 * goes through {@link Texts#defuse} here, whatever the feature did: member text in a bot post can neither ping
 * everyone nor hide a link's address, also where a call site forgot. This is safe for the bot's own texts because they
 * never ping @everyone, @here or roles and write their links plain ({@code https://...} or {@code <https://...>}),
 * never masked ({@code [label](address)}); defusing twice changes nothing.
 */
public record Payload(
        Kind kind,
        String target,
        @Nullable String text,
        List<String> mentions,
        @Nullable Reply reply,
        @Nullable String title,
        List<String> tags,
        @Nullable String messageId,
        Notifier.@Nullable EventDetails event,
        Notifier.@Nullable PrivateChannel channel,
        @Nullable String userId,
        @Nullable Boolean allowed) {

    /** The calls the dispatcher knows how to make. */
    public enum Kind {
        /** A text message in a channel ({@code target}), pinging only {@code mentions}. */
        POST,
        /** A direct message to a member ({@code target} is the user id). */
        DM,
        /** A message with buttons or files in a channel; the result is the message id. */
        SEND,
        /** Replaces message {@code messageId} in channel {@code target}. */
        EDIT,
        /** A forum post or a thread in a text channel; the result is the thread, see {@link Notifier.StartedThread}. */
        THREAD,
        /** Replaces the tags of forum post {@code target}. */
        TAGS,
        /** Creates a guild scheduled event; the result is its id. */
        EVENT_CREATE,
        /** Moves or renames event {@code target}. */
        EVENT_UPDATE,
        /** Cancels (or completes) event {@code target}. */
        EVENT_CANCEL,
        /**
         * Creates private text channel {@code channel} (or adopts the one the bot created earlier with that name
         * under that category); the result is the channel id. {@code target} is {@code new-channel:<category>},
         * so creates under one category go out one after another.
         */
        CHANNEL_CREATE,
        /** Lets member {@code userId} view and write in channel {@code target} ({@code allowed}) or removes that access. */
        ACCESS
    }

    public Payload {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        tags = tags == null ? List.of() : List.copyOf(tags);
        text = defused(text);
        title = defused(title);
        if (reply != null && reply.text() != null) {
            reply = new Reply(
                    Texts.defuse(reply.text()),
                    reply.ephemeral(),
                    reply.buttons(),
                    reply.modal(),
                    reply.editsMessage(),
                    reply.attachments());
        }
        if (event != null) {
            event = new Notifier.EventDetails(
                    Texts.defuse(event.name()),
                    defused(event.description()),
                    event.start(),
                    event.end(),
                    event.voiceChannelId(),
                    defused(event.location()));
        }
    }

    private static @Nullable String defused(@Nullable String text) {
        return text == null ? null : Texts.defuse(text);
    }

    /**
     * What is kept of this row once its content is cleared (retention): what it was and where it went (kind, target,
     * message and member ids), never what it said (text, mentions, buttons, files, titles, events, channel specs).
     */
    public Payload withoutContent() {
        return new Payload(
                kind, target, null, List.of(), null, null, List.of(), messageId, null, null, userId, allowed);
    }

    public static Payload post(String channelId, String text, List<String> mentions) {
        return new Payload(Kind.POST, channelId, text, mentions, null, null, List.of(), null, null, null, null, null);
    }

    public static Payload dm(String userId, String text) {
        return new Payload(Kind.DM, userId, text, List.of(), null, null, List.of(), null, null, null, null, null);
    }

    public static Payload send(String channelId, Reply reply) {
        return new Payload(Kind.SEND, channelId, null, List.of(), reply, null, List.of(), null, null, null, null, null);
    }

    public static Payload edit(String channelId, String messageId, Reply reply) {
        return new Payload(
                Kind.EDIT, channelId, null, List.of(), reply, null, List.of(), messageId, null, null, null, null);
    }

    public static Payload thread(String channelId, String title, Reply starter, List<String> tags) {
        return new Payload(Kind.THREAD, channelId, null, List.of(), starter, title, tags, null, null, null, null, null);
    }

    public static Payload tags(String threadId, List<String> tags) {
        return new Payload(Kind.TAGS, threadId, null, List.of(), null, null, tags, null, null, null, null, null);
    }

    public static Payload createEvent(Notifier.EventDetails event) {
        return new Payload(
                Kind.EVENT_CREATE, "guild", null, List.of(), null, null, List.of(), null, event, null, null, null);
    }

    public static Payload updateEvent(String eventId, Notifier.EventDetails event) {
        return new Payload(
                Kind.EVENT_UPDATE, eventId, null, List.of(), null, null, List.of(), null, event, null, null, null);
    }

    public static Payload cancelEvent(String eventId) {
        return new Payload(
                Kind.EVENT_CANCEL, eventId, null, List.of(), null, null, List.of(), null, null, null, null, null);
    }

    public static Payload createChannel(Notifier.PrivateChannel spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw new IllegalArgumentException("a channel needs a name");
        }
        String category = spec.categoryId() == null ? "none" : Texts.clip(spec.categoryId(), 40);
        return new Payload(
                Kind.CHANNEL_CREATE,
                "new-channel:" + category,
                null,
                List.of(),
                null,
                null,
                List.of(),
                null,
                null,
                spec,
                null,
                null);
    }

    public static Payload access(String channelId, String userId, boolean allowed) {
        return new Payload(
                Kind.ACCESS, channelId, null, List.of(), null, null, List.of(), null, null, null, userId, allowed);
    }
}
