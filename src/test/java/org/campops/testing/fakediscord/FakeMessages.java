package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;
import static org.campops.testing.fakediscord.MessageJson.FLAG_EPHEMERAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages: storing them (with the {@link MessageLog} of everything created) and echoing the bot's own as gateway
 * events, the channel-message REST routes (post, list, edit, delete, pin), messages users send through the fake, and
 * the views tests read (created messages, bodies the bot posted).
 */
final class FakeMessages {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final MessageJson json;
    private final FakeGateway gateway;
    private final FakeRecorder recorder;

    FakeMessages(FakeState state, MessageJson json, FakeGateway gateway, FakeRecorder recorder) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.json = json;
        this.gateway = gateway;
        this.recorder = recorder;
    }

    void setDmsClosed(String userId, boolean closed) {
        if (closed) {
            state.closedDms.add(userId);
        } else {
            state.closedDms.remove(userId);
        }
    }

    // ---------------------------------------------------------------- storing and echoing

    /** Stores a message and updates channel counters; caller holds lock. */
    void storeMessage(ObjectNode msg) {
        String id = msg.get("id").asText();
        state.messages.put(id, msg);
        state.createdMessages.add(msg);
        ObjectNode channel = state.channelOrNull(msg.get("channel_id").asText());
        if (channel != null) {
            channel.put("last_message_id", id);
            if (FakeState.isThreadType(channel.get("type").asInt())) {
                channel.put("message_count", channel.path("message_count").asInt() + 1);
                channel.put(
                        "total_message_sent", channel.path("total_message_sent").asInt() + 1);
            }
        }
    }

    /** Message as a gateway event: adds guild_id and member for guild channels; caller holds lock. */
    ObjectNode gatewayMessage(ObjectNode msg) {
        ObjectNode e = withCurrentThread(msg);
        String channelId = msg.get("channel_id").asText();
        if (state.isGuildChannel(channelId)) {
            e.put("guild_id", GUILD_ID);
            String authorId = msg.path("author").path("id").asText();
            if (state.isMember(authorId) && !msg.has("webhook_id")) {
                e.set("member", state.memberJsonWithoutUser(authorId));
            }
        }
        return e;
    }

    /**
     * A copy of {@code msg} whose started thread is the thread as it is now (Discord sends the current thread with a
     * message): an echo sent late must not carry a thread state from before it was archived. Caller holds the lock.
     */
    ObjectNode withCurrentThread(ObjectNode msg) {
        ObjectNode e = msg.deepCopy();
        com.fasterxml.jackson.databind.JsonNode t = msg.get("thread");
        if (t != null && t.has("id")) {
            ObjectNode current = state.channels.get(t.get("id").asText());
            if (current != null) {
                e.set("thread", current.deepCopy());
            }
        }
        return e;
    }

    void echo(String event, ObjectNode msg) {
        if ((msg.path("flags").asInt() & FLAG_EPHEMERAL) != 0) {
            return;
        }
        ObjectNode e;
        synchronized (lock) {
            e = gatewayMessage(msg);
        }
        gateway.dispatchFiltered(event, e);
    }

    // ---------------------------------------------------------------- REST: channel messages

    Reply postMessage(RecordedRequest r, String channelId) {
        ObjectNode msg;
        synchronized (lock) {
            ObjectNode channel = state.channelOrNull(channelId);
            if (channel == null) {
                return Reply.notFound("Channel", 10003);
            }
            int type = channel.get("type").asInt();
            if (type == 4 || type == 15 || type == 16) {
                return Reply.failure(400, "Cannot send messages in a non-text channel", 50008);
            }
            if (type == 1) {
                String recipient = channel.path("recipients").path(0).path("id").asText();
                if (state.closedDms.contains(recipient)) {
                    return Reply.failure(403, "Cannot send messages to this user", 50007);
                }
            }
            if (FakeState.isThreadType(type)
                    && channel.path("thread_metadata").path("locked").asBoolean()) {
                return Reply.failure(403, "Thread is locked", 160005);
            }
            // enforce_nonce: the earlier message comes back, nothing is created or dispatched (see MessageLog)
            ObjectNode earlier = state.createdMessages.earlierWithNonce(channelId, BOT_ID, r.jsonBody());
            if (earlier != null) {
                return state.messages.containsKey(earlier.get("id").asText())
                        ? Reply.json(earlier.deepCopy())
                        : Reply.notFound("Message", 10008);
            }
            msg = json.newMessage(state.newSnowflake(), channelId, state.userJson(BOT_ID), r.jsonBody(), r.files());
            storeMessage(msg);
        }
        ObjectNode finalMsg = msg;
        return Reply.json(msg.deepCopy()).then(() -> echo("MESSAGE_CREATE", finalMsg));
    }

    Reply listMessages(RecordedRequest r, String channelId) {
        int limit = 50;
        Matcher lm = Pattern.compile("(?:^|&)limit=(\\d+)").matcher(r.query());
        if (lm.find()) {
            limit = Integer.parseInt(lm.group(1));
        }
        synchronized (lock) {
            if (state.channelOrNull(channelId) == null) {
                return Reply.notFound("Channel", 10003);
            }
            List<ObjectNode> inChannel = state.messages.values().stream()
                    .filter(m -> m.get("channel_id").asText().equals(channelId))
                    .filter(m -> (m.path("flags").asInt() & FLAG_EPHEMERAL) == 0)
                    .toList();
            ArrayNode out = nodes.arrayNode();
            for (int i = inChannel.size() - 1; i >= 0 && out.size() < limit; i--) {
                out.add(inChannel.get(i).deepCopy());
            }
            return Reply.json(out);
        }
    }

    Reply editMessage(RecordedRequest r, String channelId, String messageId) {
        ObjectNode msg;
        ObjectNode answer;
        synchronized (lock) {
            msg = state.messages.get(messageId);
            if (msg == null || !msg.get("channel_id").asText().equals(channelId)) {
                return Reply.notFound("Message", 10008);
            }
            json.mergeMessage(msg, r.jsonBody(), r.files());
            answer = withCurrentThread(msg);
        }
        ObjectNode finalMsg = msg;
        return Reply.json(answer).then(() -> echo("MESSAGE_UPDATE", finalMsg));
    }

    Reply deleteMessage(String channelId, String messageId) {
        synchronized (lock) {
            ObjectNode msg = state.messages.get(messageId);
            if (msg == null || !msg.get("channel_id").asText().equals(channelId)) {
                return Reply.notFound("Message", 10008);
            }
            state.messages.remove(messageId);
        }
        ObjectNode event = nodes.objectNode().put("id", messageId).put("channel_id", channelId);
        synchronized (lock) {
            if (state.isGuildChannel(channelId)) {
                event.put("guild_id", GUILD_ID);
            }
        }
        return Reply.noContent().then(() -> gateway.dispatchFiltered("MESSAGE_DELETE", event));
    }

    Reply setPinned(String messageId, boolean pinned) {
        synchronized (lock) {
            ObjectNode msg = state.messages.get(messageId);
            if (msg == null) {
                return Reply.notFound("Message", 10008);
            }
            msg.put("pinned", pinned);
            return Reply.noContent();
        }
    }

    // ---------------------------------------------------------------- messages users send, and views

    String sendMessageCreate(String channelId, String userId, String content) {
        ObjectNode event;
        synchronized (lock) {
            if (state.channelFor(channelId, userId) == null) {
                throw new IllegalArgumentException("Unknown channel " + channelId);
            }
            ObjectNode body = nodes.objectNode().put("content", content);
            ObjectNode msg = json.newMessage(state.newSnowflake(), channelId, state.userJson(userId), body, List.of());
            storeMessage(msg);
            event = gatewayMessage(msg);
        }
        gateway.dispatchFiltered("MESSAGE_CREATE", event);
        return event.get("id").asText();
    }

    void sendMessageUpdate(String channelId, String messageId, String newContent) {
        ObjectNode event;
        synchronized (lock) {
            ObjectNode msg = state.messages.get(messageId);
            if (msg == null) {
                throw new IllegalArgumentException("Unknown message " + messageId);
            }
            msg.put("content", newContent);
            msg.put("edited_timestamp", FakeState.now());
            json.fillMentions(msg);
            event = gatewayMessage(msg);
        }
        gateway.dispatchFiltered("MESSAGE_UPDATE", event);
    }

    void sendMessageDelete(String channelId, String messageId) {
        ObjectNode event = nodes.objectNode();
        synchronized (lock) {
            state.messages.remove(messageId);
            event.put("id", messageId);
            event.put("channel_id", channelId);
            if (state.isGuildChannel(channelId)) {
                event.put("guild_id", GUILD_ID);
            }
        }
        gateway.dispatchFiltered("MESSAGE_DELETE", event);
    }

    JsonNode message(String messageId) {
        synchronized (lock) {
            ObjectNode m = state.messages.get(messageId);
            return m == null ? null : m.deepCopy();
        }
    }

    List<JsonNode> messagesWithNonce(String nonce) {
        return state.createdMessages.matching(
                m -> m.hasNonNull("nonce") && m.get("nonce").asText().equals(nonce));
    }

    long countMessagesBy(Predicate<JsonNode> predicate) {
        return state.createdMessages.count(predicate);
    }

    List<JsonNode> createdMessagesIn(String channelId) {
        return state.createdMessages.matching(m -> m.path("channel_id").asText().equals(channelId));
    }

    List<JsonNode> botMessages() {
        return state.createdMessages.matching(
                m -> BOT_ID.equals(m.path("author").path("id").asText()));
    }

    Map<String, Long> createdMessageCountsByChannel() {
        return state.createdMessages.countsByChannel();
    }

    List<JsonNode> awaitCreatedMessages(Predicate<JsonNode> predicate, int count, Duration timeout) {
        return state.createdMessages.await(predicate, count, timeout, "created message(s)");
    }

    List<JsonNode> messagesPostedTo(String channelId) {
        return messagePosts(channelId).stream().map(RecordedRequest::jsonBody).toList();
    }

    private List<RecordedRequest> messagePosts(String channelId) {
        return recorder.requests("POST", "/channels/" + Pattern.quote(channelId) + "/messages");
    }

    List<JsonNode> awaitMessagesPostedTo(String channelId, int count, Duration timeout) {
        recorder.await(
                () -> recorder.answeredCount(messagePosts(channelId)) >= count,
                timeout,
                () -> count + " message(s) posted to channel " + channelId + ". Requests so far:\n"
                        + recorder.describeRequests());
        return messagesPostedTo(channelId);
    }
}
