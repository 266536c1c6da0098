package org.campops.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.forums.ForumPost;
import net.dv8tion.jda.api.entities.channel.forums.ForumTag;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The outbound port over Discord REST. Only the users named by the caller can be pinged:
 * never @everyone, @here or roles, whatever the text says. Calls block; they run on Quartz or
 * command worker threads, never on JDA's event thread.
 */
public final class JdaNotifier implements Notifier {
    private final AtomicReference<JDA> jda = new AtomicReference<>();

    void attach(JDA client) {
        jda.set(client);
    }

    @Override
    public void post(String channelId, String text, Set<String> mentionUserIds) {
        MessageChannel channel = channel(channelId);
        for (String part : Texts.split(text, Texts.MAX_MESSAGE)) {
            channel.sendMessage(message(part, mentionUserIds)).complete();
        }
    }

    @Override
    public void dm(String userId, String text) {
        for (String part : Texts.split(text, Texts.MAX_MESSAGE)) {
            client().openPrivateChannelById(userId)
                    .flatMap(ch -> ch.sendMessage(message(part, Set.of())))
                    .complete();
        }
    }

    @Override
    public String send(String channelId, Reply message) {
        MessageChannel channel = channel(channelId);
        List<MessageCreateData> parts = ReplyRenderer.render(message);
        String firstId = null;
        for (MessageCreateData part : parts) {
            Message sent = channel.sendMessage(part).complete();
            if (firstId == null) {
                firstId = sent.getId();
            }
        }
        return firstId;
    }

    @Override
    public void edit(String channelId, String messageId, Reply message) {
        MessageCreateData data = ReplyRenderer.render(message).get(0);
        channel(channelId).editMessageById(messageId, MessageEditData.fromCreateData(data)).complete();
    }

    @Override
    public String startThread(String channelId, String title, Reply starter, List<String> tagNames) {
        String name = title.length() > 100 ? title.substring(0, 99) + "…" : title;
        List<MessageCreateData> parts = ReplyRenderer.render(starter);
        ForumChannel forum = client().getForumChannelById(channelId);
        ThreadChannel thread;
        if (forum != null) {
            ForumPost post = forum.createForumPost(name, parts.get(0)).setTags(tags(forum, tagNames)).complete();
            thread = post.getThreadChannel();
        } else {
            TextChannel text = client().getTextChannelById(channelId);
            if (text == null) {
                throw new IllegalStateException("channel " + channelId + " is neither a forum nor a text channel the bot can see");
            }
            Message first = text.sendMessage(parts.get(0)).complete();
            thread = first.createThreadChannel(name).complete();
        }
        for (MessageCreateData part : parts.subList(1, parts.size())) {
            thread.sendMessage(part).complete();
        }
        return thread.getId();
    }

    @Override
    public void setTags(String threadId, List<String> tagNames) {
        ThreadChannel thread = client().getThreadChannelById(threadId);
        if (thread == null || !(thread.getParentChannel() instanceof ForumChannel forum)) {
            return;
        }
        thread.getManager().setAppliedTags(tags(forum, tagNames)).complete();
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

    private MessageChannel channel(String channelId) {
        MessageChannel channel = client().getChannelById(MessageChannel.class, channelId);
        if (channel == null) {
            throw new IllegalStateException("channel " + channelId + " is unknown to the bot (deleted, or no access)");
        }
        return channel;
    }

    static MessageCreateData message(String text, Set<String> users) {
        return new MessageCreateBuilder().setContent(text)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .mentionUsers(users)
                .build();
    }

    private JDA client() {
        JDA client = jda.get();
        if (client == null) {
            throw new IllegalStateException("Discord is not connected yet");
        }
        return client;
    }
}
