package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A second server the bot is in: someone else's (its owner is given), with only @everyone, one text channel and two
 * members (the owner and the bot). It is announced in READY and GUILD_CREATE like the camp's, or by a GUILD_CREATE
 * when added while the bot is connected (a join); the bot leaves it with {@code DELETE /users/@me/guilds/{id}}, which
 * the fake answers with GUILD_DELETE. Interactions in its channel carry this server's id and member.
 */
final class FakeOtherGuild {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final FakeGateway gateway;

    FakeOtherGuild(FakeState state, FakeGateway gateway) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.gateway = gateway;
    }

    /**
     * Adds the server owned by {@code ownerId}, or adds the bot to it again after it left; a connected bot hears of it
     * at once (it was just added there).
     */
    void add(String ownerId) {
        ObjectNode created;
        synchronized (lock) {
            if (state.otherGuild != null && state.otherGuildJoined) {
                throw new IllegalStateException("the bot is in the other server already");
            }
            if (!state.users.containsKey(ownerId)) {
                state.users.put(ownerId, state.user(ownerId, "user-" + ownerId, null));
            }
            ObjectNode channel = nodes.objectNode();
            channel.put("id", OTHER_GUILD_CHANNEL);
            channel.put("type", 0);
            channel.put("guild_id", OTHER_GUILD_ID);
            channel.put("name", "general");
            channel.put("position", 0);
            channel.putArray("permission_overwrites");
            channel.putNull("topic");
            channel.put("nsfw", false);
            channel.putNull("last_message_id");
            channel.put("rate_limit_per_user", 0);
            channel.putNull("parent_id");
            channel.put("flags", 0);
            state.otherChannel = channel;
            state.otherGuildOwner = ownerId;
            state.otherGuild = guildJson(ownerId);
            state.otherGuildJoined = true;
            created = state.otherGuild.deepCopy();
        }
        if (gateway.hasReadyClient()) {
            gateway.dispatch("GUILD_CREATE", created);
        }
    }

    private ObjectNode guildJson(String ownerId) {
        ObjectNode g = state.guildJson(false);
        g.put("id", OTHER_GUILD_ID);
        g.put("name", "Stranger's Server");
        g.put("owner_id", ownerId);
        g.put("system_channel_id", OTHER_GUILD_CHANNEL);
        g.putArray("features");
        ObjectNode everyone = nodes.objectNode();
        everyone.put("id", OTHER_GUILD_ID);
        everyone.put("name", "@everyone");
        everyone.put("color", 0);
        everyone.putObject("colors")
                .put("primary_color", 0)
                .putNull("secondary_color")
                .putNull("tertiary_color");
        everyone.put("hoist", false);
        everyone.putNull("icon");
        everyone.putNull("unicode_emoji");
        everyone.put("position", 0);
        everyone.put("permissions", Long.toString(EVERYONE_PERMISSIONS));
        everyone.put("managed", false);
        everyone.put("mentionable", false);
        everyone.put("flags", 0);
        g.putArray("roles").add(everyone);
        g.put("joined_at", FakeState.now());
        g.put("large", false);
        g.put("unavailable", false);
        g.put("member_count", 2);
        ArrayNode ms = g.putArray("members");
        ms.add(member(BOT_ID));
        ms.add(member(ownerId));
        g.putArray("channels").add(state.otherChannel.deepCopy());
        g.putArray("threads");
        g.putArray("guild_scheduled_events");
        g.putArray("voice_states");
        g.putArray("presences");
        g.putArray("stage_instances");
        g.putArray("soundboard_sounds");
        return g;
    }

    /** The member object of {@code userId} in this server: no role but @everyone. Caller holds the lock. */
    ObjectNode member(String userId) {
        ObjectNode m = state.memberJson(userId);
        m.putArray("roles");
        m.put("joined_at", FakeState.now());
        return m;
    }

    /** GUILD_CREATE of this server while the bot is in it, else null (for IDENTIFY). Caller holds the lock. */
    ObjectNode guildCreateOrNull() {
        return state.otherGuild != null && state.otherGuildJoined ? state.otherGuild.deepCopy() : null;
    }

    /** {@code DELETE /users/@me/guilds/{id}}: the bot leaves a server. */
    Reply leave(String guildId) {
        ObjectNode deleted = nodes.objectNode();
        synchronized (lock) {
            if (!OTHER_GUILD_ID.equals(guildId) || !state.otherGuildJoined) {
                return GUILD_ID.equals(guildId) ? Reply.noContent() : Reply.notFound("Guild", 10004);
            }
            state.otherGuildJoined = false;
            deleted.put("id", OTHER_GUILD_ID);
        }
        return Reply.noContent().then(() -> gateway.dispatch("GUILD_DELETE", deleted));
    }

    boolean joined() {
        synchronized (lock) {
            return state.otherGuildJoined;
        }
    }

    /** A message by the owner in this server's channel, as MESSAGE_CREATE; returns its id. */
    String sendMessage(String content) {
        ObjectNode event;
        synchronized (lock) {
            String owner = state.otherGuildOwner;
            event = nodes.objectNode();
            event.put("id", state.newSnowflake());
            event.put("channel_id", OTHER_GUILD_CHANNEL);
            event.put("guild_id", OTHER_GUILD_ID);
            event.set("author", state.userJson(owner));
            ObjectNode m = member(owner);
            m.remove("user");
            event.set("member", m);
            event.put("type", 0);
            event.put("content", content);
            event.put("timestamp", FakeState.now());
            event.putNull("edited_timestamp");
            event.put("tts", false);
            event.put("mention_everyone", false);
            event.putArray("mentions");
            event.putArray("mention_roles");
            event.putArray("attachments");
            event.putArray("embeds");
            event.putArray("components");
            event.put("pinned", false);
            event.put("flags", 0);
            state.messages.put(event.get("id").asText(), event.deepCopy());
        }
        gateway.dispatchFiltered("MESSAGE_CREATE", event);
        return event.get("id").asText();
    }
}
