package org.campops.discord;

import java.util.EnumSet;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import org.campops.chat.Role;
import org.campops.config.CampConfig;

/**
 * Resolves a Discord member's camp roles from the role ids in config (checked in the bot, not only by Discord). Only a
 * member of the camp's server has any: an owner or administrator of another server is nobody here.
 */
final class RoleMapper {
    private final String guildId;
    private final CampConfig.Roles roles;
    private final boolean adminsAreOrganizers;

    RoleMapper(CampConfig.DiscordSettings discord) {
        this.guildId = discord.guildId();
        this.roles = discord.roles();
        this.adminsAreOrganizers = discord.adminsAreOrganizers();
    }

    Set<Role> rolesOf(Member member) {
        EnumSet<Role> out = EnumSet.noneOf(Role.class);
        if (member == null || !guildId.equals(member.getGuild().getId())) {
            return out;
        }
        for (net.dv8tion.jda.api.entities.Role r : member.getRoles()) {
            String id = r.getId();
            if (id.equals(roles.camper())) {
                out.add(Role.CAMPER);
            }
            if (id.equals(roles.mentor())) {
                out.add(Role.MENTOR);
            }
            if (id.equals(roles.organizer())) {
                out.add(Role.ORGANIZER);
            }
        }
        if (adminsAreOrganizers && (member.isOwner() || member.hasPermission(Permission.ADMINISTRATOR))) {
            out.add(Role.ORGANIZER);
        }
        return out;
    }
}
