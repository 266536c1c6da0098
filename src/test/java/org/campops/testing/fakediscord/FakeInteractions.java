package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.campops.testing.fakediscord.FakeState.Interaction;

/**
 * Interactions users make: slash commands (with subcommands, groups and resolved options), autocomplete, message
 * context-menu commands, buttons, selects and modal submits, each sent as INTERACTION_CREATE with the envelope
 * Discord builds (member or user, channel, permissions, locale) and remembered so the bot's answers can be checked.
 */
final class FakeInteractions {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final MessageJson json;
    private final FakeCommands commands;
    private final FakeGateway gateway;

    FakeInteractions(FakeState state, MessageJson json, FakeCommands commands, FakeGateway gateway) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.json = json;
        this.commands = commands;
        this.gateway = gateway;
    }

    private Interaction registerInteraction(int type, String userId, String channelId, String guildId) {
        String id = state.newSnowflake();
        String token =
                "aW50ZXJhY3Rpb246" + id + ":" + UUID.randomUUID().toString().replace("-", "");
        Interaction i = new Interaction(id, token, type, userId, channelId, guildId);
        state.interactionsById.put(id, i);
        state.interactionsByToken.put(token, i);
        return i;
    }

    /** Builds the common interaction envelope; caller holds lock. */
    private ObjectNode interactionEnvelope(Interaction i, String locale) {
        ObjectNode channel = state.channelOrNull(i.channelId());
        ObjectNode p = nodes.objectNode();
        p.put("id", i.id());
        p.put("application_id", BOT_ID);
        p.put("type", i.type());
        p.put("token", i.token());
        p.put("version", 1);
        p.put("locale", locale);
        p.put("app_permissions", Long.toString(PERM_ALL));
        p.putArray("entitlements");
        p.put("attachment_size_limit", 10 * 1024 * 1024);
        if (i.guildId() != null) {
            boolean other = OTHER_GUILD_ID.equals(i.guildId());
            // In the other server its owner holds every permission; the camp's roles mean nothing there.
            long permissions = other ? PERM_ALL : state.permissionsOf(i.userId());
            p.put("guild_id", i.guildId());
            p.put("guild_locale", "en-US");
            ObjectNode g = p.putObject("guild");
            g.put("id", i.guildId());
            g.put("locale", "en-US");
            g.putArray("features").add("COMMUNITY").add("NEWS");
            ObjectNode member = other ? otherGuildMember(i.userId()) : state.memberJson(i.userId());
            member.put("permissions", Long.toString(permissions));
            p.set("member", member);
            ObjectNode ch = channel.deepCopy();
            ch.put("permissions", Long.toString(permissions));
            p.set("channel", ch);
            p.put("channel_id", i.channelId());
            p.put("context", 0);
            p.putObject("authorizing_integration_owners").put("0", i.guildId());
        } else {
            p.set("user", state.userJson(i.userId()));
            p.set("channel", channel.deepCopy());
            p.put("channel_id", i.channelId());
            p.put("context", 1);
            p.putObject("authorizing_integration_owners").put("0", "0");
        }
        return p;
    }

    /** A member of the other server: the user, no role but @everyone. Caller holds lock. */
    private ObjectNode otherGuildMember(String userId) {
        ObjectNode m = state.memberJson(userId);
        m.putArray("roles");
        return m;
    }

    private Interaction newInteraction(int type, String userId, String channelId) {
        synchronized (lock) {
            ObjectNode channel = state.channelFor(channelId, userId);
            if (channel == null) {
                throw new IllegalArgumentException("Unknown channel " + channelId + " (use a channel constant, a "
                        + "thread id or dmChannelOf(userId))");
            }
            if (state.isOtherGuildChannel(channelId)) {
                if (!userId.equals(state.otherGuildOwner)) {
                    throw new IllegalArgumentException("User " + userId + " is not a member of the other server");
                }
                return registerInteraction(type, userId, channelId, OTHER_GUILD_ID);
            }
            String guildId = state.isGuildChannel(channelId) ? GUILD_ID : null;
            if (guildId != null && !state.isMember(userId)) {
                throw new IllegalArgumentException("User " + userId + " is not a member of the fake guild");
            }
            return registerInteraction(type, userId, channelId, guildId);
        }
    }

    private void requireClient() {
        if (!gateway.hasReadyClient()) {
            throw new IllegalStateException("No identified gateway client is connected to the fake Discord");
        }
    }

    String sendSlash(
            String userId,
            String locale,
            String channelId,
            String command,
            String subcommandOrNull,
            Map<String, ?> options) {
        return sendCommandInteraction(2, userId, locale, channelId, command, subcommandOrNull, options, null);
    }

    String sendAutocomplete(
            String userId,
            String locale,
            String channelId,
            String command,
            String subcommandOrNull,
            Map<String, ?> options,
            String focusedOption) {
        if (!options.containsKey(focusedOption)) {
            throw new IllegalArgumentException("focused option " + focusedOption + " missing from options");
        }
        return sendCommandInteraction(4, userId, locale, channelId, command, subcommandOrNull, options, focusedOption);
    }

    String sendMessageCommand(String userId, String locale, String channelId, String command, String targetMessageId) {
        requireClient();
        Interaction i = newInteraction(2, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            ObjectNode target = state.messages.get(targetMessageId);
            if (target == null) {
                throw new IllegalArgumentException("Unknown message " + targetMessageId);
            }
            payload = interactionEnvelope(i, locale);
            ObjectNode data = payload.putObject("data");
            boolean guildCommand = i.guildId() != null && commands.isGuildCommand(command);
            data.put("id", commands.commandIdFor(command, guildCommand));
            data.put("name", command);
            data.put("type", 3);
            if (guildCommand) {
                data.put("guild_id", GUILD_ID);
            }
            data.put("target_id", targetMessageId);
            data.putObject("resolved").putObject("messages").set(targetMessageId, target.deepCopy());
        }
        gateway.dispatchInteraction(payload);
        return i.id();
    }

    private String sendCommandInteraction(
            int type,
            String userId,
            String locale,
            String channelId,
            String command,
            String subcommandOrNull,
            Map<String, ?> options,
            String focused) {
        requireClient();
        Interaction i = newInteraction(type, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            payload = interactionEnvelope(i, locale);
            ObjectNode data = payload.putObject("data");
            boolean guildCommand = i.guildId() != null && commands.isGuildCommand(command);
            data.put("id", commands.commandIdFor(command, guildCommand));
            data.put("name", command);
            data.put("type", 1);
            if (guildCommand) {
                data.put("guild_id", GUILD_ID);
            }
            ObjectNode resolved = nodes.objectNode();
            ArrayNode leafOptions = buildOptions(options == null ? Map.of() : options, resolved, focused);
            if (subcommandOrNull == null || subcommandOrNull.isBlank()) {
                data.set("options", leafOptions);
            } else {
                String[] parts = subcommandOrNull.trim().split("\\s+");
                ObjectNode sub = nodes.objectNode();
                sub.put("name", parts[parts.length - 1]);
                sub.put("type", 1);
                sub.set("options", leafOptions);
                if (parts.length == 2) {
                    ObjectNode group = data.putArray("options").addObject();
                    group.put("name", parts[0]);
                    group.put("type", 2);
                    group.putArray("options").add(sub);
                } else {
                    data.putArray("options").add(sub);
                }
            }
            if (!resolved.isEmpty()) {
                data.set("resolved", resolved);
            }
        }
        gateway.dispatchInteraction(payload);
        return i.id();
    }

    private ArrayNode buildOptions(Map<String, ?> options, ObjectNode resolved, String focused) {
        ArrayNode out = nodes.arrayNode();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            ObjectNode o = out.addObject();
            o.put("name", e.getKey());
            Object v = e.getValue();
            if (v instanceof OptionValue ov) {
                o.put("type", ov.type());
                if (ov.value() instanceof Number n) {
                    o.put("value", n.doubleValue());
                } else {
                    o.put("value", String.valueOf(ov.value()));
                    resolve(ov.type(), String.valueOf(ov.value()), resolved);
                }
            } else if (v instanceof String s) {
                o.put("type", 3);
                o.put("value", s);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                o.put("type", 4);
                o.put("value", ((Number) v).longValue());
            } else if (v instanceof Number n) {
                o.put("type", 10);
                o.put("value", n.doubleValue());
            } else if (v instanceof Boolean b) {
                o.put("type", 5);
                o.put("value", b);
            } else {
                throw new IllegalArgumentException("Unsupported option value for " + e.getKey() + ": " + v);
            }
            if (e.getKey().equals(focused)) {
                o.put("focused", true);
            }
        }
        return out;
    }

    private void resolve(int type, String id, ObjectNode resolved) {
        switch (type) {
            case 6 -> resolveUser(id, resolved);
            case 7 -> {
                ObjectNode c = state.channelOrNull(id);
                if (c == null) {
                    // A channel of another server: Discord's pickers never offer one, but an id can name it.
                    c = state.otherServerChannels.get(id);
                }
                if (c == null) {
                    throw new IllegalArgumentException("Unknown channel " + id);
                }
                ObjectNode rc = nodes.objectNode();
                for (String f : List.of("id", "name", "type", "parent_id", "thread_metadata", "guild_id")) {
                    if (c.has(f)) {
                        rc.set(f, c.get(f).deepCopy());
                    }
                }
                rc.put("permissions", Long.toString(PERM_ALL));
                objectAt(resolved, "channels").set(id, rc);
            }
            case 8 -> resolveRole(id, resolved);
            case 9 -> {
                if (state.roles.containsKey(id)) {
                    resolveRole(id, resolved);
                } else {
                    resolveUser(id, resolved);
                }
            }
            default -> {
                // nothing to resolve
            }
        }
    }

    private void resolveUser(String id, ObjectNode resolved) {
        objectAt(resolved, "users").set(id, state.userJson(id));
        if (state.isMember(id)) {
            ObjectNode m = state.memberJsonWithoutUser(id);
            m.put("permissions", Long.toString(state.permissionsOf(id)));
            objectAt(resolved, "members").set(id, m);
        }
    }

    private void resolveRole(String id, ObjectNode resolved) {
        ObjectNode r = state.roles.get(id);
        if (r == null) {
            throw new IllegalArgumentException("Unknown role " + id);
        }
        objectAt(resolved, "roles").set(id, r.deepCopy());
    }

    private static ObjectNode objectAt(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ObjectNode o ? o : parent.putObject(field);
    }

    String sendButton(String userId, String channelId, String messageId, String customId) {
        return sendComponent(userId, channelId, messageId, customId, 2);
    }

    private String sendComponent(
            String userId, String channelId, String messageId, String customId, int componentType) {
        requireClient();
        Interaction i = newInteraction(3, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            payload = interactionEnvelope(i, "en-US");
            ObjectNode data = payload.putObject("data");
            data.put("custom_id", customId);
            data.put("component_type", componentType);
            ObjectNode message = state.messages.get(messageId);
            if (message == null) {
                message = json.newMessage(messageId, channelId, state.userJson(BOT_ID), nodes.objectNode(), List.of());
                state.messages.put(messageId, message);
            }
            state.originals.put(i.token(), message);
            payload.set("message", message.deepCopy());
        }
        gateway.dispatchInteraction(payload);
        return i.id();
    }

    String sendModalSubmit(String userId, String channelId, String customId, Map<String, String> fields) {
        requireClient();
        Interaction i = newInteraction(5, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            payload = interactionEnvelope(i, "en-US");
            ObjectNode data = payload.putObject("data");
            data.put("custom_id", customId);
            ArrayNode components = data.putArray("components");
            int uid = 1;
            for (Map.Entry<String, String> f : fields.entrySet()) {
                ObjectNode label = components.addObject();
                label.put("type", 18);
                label.put("id", uid++);
                ObjectNode input = label.putObject("component");
                input.put("type", 4);
                input.put("id", uid++);
                input.put("custom_id", f.getKey());
                input.put("value", f.getValue());
            }
        }
        gateway.dispatchInteraction(payload);
        return i.id();
    }
}
