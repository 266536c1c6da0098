package org.campops.discord;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.utils.MiscUtil;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import org.campops.chat.Notifier;
import org.campops.chat.Notifier.PrivateChannel;
import org.campops.chat.Texts;

/**
 * Private text channels and who may see them: a channel is created with its overwrites in one request
 * (hidden from @everyone), found again by the name Discord stores (so a retried create adopts it), and a
 * member's access is one request on that member's overwrite. Missing Manage Channels or Manage Roles
 * fails for good with a reason that says what to fix.
 */
final class JdaPrivateChannels {
    /** What a team member, a listed role and the bot itself may do in a private channel. */
    private static final long CHANNEL_ACCESS =
            Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND, Permission.MESSAGE_HISTORY);
    /** Discord's "Unknown Overwrite": removing an overwrite that is not there (already removed) is done. */
    private static final int UNKNOWN_OVERWRITE = 10009;

    private static final String NEEDS = "the bot needs Manage Channels and Manage Roles (on the server or the category)"
            + " to create private channels and set who may see them";

    private final JdaLookup lookup;

    JdaPrivateChannels(JdaLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * One request: the channel comes with its permission overwrites (@everyone may not view it; the members,
     * the roles and the bot itself may view, write and read the history). A role listed that is @everyone is
     * left out: a private channel never lets everyone in.
     */
    String create(PrivateChannel spec) {
        return channelFailures(() -> {
            Guild guild = lookup.guild();
            Category category = null;
            if (spec.categoryId() != null) {
                category = guild.getCategoryById(spec.categoryId());
                if (category == null) {
                    throw new JdaFailures.ChannelUnknown("category " + spec.categoryId()
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
            action = action.addRolePermissionOverride(
                    guild.getPublicRole().getIdLong(), 0, Permission.VIEW_CHANNEL.getRawValue());
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
     * it, and that has an overwrite for the bot's own member (every channel {@link #create} makes has one;
     * channels people made rarely do). The oldest when there are several.
     */
    Optional<String> find(String name, String categoryId) {
        JDA client = lookup.clientOrNull();
        if (client == null || name == null) {
            return Optional.empty();
        }
        Guild guild;
        try {
            guild = lookup.guild();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        String wanted = storedName(channelName(name));
        return guild.getTextChannels().stream()
                .filter(c -> Objects.equals(c.getParentCategoryId(), categoryId))
                .filter(c -> storedName(c.getName()).equals(wanted))
                .filter(c -> c.getPermissionOverride(guild.getSelfMember()) != null)
                .min(Comparator.comparingLong(TextChannel::getIdLong))
                .map(TextChannel::getId);
    }

    /**
     * One request on the overwrite itself ({@code PUT} or {@code DELETE /channels/{id}/permissions/{user}}), by
     * id, so the member need not be in JDA's cache. Not the channel manager: it sends the channel's whole list
     * of overwrites as JDA has cached it, and this client does not cache other members' overwrites, so it would
     * drop them.
     */
    void setMemberAccess(String channelId, String userId, boolean allowed) {
        channelFailures(() -> {
            long user = MiscUtil.parseSnowflake(userId);
            long channel = MiscUtil.parseSnowflake(channelId);
            if (allowed) {
                DataObject body = DataObject.empty()
                        .put("type", 1)
                        .put("allow", CHANNEL_ACCESS)
                        .put("deny", 0);
                new RestActionImpl<Void>(
                                lookup.client(),
                                Route.Channels.MODIFY_PERM_OVERRIDE.compile(
                                        Long.toUnsignedString(channel), Long.toUnsignedString(user)),
                                body)
                        .complete();
                return null;
            }
            try {
                new RestActionImpl<Void>(
                                lookup.client(),
                                Route.Channels.DELETE_PERM_OVERRIDE.compile(
                                        Long.toUnsignedString(channel), Long.toUnsignedString(user)))
                        .complete();
            } catch (ErrorResponseException e) {
                if (e.getErrorCode() != UNKNOWN_OVERWRITE) {
                    throw e;
                }
            }
            return null;
        });
    }

    Optional<Boolean> visibleToEveryone(String channelId) {
        JDA client = lookup.clientOrNull();
        GuildChannel channel = client == null || channelId == null ? null : client.getGuildChannelById(channelId);
        if (channel == null) {
            return Optional.empty();
        }
        return Optional.of(channel.getGuild().getPublicRole().hasPermission(channel, Permission.VIEW_CHANNEL));
    }

    /** {@link JdaFailures#of} with a reason that says what to fix when the bot lacks the permissions channels need. */
    private static <T> T channelFailures(Supplier<T> call) {
        try {
            return JdaFailures.of(call);
        } catch (Notifier.DeliveryFailure e) {
            Throwable cause = e.getCause();
            boolean missing = cause instanceof PermissionException
                    || (cause instanceof ErrorResponseException r
                            && (r.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                                    || r.getErrorResponse() == ErrorResponse.MISSING_ACCESS));
            if (missing) {
                throw new Notifier.DeliveryFailure(true, e.getMessage() + ": " + NEEDS, cause);
            }
            throw e;
        }
    }
}
