package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code campops setup} needs of the fake: a camp server the bot is not in yet (READY names none) and joins later
 * (GUILD_CREATE, as after an invite), an empty camp server (only @everyone, the bot's role and #general), forum
 * channels with tags, and the REST routes that create roles ({@code POST /guilds/{id}/roles}) and forum channels
 * ({@code POST /guilds/{id}/channels} with type 15 and {@code available_tags}). Tests reach it through
 * {@link FakeDiscord#admin()}.
 */
public final class FakeGuildAdmin {
    private final FakeState state;
    private final Object lock;
    private final FakeGateway gateway;
    private final FakeGuild guild;
    private final FakeChannels channels;

    FakeGuildAdmin(FakeState state, FakeGateway gateway, FakeGuild guild, FakeChannels channels) {
        this.state = state;
        this.lock = state.lock;
        this.gateway = gateway;
        this.guild = guild;
        this.channels = channels;
    }

    void register(FakeRest rest) {
        rest.routeFirst("POST", "/guilds/{}/roles", (r, m) -> createRole(r, m.group(1)));
        rest.routeFirst("POST", "/guilds/{}/channels", (r, m) -> createChannel(r, m.group(1)));
    }

    // ---------------------------------------------------------------- test set-up

    /**
     * Before the bot connects: the camp's server as a new Discord server is, with @everyone, the bot's own role and
     * #general only (members keep no camp role).
     */
    public void emptyCampServer() {
        synchronized (lock) {
            state.roles.keySet().removeIf(id -> !id.equals(GUILD_ID) && !id.equals(BOT_ROLE));
            state.memberRoles.replaceAll((user, roles) -> user.equals(BOT_ID) ? roles : List.of());
            state.channels.keySet().removeIf(id -> !id.equals(GENERAL_CHANNEL));
        }
    }

    /** Before the bot connects: the bot is in no server (READY names none) until {@link #joinCampServer}. */
    public void leaveCampServer() {
        state.campGuildJoined = false;
    }

    /** The bot is added to the camp's server (an invite was accepted): a connected bot gets its GUILD_CREATE. */
    public void joinCampServer() {
        ObjectNode created;
        synchronized (lock) {
            state.campGuildJoined = true;
            created = state.guildJson(true);
        }
        gateway.dispatch("GUILD_CREATE", created);
    }

    /** Adds a forum channel everyone sees, with these tags; dispatches CHANNEL_CREATE. */
    public void addForum(String id, String name, String... tags) {
        ObjectNode created;
        synchronized (lock) {
            ObjectNode forum = state.nodes.objectNode();
            forum.put("id", id);
            forum.put("guild_id", GUILD_ID);
            forum.put("name", name);
            forum.put("position", state.nextPosition());
            forum.putNull("parent_id");
            forum.putArray("permission_overwrites");
            forum.put("type", 0);
            state.channels.put(id, forum);
            makeForum(forum, List.of(tags));
            created = forum.deepCopy();
        }
        gateway.dispatch("CHANNEL_CREATE", created);
    }

    /** Replaces a forum's tags with new ones of these names; dispatches CHANNEL_UPDATE. */
    public void setForumTags(String forumId, String... tags) {
        ObjectNode updated;
        synchronized (lock) {
            ObjectNode forum = state.channels.get(forumId);
            if (forum == null || forum.get("type").asInt() != 15) {
                throw new IllegalArgumentException("Not a forum: " + forumId);
            }
            makeForum(forum, List.of(tags));
            updated = forum.deepCopy();
        }
        gateway.dispatch("CHANNEL_UPDATE", updated);
    }

    /** The roles of the camp's server (copies), @everyone first. */
    public List<JsonNode> roles() {
        synchronized (lock) {
            return state.roles.values().stream()
                    .map(r -> (JsonNode) r.deepCopy())
                    .toList();
        }
    }

    /** The channels (not threads) of the camp's server named {@code name} (copies). */
    public List<JsonNode> channelsNamed(String name) {
        synchronized (lock) {
            return state.channels.values().stream()
                    .filter(c -> !FakeState.isThreadType(c.get("type").asInt())
                            && c.path("name").asText().equals(name))
                    .map(c -> (JsonNode) c.deepCopy())
                    .toList();
        }
    }

    // ---------------------------------------------------------------- REST

    /** {@code POST /guilds/{id}/roles}: needs Manage Roles; answers the role and dispatches GUILD_ROLE_CREATE. */
    private Reply createRole(RecordedRequest r, String guildId) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        JsonNode body = FakeState.objectOrEmpty(r.jsonBody(), state.nodes);
        ObjectNode event = state.nodes.objectNode();
        ObjectNode role;
        synchronized (lock) {
            if ((state.permissionsOf(BOT_ID) & PERM_MANAGE_ROLES) == 0) {
                return Reply.missingPermissions();
            }
            long everyone =
                    Long.parseLong(state.roles.get(GUILD_ID).get("permissions").asText());
            long permissions = body.hasNonNull("permissions")
                    ? Long.parseLong(body.get("permissions").asText())
                    : everyone;
            role = guild.addRole(
                    state.newSnowflake(),
                    body.path("name").asText("new role"),
                    state.roles.size(),
                    permissions,
                    body.path("color").asInt(0),
                    body.path("hoist").asBoolean(false),
                    false);
            role.put("mentionable", body.path("mentionable").asBoolean(false));
            role = role.deepCopy();
        }
        event.put("guild_id", GUILD_ID);
        event.set("role", role.deepCopy());
        return Reply.json(role).then(() -> gateway.dispatch("GUILD_ROLE_CREATE", event));
    }

    /**
     * {@code POST /guilds/{id}/channels}: a forum (type 15) is made as a text channel (same checks, overwrites and
     * stored name) and then turned into a forum with its {@code available_tags}; other types go to
     * {@link FakeChannels}.
     */
    private Reply createChannel(RecordedRequest r, String guildId) {
        JsonNode body = FakeState.objectOrEmpty(r.jsonBody(), state.nodes);
        if (body.path("type").asInt(0) != 15) {
            return channels.createGuildChannel(r, guildId);
        }
        ObjectNode asText = ((ObjectNode) body).deepCopy();
        asText.put("type", 0);
        asText.remove("available_tags");
        Reply reply = channels.createGuildChannel(
                new RecordedRequest(r.method(), r.path(), r.query(), r.headers(), asText.toString()), guildId);
        if (reply.status() != 201) {
            return reply;
        }
        List<String> tags = new ArrayList<>();
        body.path("available_tags").forEach(t -> tags.add(t.path("name").asText()));
        synchronized (lock) {
            ObjectNode stored = state.channels.get(reply.body().get("id").asText());
            makeForum(stored, tags);
            // The answer and the CHANNEL_CREATE it dispatches are copies of this node, made after this returns.
            ((ObjectNode) reply.body()).removeAll().setAll(stored.deepCopy());
        }
        return reply;
    }

    /** Turns a channel into a forum with these tags (the caller holds the lock). */
    private void makeForum(ObjectNode c, List<String> tags) {
        c.put("type", 15);
        c.putNull("topic");
        c.put("nsfw", false);
        c.put("rate_limit_per_user", 0);
        c.put("default_thread_rate_limit_per_user", 0);
        c.put("flags", 0);
        c.putNull("last_message_id");
        c.putNull("default_reaction_emoji");
        c.putNull("default_sort_order");
        c.put("default_forum_layout", 0);
        c.put("default_auto_archive_duration", 4320);
        ArrayNode list = c.putArray("available_tags");
        for (String name : tags) {
            list.addObject()
                    .put("id", state.newSnowflake())
                    .put("name", name)
                    .put("moderated", false)
                    .putNull("emoji_id")
                    .putNull("emoji_name");
        }
    }
}
