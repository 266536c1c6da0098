package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fake Discord knows (roles, users, members, channels and threads, messages, scheduled events, application
 * commands, interactions) and the views on it that several sections share. The tables of JSON objects are guarded by
 * {@link #lock}: whoever reads or changes them, or calls a method here that does, holds it. The interaction tables are
 * concurrent maps and need no lock.
 */
final class FakeState {

    private static final long DISCORD_EPOCH = 1420070400000L;

    final ObjectMapper mapper = new ObjectMapper();
    final JsonNodeFactory nodes = mapper.getNodeFactory();
    /** Guards the tables below and {@link #createdMessages}; also the monitor {@link MessageLog} waiters sleep on. */
    final Object lock = new Object();

    private final String expectedToken;
    private final AtomicLong lastSnowflake = new AtomicLong();

    final Map<String, ObjectNode> roles = new LinkedHashMap<>();
    final Map<String, ObjectNode> users = new LinkedHashMap<>();
    final Map<String, List<String>> memberRoles = new LinkedHashMap<>();
    final Map<String, String> memberJoinedAt = new HashMap<>();
    /** Guild channels and threads, in creation order. */
    final Map<String, ObjectNode> channels = new LinkedHashMap<>();
    /** Channels of servers the bot is not in, known only to {@code GET /channels/{id}}. */
    final Map<String, ObjectNode> otherServerChannels = new HashMap<>();

    final Map<String, ObjectNode> dmChannels = new LinkedHashMap<>();
    /** Users whose DMs are closed (a concurrent set). */
    final Set<String> closedDms = ConcurrentHashMap.newKeySet();

    final Map<String, ObjectNode> messages = new LinkedHashMap<>();
    final Map<String, ObjectNode> scheduledEvents = new LinkedHashMap<>();
    final Map<String, String> commandIds = new HashMap<>();
    ArrayNode globalCommands = null;
    final Map<String, ArrayNode> guildCommands = new HashMap<>();
    volatile ArrayNode lastPutCommands = null;
    /** A second server the bot is in (FakeOtherGuild): its GUILD_CREATE object, owner, channel; null until added. */
    ObjectNode otherGuild;

    String otherGuildOwner;
    ObjectNode otherChannel;
    /** Whether the bot is in the camp's server (false: READY names no server until {@link FakeGuildAdmin} joins it). */
    volatile boolean campGuildJoined = true;
    /** Whether the bot is (still) in the other server. */
    boolean otherGuildJoined;
    /** Every message created, in creation order, and the nonce index. */
    final MessageLog createdMessages = new MessageLog(lock);

    /** An interaction the fake sent to the bot. */
    record Interaction(String id, String token, int type, String userId, String channelId, String guildId) {}

    final Map<String, Interaction> interactionsById = new ConcurrentHashMap<>();
    final Map<String, Interaction> interactionsByToken = new ConcurrentHashMap<>();
    /** Interaction ids that got a callback request (guards against double acknowledgement). */
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Callback bodies, published after the HTTP response was written. */
    final Map<String, JsonNode> callbacks = new ConcurrentHashMap<>();
    /** The original response message of each interaction, by interaction token. */
    final Map<String, ObjectNode> originals = new ConcurrentHashMap<>();

    /** Privileged intent bits switched off in the Developer Portal ({@link FakeIntents}); 0: all allowed. */
    volatile long refusedIntents;

    FakeState(String expectedToken) {
        this.expectedToken = expectedToken;
    }

    // ---------------------------------------------------------------- token, ids, time, json

    boolean tokenAccepted(String token) {
        return expectedToken == null ? token != null && !token.isBlank() : expectedToken.equals(token);
    }

    /** A fresh, increasing snowflake based on the current time. */
    String newSnowflake() {
        long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return Long.toString(lastSnowflake.updateAndGet(prev -> Math.max(prev + 1, candidate)));
    }

    static String timestamp(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.MILLIS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static String now() {
        return timestamp(OffsetDateTime.now(ZoneOffset.UTC));
    }

    String toJson(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode objectOrEmpty(JsonNode node, JsonNodeFactory f) {
        return node instanceof ObjectNode o ? o : f.objectNode();
    }

    // ---------------------------------------------------------------- views (callers hold the lock)

    /** A member's guild-level permissions: @everyone and their roles; all for administrators. */
    long permissionsOf(String userId) {
        long perms = roles.get(GUILD_ID).get("permissions").asLong();
        for (String roleId : memberRoles.getOrDefault(userId, List.of())) {
            ObjectNode role = roles.get(roleId);
            if (role != null) {
                perms |= Long.parseLong(role.get("permissions").asText());
            }
        }
        if (GUILD_ID.equals(userId) || (perms & PERM_ADMINISTRATOR) != 0) {
            return PERM_ALL;
        }
        return perms;
    }

    ObjectNode user(String id, String username, String globalName) {
        ObjectNode u = nodes.objectNode();
        u.put("id", id);
        u.put("username", username);
        u.put("global_name", globalName);
        u.put("discriminator", "0");
        u.putNull("avatar");
        u.put("bot", false);
        u.put("system", false);
        u.put("public_flags", 0);
        return u;
    }

    /** A copy of the user object; an unknown user is made up (and kept). */
    ObjectNode userJson(String userId) {
        ObjectNode u = users.get(userId);
        if (u == null) {
            u = user(userId, "user-" + userId, null);
            users.put(userId, u);
        }
        return u.deepCopy();
    }

    /** Member object without the user field (as in MESSAGE_CREATE / resolved.members). */
    ObjectNode memberJsonWithoutUser(String userId) {
        ObjectNode m = nodes.objectNode();
        ArrayNode r = m.putArray("roles");
        memberRoles.getOrDefault(userId, List.of()).forEach(r::add);
        m.putNull("nick");
        m.putNull("avatar");
        m.put("joined_at", memberJoinedAt.getOrDefault(userId, now()));
        m.putNull("premium_since");
        m.put("deaf", false);
        m.put("mute", false);
        m.put("flags", 0);
        m.put("pending", false);
        m.putNull("communication_disabled_until");
        return m;
    }

    ObjectNode memberJson(String userId) {
        ObjectNode m = memberJsonWithoutUser(userId);
        m.set("user", userJson(userId));
        return m;
    }

    boolean isMember(String userId) {
        return memberRoles.containsKey(userId);
    }

    /** A guild channel, thread or DM channel (the stored object), or null. */
    ObjectNode channelOrNull(String channelId) {
        ObjectNode c = channels.get(channelId);
        if (c == null && otherChannel != null && OTHER_GUILD_CHANNEL.equals(channelId)) {
            return otherChannel;
        }
        return c != null ? c : dmChannels.get(channelId);
    }

    /** The other server's channel (not the camp's). */
    boolean isOtherGuildChannel(String channelId) {
        return otherChannel != null && OTHER_GUILD_CHANNEL.equals(channelId);
    }

    boolean isGuildChannel(String channelId) {
        return channels.containsKey(channelId);
    }

    static boolean isThreadType(int type) {
        return type == 10 || type == 11 || type == 12;
    }

    /** The position a new channel (not thread) gets: after all others. */
    int nextPosition() {
        return (int) channels.values().stream()
                .filter(c -> !isThreadType(c.get("type").asInt()))
                .count();
    }

    /** The DM channel with a user, created on first use. */
    ObjectNode ensureDmChannel(String userId) {
        String id = dmChannelOf(userId);
        ObjectNode dm = dmChannels.get(id);
        if (dm == null) {
            dm = nodes.objectNode();
            dm.put("id", id);
            dm.put("type", 1);
            dm.putNull("last_message_id");
            dm.put("flags", 0);
            dm.putArray("recipients").add(userJson(userId));
            dmChannels.put(id, dm);
        }
        return dm;
    }

    /** Known channel, or the user's DM channel when {@code channelId == dmChannelOf(userId)}. */
    ObjectNode channelFor(String channelId, String userId) {
        ObjectNode channel = channelOrNull(channelId);
        if (channel == null && channelId.equals(dmChannelOf(userId))) {
            channel = ensureDmChannel(userId);
        }
        return channel;
    }

    /** The guild object; with members, channels, threads and events as in GUILD_CREATE. */
    ObjectNode guildJson(boolean withMembersAndChannels) {
        ObjectNode g = nodes.objectNode();
        g.put("id", GUILD_ID);
        g.put("name", "AI Summer Camp");
        g.putNull("icon");
        g.putNull("splash");
        g.putNull("banner");
        g.putNull("description");
        g.put("owner_id", ORGANIZER_ID);
        g.put("afk_timeout", 300);
        g.putNull("afk_channel_id");
        g.put("system_channel_id", GENERAL_CHANNEL);
        g.put("system_channel_flags", 0);
        g.putNull("rules_channel_id");
        g.putNull("public_updates_channel_id");
        g.putNull("safety_alerts_channel_id");
        g.put("verification_level", 0);
        g.put("default_message_notifications", 1);
        g.put("explicit_content_filter", 0);
        g.put("mfa_level", 0);
        g.put("nsfw_level", 0);
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("premium_progress_bar_enabled", false);
        g.put("preferred_locale", "en-US");
        g.putNull("vanity_url_code");
        g.put("max_members", 500000);
        g.putArray("features").add("COMMUNITY").add("NEWS");
        g.set(
                "roles",
                nodes.arrayNode()
                        .addAll(roles.values().stream()
                                .map(ObjectNode::deepCopy)
                                .toList()));
        g.putArray("emojis");
        g.putArray("stickers");
        if (withMembersAndChannels) {
            g.put("joined_at", memberJoinedAt.get(BOT_ID));
            g.put("large", false);
            g.put("unavailable", false);
            g.put("member_count", memberRoles.size());
            ArrayNode ms = g.putArray("members");
            memberRoles.keySet().forEach(id -> ms.add(memberJson(id)));
            ArrayNode cs = g.putArray("channels");
            ArrayNode ts = g.putArray("threads");
            for (ObjectNode c : channels.values()) {
                if (isThreadType(c.get("type").asInt())) {
                    if (!c.path("thread_metadata").path("archived").asBoolean()) {
                        ts.add(c.deepCopy());
                    }
                } else {
                    cs.add(c.deepCopy());
                }
            }
            ArrayNode evs = g.putArray("guild_scheduled_events");
            scheduledEvents.values().forEach(e -> evs.add(e.deepCopy()));
            g.putArray("voice_states");
            g.putArray("presences");
            g.putArray("stage_instances");
            g.putArray("soundboard_sounds");
        }
        return g;
    }
}
