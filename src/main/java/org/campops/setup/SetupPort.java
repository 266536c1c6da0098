package org.campops.setup;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What setup asks of Discord: the servers the bot is in, what one holds, and creating roles, channels and tags. */
public interface SetupPort extends AutoCloseable {

    /** Logs in; the implementation lives beside the Discord client ({@code discord.JdaSetup}). */
    @FunctionalInterface
    interface Connector {
        SetupPort connect(String token, String apiUrl, String gatewayUrl) throws InterruptedException;
    }

    /** A server the bot is in. */
    record ServerRef(String id, String name) {}

    /** The kinds of channel setup tells apart. */
    enum ChannelType {
        TEXT,
        NEWS,
        FORUM,
        CATEGORY,
        OTHER
    }

    /** A role of a server (not @everyone, not a bot's own role). */
    record Role(String id, String name) {}

    /**
     * A channel of a server; {@code tags} are a forum's tag names; {@code everyoneCanView} whether @everyone may see it
     * (by the server's permissions and the channel's overwrites).
     */
    record Channel(String id, String name, ChannelType type, List<String> tags, boolean everyoneCanView) {
        public Channel(String id, String name, ChannelType type, List<String> tags) {
            this(id, name, type, tags, true);
        }
    }

    /** What a server holds, as the bot sees it. */
    record Server(String id, String name, List<Role> roles, List<Channel> channels) {}

    /** A permission overwrite: {@code id} is a role id, or a member id when {@code role} is false. */
    record Overwrite(String id, boolean role, long allow, long deny) {}

    /** A channel to create: text, forum or category, under a category or not, with its overwrites and forum tags. */
    record NewChannel(
            ChannelType type, String name, @Nullable String parentId, List<Overwrite> overwrites, List<String> tags) {}

    /** Discord refused a change (a missing permission, a limit): the message says which and what to do. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The bot's application id (the client id of the invite URL). */
    String applicationId();

    /** The bot's own user id (for its member overwrites). */
    String selfId();

    /** The servers the bot is in now. */
    List<ServerRef> servers();

    /** Waits until the bot is in at least one server, at most {@code timeout}; the servers then (maybe none). */
    List<ServerRef> awaitServers(Duration timeout) throws InterruptedException;

    Server server(String id);

    /** Creates a role with no permissions of its own; its id. */
    String createRole(String serverId, String name);

    /** Creates a channel; its id. */
    String createChannel(String serverId, NewChannel channel);

    /** Adds tags to a forum, keeping the ones it has. */
    void addTags(String serverId, String forumId, List<String> names);

    @Override
    void close();
}
