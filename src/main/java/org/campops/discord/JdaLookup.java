package org.campops.discord;

import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.campops.chat.Notifier.ChannelKind;
import org.jspecify.annotations.Nullable;

/**
 * The bot's JDA client, once attached, and what it can see by id: the camp's guild, channels and
 * threads (an archived thread is fetched and reopened), what kind a channel is, who may write where.
 */
final class JdaLookup {
    private final AtomicReference<JDA> jda = new AtomicReference<>();
    private final String guildId;

    JdaLookup(String guildId) {
        this.guildId = guildId;
    }

    void attach(JDA client) {
        jda.set(client);
    }

    /** Forgets {@code client} (closed); calls fail as "not connected" (worth a retry) until another is attached. */
    void detach(JDA client) {
        jda.compareAndSet(client, null);
    }

    /** The client, or null before it is attached (callers that can answer without Discord). */
    @Nullable
    JDA clientOrNull() {
        return jda.get();
    }

    JDA client() {
        JDA client = jda.get();
        if (client == null) {
            throw new IllegalStateException("Discord is not connected yet");
        }
        return client;
    }

    /** The camp's guild ({@code discord.guildId}), never another server the bot may be in. */
    Guild guild() {
        Guild g = guildId == null ? null : client().getGuildById(guildId);
        if (g == null) {
            throw new IllegalStateException("the bot is not in guild " + guildId + " (discord.guildId)");
        }
        return g;
    }

    /** A channel of the camp's server by id; null for an unknown one or one of another server. */
    @Nullable
    GuildChannel campChannel(String channelId) {
        GuildChannel channel = client().getGuildChannelById(channelId);
        return channel != null
                        && guildId != null
                        && guildId.equals(channel.getGuild().getId())
                ? channel
                : null;
    }

    MessageChannel channel(String channelId) {
        MessageChannel channel = client().getChannelById(MessageChannel.class, channelId);
        if (channel instanceof GuildChannel gc && !gc.getGuild().getId().equals(guildId)) {
            channel = null; // another server's channel: the bot never writes there
        } else if (channel == null || channel instanceof ThreadChannel) {
            // Archived threads may leave JDA's cache (and are not sent at start): look them up and reopen them;
            // a cached thread that is archived is reopened too.
            channel = thread(channelId);
        }
        if (channel == null) {
            throw new JdaFailures.ChannelUnknown(
                    "channel " + channelId + " is unknown to the bot (deleted, or no access)");
        }
        return channel;
    }

    /** A thread by id, fetched over REST if it was archived, and unarchived so it can be written to. */
    @Nullable
    ThreadChannel thread(String threadId) {
        ThreadChannel thread = client().getThreadChannelById(threadId);
        if (thread == null) {
            thread = findArchived(threadId);
        }
        if (thread != null && thread.isArchived() && !thread.isLocked()) {
            thread.getManager().setArchived(false).complete();
        }
        return thread;
    }

    private @Nullable ThreadChannel findArchived(String threadId) {
        Guild g = client().getGuildById(guildId == null ? "0" : guildId);
        if (g != null) {
            for (var container : g.getChannels().stream()
                    .filter(c -> c instanceof IThreadContainer)
                    .map(c -> (IThreadContainer) c)
                    .toList()) {
                try {
                    // One page (the 100 most recently archived) per channel keeps this bounded.
                    for (ThreadChannel t : container
                            .retrieveArchivedPublicThreadChannels()
                            .limit(100)
                            .complete()) {
                        if (t.getId().equals(threadId)) {
                            return t;
                        }
                    }
                } catch (RuntimeException e) {
                    // No permission to list this channel's archive: try the next one.
                }
            }
        }
        return null;
    }

    ChannelKind channelKind(String channelId) {
        GuildChannel channel = campChannel(channelId);
        if (channel == null) {
            return ChannelKind.UNKNOWN;
        }
        return switch (channel.getType()) {
            case TEXT, NEWS, GUILD_PUBLIC_THREAD, GUILD_NEWS_THREAD, GUILD_PRIVATE_THREAD -> ChannelKind.TEXT;
            case VOICE, STAGE -> ChannelKind.VOICE;
            case FORUM, MEDIA -> ChannelKind.FORUM;
            default -> ChannelKind.OTHER;
        };
    }

    boolean canWrite(String userId, String channelId) {
        GuildChannel channel = campChannel(channelId);
        if (channel == null) {
            return false;
        }
        try {
            var member = channel.getGuild().retrieveMemberById(userId).complete();
            return member.hasAccess(channel) && member.hasPermission(channel, Permission.MESSAGE_SEND);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
