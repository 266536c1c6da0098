package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The guild's people and calendar: the seeded roles, users and members, members and roles tests change, the member
 * and role REST routes the bot uses, and scheduled events (created, edited and deleted over REST).
 */
final class FakeGuild {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final FakeGateway gateway;

    FakeGuild(FakeState state, FakeGateway gateway) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.gateway = gateway;
    }

    /** Adds the seeded roles, users and members; called once, before the fake serves anything. */
    void seed() {
        addRole(GUILD_ID, "@everyone", 0, EVERYONE_PERMISSIONS, 0, false, false);
        addRole(CAMPER_ROLE, "Camper", 1, 0, 0x3498DB, true, false);
        addRole(MENTOR_ROLE, "Mentor", 2, MENTOR_PERMISSIONS, 0x2ECC71, true, false);
        addRole(ORGANIZER_ROLE, "Organizer", 3, ORGANIZER_PERMISSIONS, 0xE67E22, true, false);
        ObjectNode botRole = addRole(BOT_ROLE, "CampOps", 4, PERM_ADMINISTRATOR, 0, false, true);
        botRole.putObject("tags").put("bot_id", BOT_ID);

        ObjectNode bot = state.user(BOT_ID, "CampOps", "CampOps");
        bot.put("bot", true);
        state.users.put(BOT_ID, bot);
        state.users.put(CAMPER_ID, state.user(CAMPER_ID, "camper_alice", "Alice"));
        state.users.put(CAMPER2_ID, state.user(CAMPER2_ID, "camper_bob", "Bob"));
        state.users.put(MENTOR_ID, state.user(MENTOR_ID, "mentor_maria", "Maria"));
        state.users.put(ORGANIZER_ID, state.user(ORGANIZER_ID, "organizer_olga", "Olga"));
        String joined = FakeState.timestamp(OffsetDateTime.now(ZoneOffset.UTC).minusDays(30));
        for (String id : state.users.keySet()) {
            state.memberJoinedAt.put(id, joined);
        }
        state.memberRoles.put(BOT_ID, List.of(BOT_ROLE));
        state.memberRoles.put(CAMPER_ID, List.of(CAMPER_ROLE));
        state.memberRoles.put(CAMPER2_ID, List.of(CAMPER_ROLE));
        state.memberRoles.put(MENTOR_ID, List.of(MENTOR_ROLE));
        state.memberRoles.put(ORGANIZER_ID, List.of(ORGANIZER_ROLE));
    }

    /** Adds a role to the table (the caller holds the lock, or nothing serves yet). */
    ObjectNode addRole(
            String id, String name, int position, long permissions, int color, boolean hoist, boolean managed) {
        ObjectNode role = nodes.objectNode();
        role.put("id", id);
        role.put("name", name);
        role.put("color", color);
        role.putObject("colors")
                .put("primary_color", color)
                .putNull("secondary_color")
                .putNull("tertiary_color");
        role.put("hoist", hoist);
        role.putNull("icon");
        role.putNull("unicode_emoji");
        role.put("position", position);
        role.put("permissions", Long.toString(permissions));
        role.put("managed", managed);
        role.put("mentionable", true);
        role.put("flags", 0);
        state.roles.put(id, role);
        return role;
    }

    // ---------------------------------------------------------------- members and roles

    void addMember(String userId, String username, String... roleIds) {
        ObjectNode event;
        synchronized (lock) {
            state.users.put(userId, state.user(userId, username, username));
            state.memberJoinedAt.put(userId, FakeState.now());
            state.memberRoles.put(userId, List.of(roleIds));
            event = state.memberJson(userId);
            event.put("guild_id", GUILD_ID);
        }
        gateway.dispatchFiltered("GUILD_MEMBER_ADD", event);
    }

    void setMemberRoles(String userId, String... roleIds) {
        ObjectNode event;
        synchronized (lock) {
            if (!state.isMember(userId)) {
                throw new IllegalArgumentException("Not a member: " + userId);
            }
            state.memberRoles.put(userId, List.of(roleIds));
            event = state.memberJson(userId);
            event.put("guild_id", GUILD_ID);
        }
        gateway.dispatchFiltered("GUILD_MEMBER_UPDATE", event);
    }

    /**
     * The member leaves the guild (left, kicked, or with {@code banned} banned): no longer a member; dispatches
     * GUILD_BAN_ADD first when banned (as Discord does), then GUILD_MEMBER_REMOVE, each with the user and guild_id.
     */
    void removeMember(String userId, boolean banned) {
        ObjectNode event = nodes.objectNode();
        synchronized (lock) {
            if (!state.isMember(userId)) {
                throw new IllegalArgumentException("Not a member: " + userId);
            }
            state.memberRoles.remove(userId);
            state.memberJoinedAt.remove(userId);
            event.put("guild_id", GUILD_ID);
            event.set("user", state.userJson(userId));
        }
        if (banned) {
            gateway.dispatchFiltered("GUILD_BAN_ADD", event.deepCopy());
        }
        gateway.dispatchFiltered("GUILD_MEMBER_REMOVE", event);
    }

    /** GUILD_MEMBER_REMOVE and GUILD_BAN_ADD for {@code userId} in another guild: nothing changes in this one. */
    void removeMemberElsewhere(String userId, String otherGuildId) {
        ObjectNode event = nodes.objectNode();
        synchronized (lock) {
            event.put("guild_id", otherGuildId);
            event.set("user", state.userJson(userId));
        }
        gateway.dispatchFiltered("GUILD_BAN_ADD", event.deepCopy());
        gateway.dispatchFiltered("GUILD_MEMBER_REMOVE", event);
    }

    void setRolePermissions(String roleId, long permissions) {
        ObjectNode event = nodes.objectNode();
        synchronized (lock) {
            ObjectNode role = state.roles.get(roleId);
            if (role == null) {
                throw new IllegalArgumentException("Unknown role: " + roleId);
            }
            role.put("permissions", Long.toString(permissions));
            event.put("guild_id", GUILD_ID);
            event.set("role", role.deepCopy());
        }
        gateway.dispatch("GUILD_ROLE_UPDATE", event);
    }

    Reply patchMember(RecordedRequest r, String guildId, String userId) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        JsonNode body = r.jsonBody();
        ObjectNode event;
        synchronized (lock) {
            if (!state.isMember(userId)) {
                return Reply.notFound("Member", 10007);
            }
            if (body.has("roles")) {
                List<String> newRoles = new ArrayList<>();
                body.get("roles").forEach(x -> newRoles.add(x.asText()));
                state.memberRoles.put(userId, List.copyOf(newRoles));
            }
            event = state.memberJson(userId);
            if (body.has("nick")) {
                event.set("nick", body.get("nick"));
            }
            event.put("guild_id", GUILD_ID);
        }
        ObjectNode response = event.deepCopy();
        response.remove("guild_id");
        return Reply.json(response).then(() -> gateway.dispatchFiltered("GUILD_MEMBER_UPDATE", event));
    }

    Reply changeRole(String guildId, String userId, String roleId, boolean add) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        ObjectNode event;
        synchronized (lock) {
            if (!state.isMember(userId)) {
                return Reply.notFound("Member", 10007);
            }
            if (!state.roles.containsKey(roleId)) {
                return Reply.notFound("Role", 10011);
            }
            List<String> current = new ArrayList<>(state.memberRoles.get(userId));
            if (add && !current.contains(roleId)) {
                current.add(roleId);
            } else if (!add) {
                current.remove(roleId);
            }
            state.memberRoles.put(userId, List.copyOf(current));
            event = state.memberJson(userId);
            event.put("guild_id", GUILD_ID);
        }
        return Reply.noContent().then(() -> gateway.dispatchFiltered("GUILD_MEMBER_UPDATE", event));
    }

    // ---------------------------------------------------------------- scheduled events

    List<JsonNode> scheduledEvents() {
        synchronized (lock) {
            return state.scheduledEvents.values().stream()
                    .map(e -> (JsonNode) e.deepCopy())
                    .toList();
        }
    }

    Reply createEvent(RecordedRequest r, String guildId) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        ObjectNode ev = FakeState.objectOrEmpty(r.jsonBody(), nodes).deepCopy();
        synchronized (lock) {
            ev.put("id", state.newSnowflake());
            ev.put("guild_id", GUILD_ID);
            ev.put("creator_id", BOT_ID);
            ev.set("creator", state.userJson(BOT_ID));
            ev.put("status", 1);
            ev.put("user_count", 0);
            ev.putNull("entity_id");
            for (String f : List.of("description", "scheduled_end_time", "channel_id", "entity_metadata", "image")) {
                if (!ev.has(f)) {
                    ev.putNull(f);
                }
            }
            if (!ev.has("privacy_level")) {
                ev.put("privacy_level", 2);
            }
            if (ev.get("image").isTextual()) {
                ev.put("image", "fakeimagehash");
            }
            state.scheduledEvents.put(ev.get("id").asText(), ev);
        }
        ObjectNode copy = ev.deepCopy();
        return Reply.json(copy).then(() -> gateway.dispatchFiltered("GUILD_SCHEDULED_EVENT_CREATE", copy.deepCopy()));
    }

    Reply patchEvent(RecordedRequest r, String guildId, String eventId) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        ObjectNode copy;
        synchronized (lock) {
            ObjectNode ev = state.scheduledEvents.get(eventId);
            if (ev == null) {
                return Reply.notFound("Guild Scheduled Event", 10070);
            }
            ev.setAll(FakeState.objectOrEmpty(r.jsonBody(), nodes));
            if (ev.get("image") != null && ev.get("image").isTextual()) {
                ev.put("image", "fakeimagehash");
            }
            copy = ev.deepCopy();
        }
        return Reply.json(copy).then(() -> gateway.dispatchFiltered("GUILD_SCHEDULED_EVENT_UPDATE", copy.deepCopy()));
    }

    Reply deleteEvent(String guildId, String eventId) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        ObjectNode removed;
        synchronized (lock) {
            removed = state.scheduledEvents.remove(eventId);
        }
        if (removed == null) {
            return Reply.notFound("Guild Scheduled Event", 10070);
        }
        return Reply.noContent().then(() -> gateway.dispatchFiltered("GUILD_SCHEDULED_EVENT_DELETE", removed));
    }
}
