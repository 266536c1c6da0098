package org.campops.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.forums.ForumTag;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import org.campops.config.CampConfig;
import org.campops.doctor.ServerFacts;
import org.campops.doctor.ServerFacts.Kind;
import org.campops.doctor.ServerFacts.Perm;

/**
 * The live server as {@link ServerFacts}, read from a connected JDA's cache: the camp's server, its roles, every channel
 * with its kind, the bot's effective permissions in it (JDA applies roles and overwrites), the roles that can see it
 * and a forum's tags.
 */
public final class JdaServerFacts {
    private static final Map<Perm, Permission> PERMISSIONS = new LinkedHashMap<>();

    static {
        PERMISSIONS.put(Perm.VIEW, Permission.VIEW_CHANNEL);
        PERMISSIONS.put(Perm.SEND, Permission.MESSAGE_SEND);
        PERMISSIONS.put(Perm.SEND_IN_THREADS, Permission.MESSAGE_SEND_IN_THREADS);
        PERMISSIONS.put(Perm.CREATE_THREADS, Permission.CREATE_PUBLIC_THREADS);
        PERMISSIONS.put(Perm.MANAGE_THREADS, Permission.MANAGE_THREADS);
        PERMISSIONS.put(Perm.ATTACH_FILES, Permission.MESSAGE_ATTACH_FILES);
        PERMISSIONS.put(Perm.EMBED_LINKS, Permission.MESSAGE_EMBED_LINKS);
        PERMISSIONS.put(Perm.READ_HISTORY, Permission.MESSAGE_HISTORY);
        PERMISSIONS.put(Perm.MANAGE_EVENTS, Permission.MANAGE_EVENTS);
        PERMISSIONS.put(Perm.MANAGE_CHANNELS, Permission.MANAGE_CHANNEL);
        // In a channel or category this bit is "Manage Permissions".
        PERMISSIONS.put(Perm.MANAGE_ROLES, Permission.MANAGE_ROLES);
    }

    private JdaServerFacts() {}

    /** What the connected bot sees of the camp's server (none when it is not in it). */
    public static ServerFacts read(JDA jda, CampConfig config) {
        return read(jda, config, Set.of());
    }

    static ServerFacts read(JDA jda, CampConfig config, Set<ServerFacts.Intent> refused) {
        List<String> others = jda.getGuilds().stream()
                .map(g -> g.getName() + " (" + g.getId() + ")")
                .toList();
        Guild guild = jda.getGuildById(config.discord().guildId());
        return new ServerFacts(ServerFacts.Login.OK, refused, others, guild == null ? null : server(guild));
    }

    private static ServerFacts.Server server(Guild guild) {
        Member self = guild.getSelfMember();
        Map<String, String> roles = new LinkedHashMap<>();
        guild.getRoles().forEach(r -> roles.put(r.getId(), r.getName()));
        Map<String, ServerFacts.Channel> channels = new LinkedHashMap<>();
        for (GuildChannel ch : guild.getChannels()) {
            List<String> viewers = new ArrayList<>();
            for (Role r : guild.getRoles()) {
                if (r.hasAccess(ch)) {
                    viewers.add(r.getId());
                }
            }
            List<String> tags = ch instanceof ForumChannel forum
                    ? forum.getAvailableTags().stream().map(ForumTag::getName).toList()
                    : List.of();
            channels.put(
                    ch.getId(),
                    new ServerFacts.Channel(
                            ch.getId(),
                            ch.getName(),
                            kind(ch),
                            perms(Permission.getRaw(self.getPermissions(ch))),
                            Set.copyOf(viewers),
                            tags));
        }
        String botRole = self.getRoles().stream()
                .filter(Role::isManaged)
                .findFirst()
                .or(() -> self.getRoles().stream().findFirst())
                .map(Role::getName)
                .orElse(self.getEffectiveName());
        return new ServerFacts.Server(
                guild.getId(),
                guild.getName(),
                botRole,
                perms(Permission.getRaw(self.getPermissions())),
                roles,
                channels);
    }

    private static Kind kind(GuildChannel ch) {
        return switch (ch.getType()) {
            case TEXT, NEWS -> Kind.TEXT;
            case FORUM -> Kind.FORUM;
            case CATEGORY -> Kind.CATEGORY;
            default -> Kind.OTHER;
        };
    }

    private static Set<Perm> perms(long raw) {
        Set<Perm> out = EnumSet.noneOf(Perm.class);
        PERMISSIONS.forEach((perm, p) -> {
            if ((raw & p.getRawValue()) != 0) {
                out.add(perm);
            }
        });
        return out;
    }
}
