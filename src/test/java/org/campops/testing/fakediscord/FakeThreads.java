package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads and forum posts: created by the bot over REST (from a message, in a text channel, or as a forum post with
 * its starter message) or by a user through the fake, archived, and listed (active and archived).
 */
final class FakeThreads {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final MessageJson json;
    private final FakeMessages messages;
    private final FakeGateway gateway;

    FakeThreads(FakeState state, MessageJson json, FakeMessages messages, FakeGateway gateway) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.json = json;
        this.messages = messages;
        this.gateway = gateway;
    }

    Reply createThreadRest(RecordedRequest r, String parentId, String fromMessageId) {
        JsonNode body = r.jsonBody();
        ObjectNode response;
        ObjectNode threadEvent;
        ObjectNode starter = null;
        synchronized (lock) {
            ObjectNode parent = state.channels.get(parentId);
            if (parent == null || FakeState.isThreadType(parent.get("type").asInt())) {
                return Reply.notFound("Channel", 10003);
            }
            boolean postContainer = isPostContainer(parent);
            if (postContainer && fromMessageId != null) {
                return Reply.failure(400, "Cannot start a thread from a message in a forum", 50024);
            }
            if (fromMessageId != null && state.messages.get(fromMessageId) == null) {
                return Reply.notFound("Message", 10008);
            }
            String threadId = fromMessageId != null ? fromMessageId : state.newSnowflake();
            int type = fromMessageId != null
                    ? (parent.get("type").asInt() == 5 ? 10 : 11)
                    : postContainer ? 11 : body.path("type").asInt(11);
            List<String> tags = new ArrayList<>();
            body.path("applied_tags").forEach(t -> tags.add(t.asText()));
            int autoArchive = body.path("auto_archive_duration")
                    .asInt(parent.path("default_auto_archive_duration").asInt(4320));
            ObjectNode thread =
                    threadObject(threadId, parentId, type, body.path("name").asText(), BOT_ID, autoArchive, tags, true);
            if (body.has("rate_limit_per_user")) {
                thread.put(
                        "rate_limit_per_user", body.path("rate_limit_per_user").asInt());
            }
            if (type == 12 && body.has("invitable")) {
                ((ObjectNode) thread.get("thread_metadata"))
                        .put("invitable", body.path("invitable").asBoolean());
            }
            state.channels.put(threadId, thread);
            if (fromMessageId != null) {
                ObjectNode source = state.messages.get(fromMessageId);
                ObjectNode threadRef = thread.deepCopy();
                threadRef.remove("member");
                source.set("thread", threadRef);
            }
            if (postContainer) {
                starter = json.newMessage(threadId, threadId, state.userJson(BOT_ID), body.path("message"), r.files());
                messages.storeMessage(starter);
            }
            response = thread.deepCopy();
            if (starter != null) {
                response.set("message", starter.deepCopy());
            }
            threadEvent = thread.deepCopy();
            threadEvent.put("newly_created", true);
        }
        ObjectNode finalStarter = starter;
        return Reply.json(response).then(() -> {
            gateway.dispatch("THREAD_CREATE", threadEvent);
            if (finalStarter != null) {
                messages.echo("MESSAGE_CREATE", finalStarter);
            }
        });
    }

    /** {@code {"threads":[...],"members":[],"has_more":false}} for a parent (or all parents when null). */
    Reply threadList(String parentId, boolean archived, int type) {
        synchronized (lock) {
            ObjectNode out = nodes.objectNode();
            ArrayNode threads = out.putArray("threads");
            for (ObjectNode c : state.channels.values()) {
                int t = c.get("type").asInt();
                if (FakeState.isThreadType(t)
                        && (type == 0 || t == type)
                        && (parentId == null
                                || parentId.equals(c.path("parent_id").asText()))
                        && c.path("thread_metadata").path("archived").asBoolean() == archived) {
                    threads.add(c.deepCopy());
                }
            }
            out.putArray("members");
            out.put("has_more", false);
            return Reply.json(out);
        }
    }

    // ---------------------------------------------------------------- threads users create, and views

    void archiveThread(String threadId) {
        ObjectNode copy;
        synchronized (lock) {
            ObjectNode c = state.channels.get(threadId);
            if (c == null || !c.has("thread_metadata")) {
                throw new IllegalArgumentException("Unknown thread " + threadId);
            }
            ((ObjectNode) c.get("thread_metadata")).put("archived", true);
            copy = c.deepCopy();
        }
        gateway.dispatch("THREAD_UPDATE", copy);
    }

    String createThread(
            String parentChannelId,
            String ownerUserId,
            String name,
            List<String> appliedTagIds,
            String starterContent) {
        ObjectNode threadEvent;
        ObjectNode starterEvent = null;
        synchronized (lock) {
            ObjectNode parent = state.channels.get(parentChannelId);
            if (parent == null) {
                throw new IllegalArgumentException("Unknown parent channel " + parentChannelId);
            }
            String threadId = state.newSnowflake();
            boolean postContainer = isPostContainer(parent);
            ObjectNode thread = threadObject(
                    threadId,
                    parentChannelId,
                    11,
                    name,
                    ownerUserId,
                    4320,
                    appliedTagIds == null ? List.of() : appliedTagIds,
                    false);
            state.channels.put(threadId, thread);
            if (starterContent != null) {
                String messageId = postContainer ? threadId : state.newSnowflake();
                ObjectNode msg = json.newMessage(
                        messageId,
                        threadId,
                        state.userJson(ownerUserId),
                        nodes.objectNode().put("content", starterContent),
                        List.of());
                messages.storeMessage(msg);
                starterEvent = messages.gatewayMessage(msg);
            }
            threadEvent = thread.deepCopy();
            threadEvent.put("newly_created", true);
        }
        gateway.dispatch("THREAD_CREATE", threadEvent);
        if (starterEvent != null) {
            gateway.dispatchFiltered("MESSAGE_CREATE", starterEvent);
        }
        return threadEvent.get("id").asText();
    }

    private static boolean isPostContainer(JsonNode channel) {
        int type = channel.get("type").asInt();
        return type == 15 || type == 16;
    }

    private ObjectNode threadObject(
            String id,
            String parentId,
            int type,
            String name,
            String ownerId,
            int autoArchive,
            List<String> tags,
            boolean botIsMember) {
        ObjectNode t = nodes.objectNode();
        t.put("id", id);
        t.put("type", type);
        t.put("guild_id", GUILD_ID);
        t.put("parent_id", parentId);
        t.put("owner_id", ownerId);
        t.put("name", name);
        t.putNull("last_message_id");
        t.put("rate_limit_per_user", 0);
        t.put("flags", 0);
        t.put("member_count", 1);
        t.put("message_count", 0);
        t.put("total_message_sent", 0);
        ArrayNode at = t.putArray("applied_tags");
        tags.forEach(at::add);
        ObjectNode md = t.putObject("thread_metadata");
        md.put("archived", false);
        md.put("auto_archive_duration", autoArchive);
        md.put("archive_timestamp", FakeState.now());
        md.put("locked", false);
        md.put("invitable", type == 12);
        md.put("create_timestamp", FakeState.now());
        if (botIsMember) {
            ObjectNode member = t.putObject("member");
            member.put("id", id);
            member.put("user_id", BOT_ID);
            member.put("join_timestamp", FakeState.now());
            member.put("flags", 1);
        }
        return t;
    }

    List<JsonNode> threadsIn(String parentId) {
        synchronized (lock) {
            return state.channels.values().stream()
                    .filter(c -> FakeState.isThreadType(c.get("type").asInt())
                            && parentId.equals(c.path("parent_id").asText()))
                    .map(c -> (JsonNode) c.deepCopy())
                    .toList();
        }
    }
}
