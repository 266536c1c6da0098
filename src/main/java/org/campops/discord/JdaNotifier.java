package org.campops.discord;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.campops.chat.Notifier;
import org.campops.chat.Texts;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The outbound port over Discord REST. Only the users named by the caller can be pinged:
 * never @everyone, @here or roles, whatever the text says.
 */
public final class JdaNotifier implements Notifier {
    private final AtomicReference<JDA> jda = new AtomicReference<>();

    void attach(JDA client) {
        jda.set(client);
    }

    @Override
    public void post(String channelId, String text, Set<String> mentionUserIds) {
        MessageChannel channel = client().getChannelById(MessageChannel.class, channelId);
        if (channel == null) {
            throw new IllegalStateException("channel " + channelId + " is unknown to the bot (deleted, or no access)");
        }
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

    private static MessageCreateData message(String text, Set<String> users) {
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
