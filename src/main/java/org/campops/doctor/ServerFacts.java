package org.campops.doctor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the live Discord server says, as plain values ({@code discord.JdaServerFacts} reads them through JDA): whether
 * the token was taken, which privileged intents Discord refused, and the camp's server as the bot sees it (null when
 * the bot is not in it, or did not get that far).
 */
public record ServerFacts(
        Login login,
        Set<Intent> refusedIntents,
        List<String> otherServers,
        @Nullable Server server) {
    public ServerFacts {
        refusedIntents = Set.copyOf(refusedIntents);
        otherServers = List.copyOf(otherServers);
    }

    /** How logging in went. */
    public enum Login {
        OK,
        /** Discord answered 401: the token is wrong or was reset. */
        BAD_TOKEN,
        /** No answer from Discord (network, address). */
        UNREACHABLE
    }

    /** The privileged intents the config may ask for, named by their switch in the Developer Portal. */
    public enum Intent {
        MESSAGE_CONTENT,
        SERVER_MEMBERS;

        /** The switch's name on the Bot page of the Developer Portal. */
        public String portalSwitch() {
            return switch (this) {
                case MESSAGE_CONTENT -> "Message Content Intent";
                case SERVER_MEMBERS -> "Server Members Intent";
            };
        }
    }

    /** What a channel is. Announcement channels count as text channels. */
    public enum Kind {
        TEXT,
        FORUM,
        CATEGORY,
        OTHER
    }

    /** The permissions the checks look at, with the names Discord's settings show. */
    public enum Perm {
        VIEW("View Channel"),
        SEND("Send Messages"),
        SEND_IN_THREADS("Send Messages in Threads"),
        CREATE_THREADS("Create Public Threads"),
        MANAGE_THREADS("Manage Threads"),
        ATTACH_FILES("Attach Files"),
        EMBED_LINKS("Embed Links"),
        READ_HISTORY("Read Message History"),
        MANAGE_EVENTS("Manage Events"),
        MANAGE_CHANNELS("Manage Channels"),
        MANAGE_ROLES("Manage Roles");

        private final String label;

        Perm(String label) {
            this.label = label;
        }

        /** The permission's name in Discord's settings. */
        public String label() {
            return label;
        }
    }

    /**
     * The camp's server: the bot's server-wide permissions, its roles (id to name), its channels by id, and the name of
     * the bot's own role (where its permissions are given).
     */
    public record Server(
            String id,
            String name,
            String botRole,
            Set<Perm> botPermissions,
            Map<String, String> roles,
            Map<String, Channel> channels) {
        public Server {
            botPermissions = Set.copyOf(botPermissions);
            roles = Map.copyOf(roles);
            channels = Map.copyOf(channels);
        }
    }

    /**
     * A channel: its kind, the bot's effective permissions in it (roles and overwrites), the roles that can see it
     * (with @everyone's permissions and overwrites applied), and its forum tags (empty for other kinds).
     */
    public record Channel(
            String id, String name, Kind kind, Set<Perm> botPermissions, Set<String> viewerRoles, List<String> tags) {
        public Channel {
            botPermissions = Set.copyOf(botPermissions);
            viewerRoles = Set.copyOf(viewerRoles);
            tags = List.copyOf(tags);
        }
    }
}
