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
import java.time.ZoneOffset;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.ScheduledEvent;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.requests.restaction.ScheduledEventAction;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.forums.ForumPost;
import net.dv8tion.jda.api.entities.channel.forums.ForumTag;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The outbound port over Discord REST. Only the users named by the caller can be pinged:
 * never @everyone, @here or roles, whatever the text says. Calls block; they run on Quartz or
 * command worker threads, never on JDA's event thread.
 */
public final class JdaNotifier implements Notifier {
    private final AtomicReference<JDA> jda = new AtomicReference<>();
    private final String guildId;

    public JdaNotifier(String guildId) {
        this.guildId = guildId;
    }

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
        channel(channelId).editMessageById(messageId, ReplyRenderer.edit(message)).complete();
    }

    @Override
    public StartedThread startThread(String channelId, String title, Reply starter, List<String> tagNames) {
        String name = Texts.clip(title, 100);
        List<MessageCreateData> parts = ReplyRenderer.render(starter);
        ForumChannel forum = client().getForumChannelById(channelId);
        ThreadChannel thread;
        StartedThread started;
        if (forum != null) {
            ForumPost post = forum.createForumPost(name, parts.get(0)).setTags(tags(forum, tagNames))
                    .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK).complete();
            thread = post.getThreadChannel();
            started = new StartedThread(thread.getId(), thread.getId(), post.getMessage().getId());
        } else {
            TextChannel text = client().getTextChannelById(channelId);
            if (text == null) {
                throw new IllegalStateException("channel " + channelId + " is neither a forum nor a text channel the bot can see");
            }
            Message first = text.sendMessage(parts.get(0)).complete();
            thread = first.createThreadChannel(name).setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK).complete();
            started = new StartedThread(thread.getId(), text.getId(), first.getId());
        }
        for (MessageCreateData part : parts.subList(1, parts.size())) {
            thread.sendMessage(part).complete();
        }
        return started;
    }

    @Override
    public void setTags(String threadId, List<String> tagNames) {
        ThreadChannel thread = thread(threadId);
        if (thread == null || !(thread.getParentChannel() instanceof ForumChannel forum)) {
            return;
        }
        thread.getManager().setAppliedTags(tags(forum, tagNames)).complete();
    }

    @Override
    public String createEvent(EventDetails e) {
        Guild guild = guild();
        ScheduledEventAction action;
        GuildChannel voice = e.voiceChannelId() == null ? null : guild.getGuildChannelById(e.voiceChannelId());
        if (voice != null) {
            action = guild.createScheduledEvent(clip(e.name(), 100), voice, e.start().atOffset(ZoneOffset.UTC));
        } else {
            action = guild.createScheduledEvent(clip(e.name(), 100), eventLocation(e),
                    e.start().atOffset(ZoneOffset.UTC), e.end().atOffset(ZoneOffset.UTC));
        }
        String description = eventDescription(e);
        if (!description.isBlank()) {
            action = action.setDescription(clip(description, 1000));
        }
        return action.complete().getId();
    }

    @Override
    public void updateEvent(String eventId, EventDetails e) {
        ScheduledEvent event = guild().retrieveScheduledEventById(eventId).complete();
        var manager = event.getManager().setName(clip(e.name(), 100))
                .setStartTime(e.start().atOffset(ZoneOffset.UTC))
                .setEndTime(e.end().atOffset(ZoneOffset.UTC));
        if (event.getType() == ScheduledEvent.Type.EXTERNAL) {
            manager = manager.setLocation(eventLocation(e));
        }
        manager.complete();
    }

    @Override
    public void cancelEvent(String eventId) {
        ScheduledEvent event = guild().retrieveScheduledEventById(eventId).complete();
        if (event.getStatus() == ScheduledEvent.Status.ACTIVE) {
            event.getManager().setStatus(ScheduledEvent.Status.COMPLETED).complete();
        } else if (event.getStatus() == ScheduledEvent.Status.SCHEDULED) {
            event.getManager().setStatus(ScheduledEvent.Status.CANCELED).complete();
        }
    }

    /** Discord's event location holds 100 characters: a longer link goes whole into the description instead. */
    private static String eventLocation(EventDetails e) {
        String location = e.location() == null || e.location().isBlank() ? "Discord" : e.location();
        return location.length() <= 100 ? location : "(link in the description)";
    }

    private static String eventDescription(EventDetails e) {
        String d = e.description() == null ? "" : e.description();
        if (e.location() != null && e.location().length() > 100) {
            d = e.location() + (d.isBlank() ? "" : "\n\n" + d);
        }
        return d;
    }

    private static String clip(String s, int max) {
        return Texts.clip(s, max);
    }

    /** The camp's guild; a bot that is in exactly one guild uses it whatever the config says. */
    private Guild guild() {
        Guild g = guildId == null ? null : client().getGuildById(guildId);
        if (g == null && client().getGuilds().size() == 1) {
            g = client().getGuilds().get(0);
        }
        if (g == null) {
            throw new IllegalStateException("the bot is not in guild " + guildId + " (discord.guildId)");
        }
        return g;
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
            // Archived threads leave JDA's cache (and are not sent at start): look them up and reopen them.
            channel = thread(channelId);
        }
        if (channel == null) {
            throw new IllegalStateException("channel " + channelId + " is unknown to the bot (deleted, or no access)");
        }
        return channel;
    }

    /** A thread by id, fetched over REST if it was archived, and unarchived so it can be written to. */
    private ThreadChannel thread(String threadId) {
        ThreadChannel thread = client().getThreadChannelById(threadId);
        if (thread == null) {
            thread = findArchived(threadId);
        }
        if (thread != null && thread.isArchived() && !thread.isLocked()) {
            thread.getManager().setArchived(false).complete();
        }
        return thread;
    }

    private ThreadChannel findArchived(String threadId) {
        for (Guild g : client().getGuilds()) {
            for (var container : g.getChannels().stream()
                    .filter(c -> c instanceof net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer)
                    .map(c -> (net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer) c).toList()) {
                try {
                    // One page (the 100 most recently archived) per channel keeps this bounded.
                    for (ThreadChannel t : container.retrieveArchivedPublicThreadChannels().limit(100).complete()) {
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

    @Override
    public ChannelKind channelKind(String channelId) {
        GuildChannel channel = client().getGuildChannelById(channelId);
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

    @Override
    public boolean canWrite(String userId, String channelId) {
        GuildChannel channel = client().getGuildChannelById(channelId);
        if (channel == null) {
            return false;
        }
        try {
            var member = channel.getGuild().retrieveMemberById(userId).complete();
            return member.hasAccess(channel)
                    && member.hasPermission(channel, net.dv8tion.jda.api.Permission.MESSAGE_SEND);
        } catch (RuntimeException e) {
            return false;
        }
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
