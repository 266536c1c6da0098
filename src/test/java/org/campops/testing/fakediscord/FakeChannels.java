package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guild channels: the seeded ones (text channels, a voice channel, the Q&A forum with its tags), channels and
 * categories the bot creates, edits or deletes over REST (threads included) or a test adds, permission overwrites
 * and the permissions they give a member in a channel.
 */
final class FakeChannels {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final FakeGateway gateway;

    FakeChannels(FakeState state, FakeGateway gateway) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.gateway = gateway;
    }

    /** Adds the seeded channels; called once, before the fake serves anything. */
    void seed() {
        addChannel(textChannel(GENERAL_CHANNEL, "general", 0, "Everything camp"));
        ObjectNode announcements = textChannel(ANNOUNCEMENTS_CHANNEL, "announcements", 1, "Official news");
        overwrite(announcements, GUILD_ID, 0, PERM_SEND_MESSAGES);
        overwrite(announcements, ORGANIZER_ROLE, PERM_SEND_MESSAGES, 0);
        addChannel(announcements);
        ObjectNode mentors = textChannel(MENTORS_CHANNEL, "mentors", 2, "Mentor coordination");
        overwrite(mentors, GUILD_ID, 0, PERM_VIEW_CHANNEL);
        overwrite(mentors, MENTOR_ROLE, PERM_VIEW_CHANNEL, 0);
        overwrite(mentors, ORGANIZER_ROLE, PERM_VIEW_CHANNEL, 0);
        addChannel(mentors);
        ObjectNode organizers = textChannel(ORGANIZERS_CHANNEL, "organizers", 3, "Organizer only");
        overwrite(organizers, GUILD_ID, 0, PERM_VIEW_CHANNEL);
        overwrite(organizers, ORGANIZER_ROLE, PERM_VIEW_CHANNEL, 0);
        addChannel(organizers);
        addChannel(textChannel(QA_TEXT_CHANNEL, "questions", 4, "Ask questions here"));

        ObjectNode voice = baseChannel(VOICE_CHANNEL, 2, "Lecture Hall", 5);
        voice.put("bitrate", 64000);
        voice.put("user_limit", 0);
        voice.putNull("rtc_region");
        voice.put("nsfw", false);
        voice.put("rate_limit_per_user", 0);
        voice.putNull("last_message_id");
        addChannel(voice);

        ObjectNode forum = baseChannel(QA_FORUM_CHANNEL, 15, "q-and-a", 6);
        forum.put("topic", "Questions for mentors");
        forum.put("nsfw", false);
        forum.put("rate_limit_per_user", 0);
        forum.put("default_thread_rate_limit_per_user", 0);
        forum.put("flags", 0);
        forum.putNull("last_message_id");
        forum.putNull("default_reaction_emoji");
        forum.putNull("default_sort_order");
        forum.put("default_forum_layout", 0);
        forum.put("default_auto_archive_duration", 4320);
        ArrayNode tags = forum.putArray("available_tags");
        tags.add(tag(TAG_UNANSWERED, "unanswered"));
        tags.add(tag(TAG_ANSWERED, "answered"));
        tags.add(tag(TAG_OBJECT_DETECTION, "Object Detection"));
        tags.add(tag(TAG_SEGMENTATION, "Segmentation"));
        tags.add(tag(TAG_DATA_CENTRIC, "Data-Centric AI"));
        addChannel(forum);
    }

    // ---------------------------------------------------------------- channel objects

    private ObjectNode baseChannel(String id, int type, String name, int position) {
        ObjectNode c = nodes.objectNode();
        c.put("id", id);
        c.put("type", type);
        c.put("guild_id", GUILD_ID);
        c.put("name", name);
        c.put("position", position);
        c.putNull("parent_id");
        c.putArray("permission_overwrites");
        return c;
    }

    private ObjectNode textChannel(String id, String name, int position, String topic) {
        ObjectNode c = baseChannel(id, 0, name, position);
        c.put("topic", topic);
        c.put("nsfw", false);
        c.put("rate_limit_per_user", 0);
        c.put("default_thread_rate_limit_per_user", 0);
        c.put("default_auto_archive_duration", 1440);
        c.putNull("last_message_id");
        c.put("flags", 0);
        return c;
    }

    private void overwrite(ObjectNode channel, String id, long allow, long deny) {
        overwrite(channel, id, 0, allow, deny);
    }

    /** Sets the overwrite of role ({@code type} 0) or member (1) {@code id}, replacing an earlier one for that id. */
    private void overwrite(ObjectNode channel, String id, int type, long allow, long deny) {
        ArrayNode list = (ArrayNode) channel.get("permission_overwrites");
        ObjectNode o = null;
        for (JsonNode existing : list) {
            if (existing.path("id").asText().equals(id)) {
                o = (ObjectNode) existing;
            }
        }
        if (o == null) {
            o = list.addObject();
        }
        o.put("id", id);
        o.put("type", type);
        o.put("allow", Long.toString(allow));
        o.put("deny", Long.toString(deny));
    }

    private ObjectNode tag(String id, String name) {
        ObjectNode t = nodes.objectNode();
        t.put("id", id);
        t.put("name", name);
        t.put("moderated", false);
        t.putNull("emoji_id");
        t.putNull("emoji_name");
        return t;
    }

    private void addChannel(ObjectNode channel) {
        state.channels.put(channel.get("id").asText(), channel);
    }

    // ---------------------------------------------------------------- views and channels tests add

    JsonNode channel(String channelId) {
        synchronized (lock) {
            ObjectNode c = state.channelOrNull(channelId);
            return c == null ? null : c.deepCopy();
        }
    }

    List<JsonNode> permissionOverwrites(String channelId) {
        synchronized (lock) {
            ObjectNode c = state.channels.get(channelId);
            if (c == null) {
                throw new IllegalArgumentException("Unknown channel: " + channelId);
            }
            List<JsonNode> out = new ArrayList<>();
            c.path("permission_overwrites").forEach(o -> out.add(o.deepCopy()));
            return out;
        }
    }

    JsonNode permissionOverwrite(String channelId, String id) {
        return permissionOverwrites(channelId).stream()
                .filter(o -> o.path("id").asText().equals(id))
                .findFirst()
                .orElse(null);
    }

    long permissionsIn(String userId, String channelId) {
        synchronized (lock) {
            ObjectNode c = state.channels.get(channelId);
            if (c == null) {
                throw new IllegalArgumentException("Unknown channel: " + channelId);
            }
            return channelPermissions(userId, c);
        }
    }

    boolean canView(String userId, String channelId) {
        return (permissionsIn(userId, channelId) & PERM_VIEW_CHANNEL) != 0;
    }

    List<JsonNode> channelsUnder(String categoryId) {
        synchronized (lock) {
            return state.channels.values().stream()
                    .filter(c -> !FakeState.isThreadType(c.get("type").asInt())
                            && categoryId.equals(c.path("parent_id").asText(null)))
                    .map(c -> (JsonNode) c.deepCopy())
                    .toList();
        }
    }

    void addCategory(String id, String name) {
        ObjectNode c;
        synchronized (lock) {
            c = baseChannel(id, 4, name, state.nextPosition());
            c.put("nsfw", false);
            c.put("flags", 0);
            addChannel(c);
            c = c.deepCopy();
        }
        gateway.dispatch("CHANNEL_CREATE", c);
    }

    void addTextChannel(String id, String name, String parentId) {
        addPrivateTextChannel(id, name, parentId, (String[]) null);
    }

    void addPrivateTextChannel(String id, String name, String parentId, String... allowedIds) {
        ObjectNode c;
        synchronized (lock) {
            c = textChannel(id, name, state.nextPosition(), null);
            if (parentId != null) {
                c.put("parent_id", parentId);
            }
            if (allowedIds != null) {
                overwrite(c, GUILD_ID, 0, 0, PERM_VIEW_CHANNEL);
                for (String allowed : allowedIds) {
                    overwrite(
                            c,
                            allowed,
                            state.roles.containsKey(allowed) ? 0 : 1,
                            PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES | PERM_READ_MESSAGE_HISTORY,
                            0);
                }
            }
            addChannel(c);
            c = c.deepCopy();
        }
        gateway.dispatch("CHANNEL_CREATE", c);
    }

    /** Sets role ({@code type} 0) or member (1) {@code id}'s overwrite on an existing channel; dispatches CHANNEL_UPDATE. */
    void setOverwrite(String channelId, String id, int type, long allow, long deny) {
        ObjectNode updated;
        synchronized (lock) {
            ObjectNode c = state.channels.get(channelId);
            if (c == null) {
                throw new IllegalArgumentException("Unknown channel: " + channelId);
            }
            overwrite(c, id, type, allow, deny);
            updated = c.deepCopy();
        }
        gateway.dispatch("CHANNEL_UPDATE", updated);
    }

    /**
     * A text channel of another server the bot is not in: only {@code GET /channels/{id}} knows it (with that
     * guild_id); the camp's server and the gateway do not.
     */
    void addOtherServerTextChannel(String id, String name, String guildId) {
        synchronized (lock) {
            ObjectNode c = textChannel(id, name, 0, null);
            c.put("guild_id", guildId);
            state.otherServerChannels.put(id, c);
        }
    }

    /** See {@link #permissionsIn}; the caller holds the lock. */
    private long channelPermissions(String userId, ObjectNode channel) {
        if (!state.isMember(userId)) {
            return 0;
        }
        long perms = state.permissionsOf(userId);
        if (ORGANIZER_ID.equals(userId) || (perms & PERM_ADMINISTRATOR) != 0) {
            return PERM_ALL; // the guild owner (guild.owner_id) and administrators
        }
        ObjectNode holder = channel;
        if (FakeState.isThreadType(channel.get("type").asInt())) {
            ObjectNode parent = state.channels.get(channel.path("parent_id").asText());
            holder = parent != null ? parent : channel;
        }
        Map<String, JsonNode> byId = new HashMap<>();
        holder.path("permission_overwrites").forEach(o -> byId.put(o.path("id").asText(), o));
        JsonNode everyone = byId.get(GUILD_ID);
        if (everyone != null) {
            perms = (perms & ~bits(everyone.get("deny"))) | bits(everyone.get("allow"));
        }
        long allow = 0;
        long deny = 0;
        for (String roleId : state.memberRoles.getOrDefault(userId, List.of())) {
            JsonNode o = byId.get(roleId);
            if (o != null && o.path("type").asInt() == 0) {
                allow |= bits(o.get("allow"));
                deny |= bits(o.get("deny"));
            }
        }
        perms = (perms & ~deny) | allow;
        JsonNode own = byId.get(userId);
        if (own != null && own.path("type").asInt() == 1) {
            perms = (perms & ~bits(own.get("deny"))) | bits(own.get("allow"));
        }
        return (perms & PERM_VIEW_CHANNEL) == 0 ? 0 : perms;
    }

    /** A permission bit set as Discord writes it (a string of digits) or as clients may send it (a number); 0 if absent. */
    private static long bits(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        return value.isNumber() ? value.asLong() : Long.parseLong(value.asText());
    }

    // ---------------------------------------------------------------- REST: channels and permission overwrites

    Reply patchChannel(RecordedRequest r, String channelId) {
        JsonNode body = r.jsonBody();
        ObjectNode updated;
        String event;
        synchronized (lock) {
            ObjectNode c = state.channels.get(channelId);
            if (c == null) {
                return Reply.notFound("Channel", 10003);
            }
            boolean thread = FakeState.isThreadType(c.get("type").asInt());
            Set<String> metadataFields = Set.of("archived", "locked", "auto_archive_duration", "invitable");
            for (Map.Entry<String, JsonNode> f : iterable(body)) {
                String key = f.getKey();
                if (thread && metadataFields.contains(key)) {
                    ObjectNode md = (ObjectNode) c.get("thread_metadata");
                    if ("archived".equals(key)
                            && md.path("archived").asBoolean() != f.getValue().asBoolean()) {
                        md.put("archive_timestamp", FakeState.now());
                    }
                    md.set(key, f.getValue().deepCopy());
                } else if ("available_tags".equals(key)) {
                    ArrayNode tags = nodes.arrayNode();
                    for (JsonNode t : f.getValue()) {
                        ObjectNode tag = tag(
                                t.hasNonNull("id") ? t.get("id").asText() : state.newSnowflake(),
                                t.path("name").asText());
                        tag.put("moderated", t.path("moderated").asBoolean(false));
                        tag.set("emoji_id", t.has("emoji_id") ? t.get("emoji_id") : nodes.nullNode());
                        tag.set("emoji_name", t.has("emoji_name") ? t.get("emoji_name") : nodes.nullNode());
                        tags.add(tag);
                    }
                    c.set("available_tags", tags);
                } else {
                    c.set(key, f.getValue().deepCopy());
                }
            }
            updated = c.deepCopy();
            event = thread ? "THREAD_UPDATE" : "CHANNEL_UPDATE";
        }
        return Reply.json(updated).then(() -> gateway.dispatch(event, updated));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    Reply deleteChannel(String channelId) {
        ObjectNode removed;
        String event;
        synchronized (lock) {
            ObjectNode c = state.channels.remove(channelId);
            if (c == null) {
                return Reply.notFound("Channel", 10003);
            }
            removed = c;
            event = FakeState.isThreadType(c.get("type").asInt()) ? "THREAD_DELETE" : "CHANNEL_DELETE";
        }
        return Reply.json(removed.deepCopy()).then(() -> gateway.dispatch(event, removed));
    }

    /**
     * {@code POST /guilds/{id}/channels}: text (0) and category (4) channels. Needs Manage Channels (and Manage Roles
     * when overwrites come with it), else 403 50013. A text channel's name is stored as Discord stores it: lower case,
     * spaces as dashes, runs of dashes as one. Answers 201 with the channel and dispatches CHANNEL_CREATE.
     */
    Reply createGuildChannel(RecordedRequest r, String guildId) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        JsonNode body = FakeState.objectOrEmpty(r.jsonBody(), nodes);
        ObjectNode created;
        synchronized (lock) {
            long bot = state.permissionsOf(BOT_ID);
            JsonNode overwrites = body.path("permission_overwrites");
            if ((bot & PERM_MANAGE_CHANNELS) == 0
                    || (overwrites.isArray() && !overwrites.isEmpty() && (bot & PERM_MANAGE_ROLES) == 0)) {
                return Reply.missingPermissions();
            }
            String name = body.path("name").asText("");
            if (name.isBlank() || name.length() > 100) {
                return Reply.invalidForm("name", "Must be between 1 and 100 in length.");
            }
            int type = body.hasNonNull("type") ? body.get("type").asInt() : 0;
            if (type != 0 && type != 4) {
                return Reply.invalidForm("type", "The fake creates text (0) and category (4) channels only.");
            }
            String parentId =
                    body.hasNonNull("parent_id") ? body.get("parent_id").asText() : null;
            if (parentId != null) {
                ObjectNode parent = state.channels.get(parentId);
                if (type == 4 || parent == null || parent.get("type").asInt() != 4) {
                    return Reply.invalidForm("parent_id", "Category does not exist or is not a category.");
                }
            }
            String id = state.newSnowflake();
            ObjectNode c;
            if (type == 0) {
                c = textChannel(
                        id,
                        storedTextName(name),
                        state.nextPosition(),
                        body.path("topic").asText(null));
                if (body.has("nsfw")) {
                    c.put("nsfw", body.path("nsfw").asBoolean());
                }
            } else {
                c = baseChannel(id, 4, name, state.nextPosition());
                c.put("nsfw", false);
                c.put("flags", 0);
            }
            if (parentId != null) {
                c.put("parent_id", parentId);
            }
            for (JsonNode o : overwrites) {
                String target = o.path("id").asText("");
                if (target.isEmpty()) {
                    return Reply.invalidForm("permission_overwrites", "Each overwrite needs an id.");
                }
                int kind = o.hasNonNull("type") ? o.get("type").asInt() : state.roles.containsKey(target) ? 0 : 1;
                if (kind != 0 && kind != 1) {
                    return Reply.invalidForm("permission_overwrites", "Overwrite type must be 0 (role) or 1 (member).");
                }
                overwrite(c, target, kind, bits(o.get("allow")), bits(o.get("deny")));
            }
            addChannel(c);
            created = c.deepCopy();
        }
        return new Reply(201, created, null).then(() -> gateway.dispatch("CHANNEL_CREATE", created.deepCopy()));
    }

    /** Discord's form of a text channel name. */
    private static String storedTextName(String name) {
        return name.strip()
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\s+", "-")
                .replaceAll("-{2,}", "-");
    }

    /** The guild channel an overwrite request is about, or why not (caller holds the lock). */
    private Reply overwriteRefusal(ObjectNode c) {
        if (c == null) {
            return Reply.notFound("Channel", 10003);
        }
        if (FakeState.isThreadType(c.get("type").asInt())) {
            return Reply.failure(400, "Cannot execute action on this channel type", 50024);
        }
        return (state.permissionsOf(BOT_ID) & PERM_MANAGE_ROLES) == 0 ? Reply.missingPermissions() : null;
    }

    /** {@code PUT /channels/{id}/permissions/{overwrite}}: sets one overwrite; 204 and CHANNEL_UPDATE. */
    Reply putOverwrite(RecordedRequest r, String channelId, String overwriteId) {
        JsonNode body = FakeState.objectOrEmpty(r.jsonBody(), nodes);
        ObjectNode updated;
        synchronized (lock) {
            ObjectNode c = state.channels.get(channelId);
            Reply refused = overwriteRefusal(c);
            if (refused != null) {
                return refused;
            }
            int type = body.path("type").asInt(-1);
            if (type != 0 && type != 1) {
                return Reply.invalidForm("type", "Overwrite type must be 0 (role) or 1 (member).");
            }
            overwrite(c, overwriteId, type, bits(body.get("allow")), bits(body.get("deny")));
            updated = c.deepCopy();
        }
        return Reply.noContent().then(() -> gateway.dispatch("CHANNEL_UPDATE", updated));
    }

    /** {@code DELETE /channels/{id}/permissions/{overwrite}}: 204 whether or not there was one; CHANNEL_UPDATE if there was. */
    Reply deleteOverwrite(String channelId, String overwriteId) {
        ObjectNode updated = null;
        synchronized (lock) {
            ObjectNode c = state.channels.get(channelId);
            Reply refused = overwriteRefusal(c);
            if (refused != null) {
                return refused;
            }
            ArrayNode list = (ArrayNode) c.get("permission_overwrites");
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).path("id").asText().equals(overwriteId)) {
                    list.remove(i);
                    updated = c.deepCopy();
                    break;
                }
            }
        }
        ObjectNode event = updated;
        return event == null
                ? Reply.noContent()
                : Reply.noContent().then(() -> gateway.dispatch("CHANNEL_UPDATE", event));
    }
}
