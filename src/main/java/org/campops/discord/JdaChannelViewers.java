package org.campops.discord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import org.campops.chat.Notifier.Viewers;

/**
 * Who may view a channel ({@link org.campops.chat.Notifier#viewers}): the channel is read with one request, so every
 * overwrite is seen (this client caches no other member's overwrite); the roles come from JDA's cache. A role may view
 * when a member holding only it could: the server-level permissions of @everyone and the role, then the channel's
 * @everyone overwrite, then the role's own (as Discord computes it; holding more roles adds their allows, and each is
 * checked on its own). Administrator roles see every channel and the bot's own roles are its business: both left out.
 */
final class JdaChannelViewers {
    private static final long VIEW = Permission.VIEW_CHANNEL.getRawValue();
    private static final long ADMIN = Permission.ADMINISTRATOR.getRawValue();

    private final JdaLookup lookup;

    JdaChannelViewers(JdaLookup lookup) {
        this.lookup = lookup;
    }

    Optional<Viewers> of(String channelId) {
        JDA client = lookup.clientOrNull();
        if (client == null || channelId == null || !channelId.matches("\\d{1,20}")) {
            return Optional.empty();
        }
        DataObject channel;
        try {
            channel = new RestActionImpl<DataObject>(
                            client,
                            Route.Channels.GET_CHANNEL.compile(channelId),
                            (response, request) -> response.getObject())
                    .complete();
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_CHANNEL
                    || e.getErrorResponse() == ErrorResponse.MISSING_ACCESS) {
                return Optional.empty();
            }
            throw e;
        }
        String guildId = channel.getString("guild_id", null);
        if (guildId == null) {
            return Optional.empty();
        }
        Guild guild = client.getGuildById(guildId);
        if (guild == null) {
            return Optional.of(new Viewers(guildId, List.of(), List.of()));
        }
        Map<String, long[]> roleOverwrites = new HashMap<>();
        List<String> members = new ArrayList<>();
        DataArray overwrites = channel.optArray("permission_overwrites").orElseGet(DataArray::empty);
        for (int i = 0; i < overwrites.length(); i++) {
            DataObject o = overwrites.getObject(i);
            String id = o.getString("id");
            long allow = o.getLong("allow", 0);
            long deny = o.getLong("deny", 0);
            if (o.getInt("type", 0) == 1) {
                if ((allow & VIEW) != 0 && !id.equals(client.getSelfUser().getId())) {
                    members.add(id);
                }
            } else {
                roleOverwrites.put(id, new long[] {allow, deny});
            }
        }
        return Optional.of(new Viewers(guildId, rolesThatView(guild, roleOverwrites), members));
    }

    private static List<String> rolesThatView(Guild guild, Map<String, long[]> overwrites) {
        Set<String> botRoles = new HashSet<>();
        guild.getSelfMember().getRoles().stream().map(ISnowflake::getId).forEach(botRoles::add);
        long everyoneBase = guild.getPublicRole().getPermissionsRaw();
        long[] everyone = overwrites.getOrDefault(guild.getId(), new long[2]);
        List<String> out = new ArrayList<>();
        for (Role r : guild.getRoles()) {
            long perms = everyoneBase | r.getPermissionsRaw();
            if (botRoles.contains(r.getId()) || (perms & ADMIN) != 0) {
                continue;
            }
            perms = (perms & ~everyone[1]) | everyone[0];
            if (!r.isPublicRole()) {
                long[] own = overwrites.getOrDefault(r.getId(), new long[2]);
                perms = (perms & ~own[1]) | own[0];
            }
            if ((perms & VIEW) != 0) {
                out.add(r.getId());
            }
        }
        return out;
    }
}
