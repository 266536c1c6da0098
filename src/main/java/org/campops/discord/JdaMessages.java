package org.campops.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.forums.ForumPost;
import net.dv8tion.jda.api.entities.channel.forums.ForumTag;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.campops.chat.Notifier;
import org.campops.chat.Notifier.StartedThread;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;

/**
 * Messages in channels and threads: posts, messages with buttons, edits, new threads (a forum post,
 * or a thread on a text channel's message) and forum tags. Texts are split at Discord's limit; each
 * part carries a nonce of its own, so a retried send finds the message it made before.
 */
final class JdaMessages {
    /** Discord's "a thread has already been created for this message". */
    private static final int THREAD_ALREADY_CREATED = 160004;

    private final JdaLookup lookup;

    JdaMessages(JdaLookup lookup) {
        this.lookup = lookup;
    }

    void post(String channelId, String text, Set<String> mentionUserIds, String nonce) {
        JdaFailures.run(() -> {
            MessageChannel channel = lookup.channel(channelId);
            List<String> parts = Texts.split(text, Texts.MAX_MESSAGE);
            for (int i = 0; i < parts.size(); i++) {
                channel.sendMessage(message(parts.get(i), mentionUserIds))
                        .setNonce(partNonce(nonce, i))
                        .complete();
            }
        });
    }

    String send(String channelId, Reply message, String nonce) {
        return JdaFailures.of(() -> {
            MessageChannel channel = lookup.channel(channelId);
            List<MessageCreateData> parts = ReplyRenderer.render(message);
            String firstId = null;
            for (int i = 0; i < parts.size(); i++) {
                Message sent = channel.sendMessage(parts.get(i))
                        .setNonce(partNonce(nonce, i))
                        .complete();
                if (firstId == null) {
                    firstId = sent.getId();
                }
            }
            return firstId;
        });
    }

    void edit(String channelId, String messageId, Reply message) {
        JdaFailures.of(() -> lookup.channel(channelId)
                .editMessageById(messageId, ReplyRenderer.edit(message))
                .complete());
    }

    StartedThread startThread(String channelId, String title, Reply starter, List<String> tagNames, String nonce) {
        return JdaFailures.of(() -> {
            String name = threadName(title);
            List<MessageCreateData> parts = ReplyRenderer.render(starter);
            ForumChannel forum = lookup.campChannel(channelId) instanceof ForumChannel f ? f : null;
            ThreadChannel thread;
            StartedThread started;
            if (forum != null) {
                ForumPost post = forum.createForumPost(name, parts.get(0))
                        .setTags(tags(forum, tagNames))
                        .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK)
                        .complete();
                thread = post.getThreadChannel();
                started = new StartedThread(
                        thread.getId(), thread.getId(), post.getMessage().getId());
            } else {
                TextChannel text = lookup.campChannel(channelId) instanceof TextChannel t ? t : null;
                if (text == null) {
                    throw new Notifier.DeliveryFailure(
                            true,
                            "channel " + channelId + " is neither a forum nor a text channel the bot can see",
                            null);
                }
                // The starter carries the nonce, so a retry finds the same message; a thread already started
                // on it (a retry after an ambiguous answer) has the message's id.
                Message first = text.sendMessage(parts.get(0)).setNonce(nonce).complete();
                try {
                    thread = first.createThreadChannel(name)
                            .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK)
                            .complete();
                } catch (ErrorResponseException e) {
                    if (e.getErrorCode() != THREAD_ALREADY_CREATED) {
                        throw e;
                    }
                    return new StartedThread(first.getId(), text.getId(), first.getId());
                }
                started = new StartedThread(thread.getId(), text.getId(), first.getId());
            }
            for (int i = 1; i < parts.size(); i++) {
                thread.sendMessage(parts.get(i)).setNonce(partNonce(nonce, i)).complete();
            }
            return started;
        });
    }

    private static String threadName(String title) {
        return Texts.clip(title, 100);
    }

    Optional<StartedThread> findStartedThread(String channelId, String title, Instant since) {
        JDA client = lookup.clientOrNull();
        if (client == null) {
            return Optional.empty();
        }
        String name = threadName(title);
        String self = client.getSelfUser().getId();
        Instant from = since.minusSeconds(5);
        return client.getThreadChannels().stream()
                .filter(t -> t.getParentChannel().getId().equals(channelId))
                .filter(t -> self.equals(t.getOwnerId()) && t.getName().equals(name))
                .filter(t -> !t.getTimeCreated().toInstant().isBefore(from))
                .findFirst()
                .map(t -> new StartedThread(
                        t.getId(), t.getParentChannel() instanceof ForumChannel ? t.getId() : channelId, t.getId()));
    }

    void setTags(String threadId, List<String> tagNames) {
        JdaFailures.of(() -> {
            ThreadChannel thread = lookup.thread(threadId);
            if (thread == null || !(thread.getParentChannel() instanceof ForumChannel forum)) {
                return null;
            }
            thread.getManager().setAppliedTags(tags(forum, tagNames)).complete();
            return null;
        });
    }

    private static List<ForumTag> tags(ForumChannel forum, List<String> names) {
        List<ForumTag> out = new ArrayList<>();
        for (String n : names) {
            forum.getAvailableTags().stream()
                    .filter(t -> t.getName().toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .filter(t -> !out.contains(t))
                    .ifPresent(out::add);
        }
        // Discord allows at most 5 tags on a post.
        return out.size() > 5 ? out.subList(0, 5) : out;
    }

    /** The first part carries the row's nonce; later parts of a split message get their own. */
    static @Nullable String partNonce(String nonce, int part) {
        if (nonce == null) {
            return null;
        }
        return part == 0 ? nonce : (nonce.length() > 21 ? nonce.substring(0, 21) : nonce) + "p" + part;
    }

    /** A text that can ping only {@code users}: never @everyone, @here or roles. */
    static MessageCreateData message(String text, Set<String> users) {
        return new MessageCreateBuilder()
                .setContent(text)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .mentionUsers(users)
                .build();
    }
}
