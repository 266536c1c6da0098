package org.campops.doctor;

import static org.campops.doctor.Finding.blocking;
import static org.campops.doctor.Finding.ok;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campops.config.CampConfig;
import org.campops.doctor.ServerFacts.Intent;
import org.campops.doctor.ServerFacts.Perm;
import org.campops.doctor.ServerFacts.Server;

/**
 * The checks of {@code campops doctor}, {@code campops run} and {@code /doctor}: a config (with its program) against the
 * live server, one {@link Finding} per check, in the order a new camp fixes them: the token, the privileged intents,
 * the server, the roles, each configured channel (exists, right kind, the bot's permissions), the bot's server-wide
 * permissions, the Q&A forum's tags, and that campers cannot read the mentors' and organizers' channels.
 */
public final class Checks {
    private Checks() {}

    /** Every finding, ok ones included; stops early when there is nothing further to look at (no login, no server). */
    public static List<Finding> run(CampConfig config, ServerFacts facts) {
        List<Finding> out = new ArrayList<>();
        switch (facts.login()) {
            case BAD_TOKEN -> {
                out.add(blocking("token"));
                return out;
            }
            case UNREACHABLE -> {
                out.add(blocking("unreachable"));
                return out;
            }
            case OK -> out.add(ok("token.ok"));
        }
        for (Intent intent : requestedIntents(config)) {
            out.add(
                    facts.refusedIntents().contains(intent)
                            ? blocking("intent", intent.portalSwitch(), intentKey(intent))
                            : ok("intent.ok", intent.portalSwitch()));
        }
        String guildId = config.discord().guildId();
        Server server = facts.server();
        if (server == null || !server.id().equals(guildId)) {
            out.add(blocking(
                    "guild", guildId, facts.otherServers().isEmpty() ? "-" : String.join(", ", facts.otherServers())));
            return out;
        }
        out.add(ok("guild.ok", server.name(), server.id()));
        roles(config, server, out);
        ChannelChecks channels = new ChannelChecks(config, server);
        out.addAll(channels.run());
        serverPermissions(config, server, out);
        out.addAll(channels.tagsAndPrivacy());
        return out;
    }

    /** The privileged intents the config asks for. */
    public static Set<Intent> requestedIntents(CampConfig config) {
        Set<Intent> out = EnumSet.noneOf(Intent.class);
        if (config.discord().messageContentIntent()) {
            out.add(Intent.MESSAGE_CONTENT);
        }
        if (config.discord().serverMembersIntent()) {
            out.add(Intent.SERVER_MEMBERS);
        }
        return out;
    }

    private static String intentKey(Intent intent) {
        return intent == Intent.MESSAGE_CONTENT ? "messageContentIntent" : "serverMembersIntent";
    }

    private static void roles(CampConfig config, Server server, List<Finding> out) {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("discord.roles.camper", config.discord().roles().camper());
        roles.put("discord.roles.mentor", config.discord().roles().mentor());
        roles.put("discord.roles.organizer", config.discord().roles().organizer());
        roles.forEach((key, id) -> {
            String name = server.roles().get(id);
            if (name != null) {
                out.add(ok("role.ok", key, name));
            } else if (server.channels().containsKey(id)) {
                out.add(blocking(
                        "wrongKind",
                        key,
                        id,
                        server.channels().get(id).name(),
                        new Finding.Term("channel"),
                        new Finding.Term("role")));
            } else {
                out.add(blocking("missing", key, id));
            }
        });
    }

    /**
     * Manage Events (office hours' scheduled events) in the server; Manage Channels and Manage Roles there too when team
     * channels are created at the top level (no {@code mentoring.teamCategory}).
     */
    private static void serverPermissions(CampConfig config, Server server, List<Finding> out) {
        Set<Perm> needed = EnumSet.of(Perm.MANAGE_EVENTS);
        if (config.mentoring().teamCategory() == null) {
            needed.add(Perm.MANAGE_CHANNELS);
            needed.add(Perm.MANAGE_ROLES);
        }
        Set<Perm> missing = EnumSet.copyOf(needed);
        missing.removeAll(server.botPermissions());
        out.add(
                missing.isEmpty()
                        ? ok("server.ok", labels(needed))
                        : blocking("server", labels(missing), server.botRole()));
    }

    static String labels(Set<Perm> perms) {
        return String.join(", ", perms.stream().map(Perm::label).toList());
    }
}
