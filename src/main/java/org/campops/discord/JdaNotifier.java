package org.campops.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.campops.chat.DmChannels;
import org.campops.chat.Notifier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.utils.MiscUtil;
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
    private volatile DmChannels dmChannels = DmChannels.NONE;

    public JdaNotifier(String guildId) {
        this.guildId = guildId;
    }

    void attach(JDA client) {
        jda.set(client);
    }

    /** Forgets {@code client} (closed); calls fail as "not connected" (worth a retry) until another is attached. */
    void detach(JDA client) {
        jda.compareAndSet(client, null);
    }

    /** Where DM channel ids are remembered (the database, once it is open). */
    public void useDmChannels(DmChannels channels) {
        this.dmChannels = channels;
    }

    @Override
    public void post(String channelId, String text, Set<String> mentionUserIds, String nonce) {
        failures(() -> {
            MessageChannel channel = channel(channelId);
            List<String> parts = Texts.split(text, Texts.MAX_MESSAGE);
            for (int i = 0; i < parts.size(); i++) {
                channel.sendMessage(message(parts.get(i), mentionUserIds)).setNonce(partNonce(nonce, i)).complete();
            }
            return null;
        });
    }

    /** One request per part when the DM channel id is known; the channel is opened (and remembered) once. */
    @Override
    public void dm(String userId, String text, String nonce) {
        failures(() -> {
            List<String> parts = Texts.split(text, Texts.MAX_MESSAGE);
            String channelId = dmChannel(userId, false);
            for (int i = 0; i < parts.size(); i++) {
                try {
                    sendRaw(channelId, parts.get(i), partNonce(nonce, i));
                } catch (ErrorResponseException e) {
                    if (e.getErrorResponse() != ErrorResponse.UNKNOWN_CHANNEL) {
                        throw e;
                    }
                    channelId = dmChannel(userId, true);
                    sendRaw(channelId, parts.get(i), partNonce(nonce, i));
                }
            }
            return null;
        });
    }

    @Override
    public boolean dmNeedsChannel(String userId) {
        return dmChannels.get(userId).isEmpty();
    }

    @Override
    public void openDm(String userId) {
        failures(() -> dmChannel(userId, false));
    }

    private String dmChannel(String userId, boolean fresh) {
        if (fresh) {
            dmChannels.forget(userId);
        } else {
            var known = dmChannels.get(userId);
            if (known.isPresent()) {
                return known.get();
            }
        }
        String id = client().openPrivateChannelById(userId).complete().getId();
        dmChannels.put(userId, id);
        return id;
    }

    /** A plain text message to a channel known only by id (a DM channel that is not in JDA's cache). */
    private void sendRaw(String channelId, String text, String nonce) {
        DataObject body = DataObject.empty().put("content", text)
                .put("allowed_mentions", DataObject.empty().put("parse", DataArray.empty()));
        if (nonce != null) {
            body.put("nonce", nonce).put("enforce_nonce", true);
        }
        new RestActionImpl<Void>(client(), Route.Messages.SEND_MESSAGE.compile(channelId), body).complete();
    }

    /** The first part carries the row's nonce; later parts of a split message get their own. */
    private static String partNonce(String nonce, int part) {
        if (nonce == null) {
            return null;
        }
        return part == 0 ? nonce : (nonce.length() > 21 ? nonce.substring(0, 21) : nonce) + "p" + part;
    }

    @Override
    public String send(String channelId, Reply message, String nonce) {
        return failures(() -> {
            MessageChannel channel = channel(channelId);
            List<MessageCreateData> parts = ReplyRenderer.render(message);
            String firstId = null;
            for (int i = 0; i < parts.size(); i++) {
                Message sent = channel.sendMessage(parts.get(i)).setNonce(partNonce(nonce, i)).complete();
                if (firstId == null) {
                    firstId = sent.getId();
                }
            }
            return firstId;
        });
    }

    @Override
    public void edit(String channelId, String messageId, Reply message) {
        failures(() -> channel(channelId).editMessageById(messageId, ReplyRenderer.edit(message)).complete());
    }

    @Override
    public StartedThread startThread(String channelId, String title, Reply starter, List<String> tagNames, String nonce) {
        return failures(() -> {
            String name = threadName(title);
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
                    throw new Notifier.DeliveryFailure(true,
                            "channel " + channelId + " is neither a forum nor a text channel the bot can see", null);
                }
                // The starter carries the nonce, so a retry finds the same message; a thread already started
                // on it (a retry after an ambiguous answer) has the message's id.
                Message first = text.sendMessage(parts.get(0)).setNonce(nonce).complete();
                try {
                    thread = first.createThreadChannel(name)
                            .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK).complete();
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

    /** Discord's "a thread has already been created for this message". */
    private static final int THREAD_ALREADY_CREATED = 160004;

    private static String threadName(String title) {
        return Texts.clip(title, 100);
    }

    @Override
    public java.util.Optional<StartedThread> findStartedThread(String channelId, String title, java.time.Instant since) {
        JDA client = jda.get();
        if (client == null) {
            return java.util.Optional.empty();
        }
        String name = threadName(title);
        String self = client.getSelfUser().getId();
        java.time.Instant from = since.minusSeconds(5);
        return client.getThreadChannels().stream()
                .filter(t -> t.getParentChannel().getId().equals(channelId))
                .filter(t -> self.equals(t.getOwnerId()) && t.getName().equals(name))
                .filter(t -> !t.getTimeCreated().toInstant().isBefore(from))
                .findFirst()
                .map(t -> new StartedThread(t.getId(), t.getParentChannel() instanceof ForumChannel ? t.getId() : channelId,
                        t.getId()));
    }

    @Override
    public void setTags(String threadId, List<String> tagNames) {
        failures(() -> {
            ThreadChannel thread = thread(threadId);
            if (thread == null || !(thread.getParentChannel() instanceof ForumChannel forum)) {
                return null;
            }
            thread.getManager().setAppliedTags(tags(forum, tagNames)).complete();
            return null;
        });
    }

    /**
     * Runs a REST call and says whether a failure is worth retrying: Discord's 5xx, 429 and network
     * errors are; its other 4xx (missing access, closed DMs, unknown channel) are not.
     */
    private static <T> T failures(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (Notifier.DeliveryFailure e) {
            throw e;
        } catch (ErrorResponseException e) {
            boolean transientError = e.isServerError() || e.getErrorCode() == 429
                    || (e.getResponse() != null && (e.getResponse().code >= 500 || e.getResponse().code == 429));
            throw new Notifier.DeliveryFailure(!transientError, "Discord: " + e.getMeaning() + " (" + e.getErrorCode() + ")", e);
        } catch (net.dv8tion.jda.api.exceptions.PermissionException e) {
            throw new Notifier.DeliveryFailure(true, "missing permission: " + e.getMessage(), e);
        } catch (ChannelUnknown | IllegalArgumentException e) {
            // JDA refuses the request before sending it (unknown channel, an event in the past, a too long
            // name): sending it again cannot help.
            throw new Notifier.DeliveryFailure(true, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Network errors, timeouts, a client not connected yet: worth another try.
            throw new Notifier.DeliveryFailure(false, e.toString(), e);
        }
    }

    private static void failuresOf(Runnable call) {
        failures(() -> {
            call.run();
            return null;
        });
    }

    /** A channel the bot cannot see (deleted, or no access). */
    private static final class ChannelUnknown extends IllegalStateException {
        ChannelUnknown(String message) {
            super(message);
        }
    }

    @Override
    public String createEvent(EventDetails e) {
        return failures(() -> createEventNow(e));
    }

    private String createEventNow(EventDetails e) {
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
        failuresOf(() -> updateEventNow(eventId, e));
    }

    private void updateEventNow(String eventId, EventDetails e) {
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
        failuresOf(() -> cancelEventNow(eventId));
    }

    private void cancelEventNow(String eventId) {
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
        if (channel == null || channel instanceof ThreadChannel) {
            // Archived threads may leave JDA's cache (and are not sent at start): look them up and reopen them;
            // a cached thread that is archived is reopened too.
            channel = thread(channelId);
        }
        if (channel == null) {
            throw new ChannelUnknown("channel " + channelId + " is unknown to the bot (deleted, or no access)");
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

    /** What a team member, a listed role and the bot itself may do in a private channel. */
    private static final long CHANNEL_ACCESS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY);
    /** Discord's "Unknown Overwrite": removing an overwrite that is not there (already removed) is done. */
    private static final int UNKNOWN_OVERWRITE = 10009;
    private static final String NEEDS = "the bot needs Manage Channels and Manage Roles (on the server or the category)"
            + " to create private channels and set who may see them";

    /**
     * One request: the channel comes with its permission overwrites (@everyone may not view it; the members,
     * the roles and the bot itself may view, write and read the history). A role listed that is @everyone is
     * left out: a private channel never lets everyone in.
     */
    @Override
    public String createPrivateChannel(PrivateChannel spec) {
        return channelFailures(() -> {
            Guild guild = guild();
            Category category = null;
            if (spec.categoryId() != null) {
                category = guild.getCategoryById(spec.categoryId());
                if (category == null) {
                    throw new ChannelUnknown("category " + spec.categoryId()
                            + " is unknown to the bot (deleted, not a category, or no access)");
                }
            }
            ChannelAction<TextChannel> action = guild.createTextChannel(channelName(spec.name()), category)
                    .addMemberPermissionOverride(guild.getSelfMember().getIdLong(), CHANNEL_ACCESS, 0);
            for (String id : spec.memberIds()) {
                action = action.addMemberPermissionOverride(MiscUtil.parseSnowflake(id), CHANNEL_ACCESS, 0);
            }
            for (String id : spec.roleIds()) {
                if (!id.equals(guild.getId())) {
                    action = action.addRolePermissionOverride(MiscUtil.parseSnowflake(id), CHANNEL_ACCESS, 0);
                }
            }
            // Last, so nothing listed above can replace it.
            action = action.addRolePermissionOverride(guild.getPublicRole().getIdLong(), 0, Permission.VIEW_CHANNEL.getRawValue());
            return action.complete().getId();
        });
    }

    /** Discord keeps text channel names in lower case with dashes for spaces, at most 100 characters. */
    private static String channelName(String name) {
        return Texts.clip(name.strip(), 100);
    }

    /** A name as Discord stores it for a text channel, for comparing what was asked with what exists. */
    static String storedName(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-").replaceAll("-{2,}", "-");
    }

    /**
     * From JDA's cache: a text channel under {@code categoryId} whose name is {@code name} as Discord stores
     * it, and that has an overwrite for the bot's own member (every channel {@link #createPrivateChannel} makes
     * has one; channels people made rarely do). The oldest when there are several.
     */
    @Override
    public java.util.Optional<String> findPrivateChannel(String name, String categoryId) {
        JDA client = jda.get();
        if (client == null || name == null) {
            return java.util.Optional.empty();
        }
        Guild guild;
        try {
            guild = guild();
        } catch (IllegalStateException e) {
            return java.util.Optional.empty();
        }
        String wanted = storedName(channelName(name));
        return guild.getTextChannels().stream()
                .filter(c -> java.util.Objects.equals(c.getParentCategoryId(), categoryId))
                .filter(c -> storedName(c.getName()).equals(wanted))
                .filter(c -> c.getPermissionOverride(guild.getSelfMember()) != null)
                .min(java.util.Comparator.comparingLong(TextChannel::getIdLong))
                .map(TextChannel::getId);
    }

    /**
     * One request on the overwrite itself ({@code PUT} or {@code DELETE /channels/{id}/permissions/{user}}), by
     * id, so the member need not be in JDA's cache. Not the channel manager: it sends the channel's whole list
     * of overwrites as JDA has cached it, and this client does not cache other members' overwrites, so it would
     * drop them.
     */
    @Override
    public void setMemberAccess(String channelId, String userId, boolean allowed) {
        channelFailures(() -> {
            long user = MiscUtil.parseSnowflake(userId);
            long channel = MiscUtil.parseSnowflake(channelId);
            if (allowed) {
                DataObject body = DataObject.empty().put("type", 1).put("allow", CHANNEL_ACCESS).put("deny", 0);
                new RestActionImpl<Void>(client(), Route.Channels.MODIFY_PERM_OVERRIDE.compile(Long.toUnsignedString(channel),
                        Long.toUnsignedString(user)), body).complete();
                return null;
            }
            try {
                new RestActionImpl<Void>(client(), Route.Channels.DELETE_PERM_OVERRIDE.compile(Long.toUnsignedString(channel),
                        Long.toUnsignedString(user))).complete();
            } catch (ErrorResponseException e) {
                if (e.getErrorCode() != UNKNOWN_OVERWRITE) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public java.util.Optional<Boolean> visibleToEveryone(String channelId) {
        JDA client = jda.get();
        GuildChannel channel = client == null || channelId == null ? null : client.getGuildChannelById(channelId);
        if (channel == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(channel.getGuild().getPublicRole().hasPermission(channel, Permission.VIEW_CHANNEL));
    }

    /** {@link #failures} with a reason that says what to fix when the bot lacks the permissions channels need. */
    private static <T> T channelFailures(java.util.function.Supplier<T> call) {
        try {
            return failures(call);
        } catch (Notifier.DeliveryFailure e) {
            Throwable cause = e.getCause();
            boolean missing = cause instanceof net.dv8tion.jda.api.exceptions.PermissionException
                    || (cause instanceof ErrorResponseException r && (r.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                    || r.getErrorResponse() == ErrorResponse.MISSING_ACCESS));
            if (missing) {
                throw new Notifier.DeliveryFailure(true, e.getMessage() + ": " + NEEDS, cause);
            }
            throw e;
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
