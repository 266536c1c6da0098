package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Application commands: the REST routes that register, list, edit and delete global and guild commands (answered with
 * the fields Discord adds: id, application id, version), and the command ids interactions carry.
 */
final class FakeCommands {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;

    FakeCommands(FakeState state) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
    }

    Reply putCommands(RecordedRequest r, String guildId) {
        if (guildId != null && !GUILD_ID.equals(guildId) && !OTHER_GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        JsonNode body = r.jsonBody();
        if (!body.isArray()) {
            return Reply.failure(400, "Invalid Form Body", 50035);
        }
        synchronized (lock) {
            ArrayNode echoed = nodes.arrayNode();
            for (JsonNode c : body) {
                echoed.add(completeCommand(FakeState.objectOrEmpty(c, nodes).deepCopy(), guildId));
            }
            if (guildId == null) {
                state.globalCommands = echoed;
            } else {
                state.guildCommands.put(guildId, echoed);
            }
            if (guildId != null || !echoed.isEmpty()) {
                // JDA clears the global list at each start (the bot registers in the camp's server only): an
                // empty global PUT is not what a test asking for "the registered commands" means.
                state.lastPutCommands = echoed;
            }
            return Reply.json(echoed.deepCopy());
        }
    }

    private ObjectNode completeCommand(ObjectNode c, String guildId) {
        int type = c.path("type").asInt(1);
        String name = c.path("name").asText();
        c.put(
                "id",
                state.commandIds.computeIfAbsent(
                        (guildId == null ? "global" : guildId) + "/" + type + "/" + name, k -> state.newSnowflake()));
        c.put("application_id", BOT_ID);
        c.put("version", state.newSnowflake());
        c.put("type", type);
        if (guildId != null) {
            c.put("guild_id", guildId);
        }
        if (!c.has("default_member_permissions")) {
            c.putNull("default_member_permissions");
        }
        if (!c.has("description")) {
            c.put("description", "");
        }
        if (!c.has("nsfw")) {
            c.put("nsfw", false);
        }
        return c;
    }

    ArrayNode commandsCopy(String guildId) {
        synchronized (lock) {
            ArrayNode a = guildId == null ? state.globalCommands : state.guildCommands.get(guildId);
            return a == null ? nodes.arrayNode() : a.deepCopy();
        }
    }

    Reply upsertCommand(RecordedRequest r, String guildId) {
        synchronized (lock) {
            ObjectNode c =
                    completeCommand(FakeState.objectOrEmpty(r.jsonBody(), nodes).deepCopy(), guildId);
            ArrayNode list = guildId == null ? state.globalCommands : state.guildCommands.get(guildId);
            if (list == null) {
                list = nodes.arrayNode();
                if (guildId == null) {
                    state.globalCommands = list;
                } else {
                    state.guildCommands.put(guildId, list);
                }
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).path("id").asText().equals(c.get("id").asText())) {
                    list.remove(i);
                    break;
                }
            }
            list.add(c);
            return Reply.json(c.deepCopy());
        }
    }

    Reply editCommand(RecordedRequest r, String guildId, String commandId) {
        synchronized (lock) {
            ArrayNode list = guildId == null ? state.globalCommands : state.guildCommands.get(guildId);
            if (list != null) {
                for (JsonNode c : list) {
                    if (c.path("id").asText().equals(commandId)) {
                        ((ObjectNode) c).setAll(FakeState.objectOrEmpty(r.jsonBody(), nodes));
                        ((ObjectNode) c).put("version", state.newSnowflake());
                        return Reply.json(c.deepCopy());
                    }
                }
            }
            return Reply.notFound("application command", 10063);
        }
    }

    Reply deleteCommand(String guildId, String commandId) {
        synchronized (lock) {
            ArrayNode list = guildId == null ? state.globalCommands : state.guildCommands.get(guildId);
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).path("id").asText().equals(commandId)) {
                        list.remove(i);
                        return Reply.noContent();
                    }
                }
            }
            return Reply.notFound("application command", 10063);
        }
    }

    private static JsonNode findCommand(ArrayNode list, String name) {
        if (list == null) {
            return null;
        }
        for (JsonNode c : list) {
            if (name.equals(c.path("name").asText()) && c.path("type").asInt(1) == 1) {
                return c;
            }
        }
        return null;
    }

    /** Whether the fake guild has a chat-input command of that name; caller holds lock. */
    boolean isGuildCommand(String name) {
        return findCommand(state.guildCommands.get(GUILD_ID), name) != null;
    }

    /** The id of the chat-input command of that name (one made up for an unregistered name); caller holds lock. */
    String commandIdFor(String name, boolean guildCommand) {
        JsonNode c = guildCommand
                ? findCommand(state.guildCommands.get(GUILD_ID), name)
                : findCommand(state.globalCommands, name);
        if (c != null) {
            return c.get("id").asText();
        }
        return state.commandIds.computeIfAbsent("unregistered/1/" + name, k -> state.newSnowflake());
    }

    // ---------------------------------------------------------------- views

    JsonNode registered(String guildId) {
        synchronized (lock) {
            ArrayNode a = guildId == null ? state.globalCommands : state.guildCommands.get(guildId);
            return a == null ? null : a.deepCopy();
        }
    }

    JsonNode registeredCommands() {
        ArrayNode a = state.lastPutCommands;
        return a == null ? null : a.deepCopy();
    }
}
