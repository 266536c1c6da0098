package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;
import static org.campops.testing.fakediscord.MessageJson.FLAG_EPHEMERAL;
import static org.campops.testing.fakediscord.MessageJson.FLAG_LOADING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.campops.testing.fakediscord.FakeState.Interaction;

/**
 * How the bot answers interactions: the callback route (reply, deferred reply, message update; acknowledged once),
 * follow-ups and the original response through the interaction webhook, and the views tests read (callbacks,
 * follow-ups, edits of the original, the original as the fake holds it).
 */
final class FakeInteractionReplies {

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final MessageJson json;
    private final FakeMessages messages;
    private final FakeRecorder recorder;

    FakeInteractionReplies(FakeState state, MessageJson json, FakeMessages messages, FakeRecorder recorder) {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.json = json;
        this.messages = messages;
        this.recorder = recorder;
    }

    Reply interactionCallback(RecordedRequest r, String interactionId, String token) {
        Interaction i = state.interactionsById.get(interactionId);
        if (i == null || !i.token().equals(token)) {
            return Reply.notFound("interaction", 10062);
        }
        JsonNode body = r.jsonBody();
        if (!state.acknowledged.add(interactionId)) {
            return Reply.failure(400, "Interaction has already been acknowledged.", 40060);
        }
        int type = body.path("type").asInt();
        JsonNode data = body.path("data");
        boolean ephemeral = (data.path("flags").asInt() & FLAG_EPHEMERAL) != 0;

        ObjectNode response = nodes.objectNode();
        ObjectNode interaction = response.putObject("interaction");
        interaction.put("id", interactionId);
        interaction.put("type", i.type());
        interaction.putNull("activity_instance_id");
        ObjectNode resource = response.putObject("resource");
        resource.put("type", type);
        Runnable after = null;

        synchronized (lock) {
            switch (type) {
                case 4, 5 -> {
                    ObjectNode msg = interactionMessage(i, type == 4 ? data : nodes.objectNode(), r.files(), true);
                    if (type == 5) {
                        msg.put("flags", FLAG_LOADING | (ephemeral ? FLAG_EPHEMERAL : 0));
                    }
                    state.originals.put(token, msg);
                    messages.storeMessage(msg);
                    interaction.put("response_message_id", msg.get("id").asText());
                    interaction.put("response_message_loading", type == 5);
                    interaction.put("response_message_ephemeral", ephemeral);
                    resource.set("message", msg.deepCopy());
                    if (type == 4) {
                        after = () -> messages.echo("MESSAGE_CREATE", msg);
                    }
                }
                case 7 -> {
                    ObjectNode msg = state.originals.get(token);
                    if (msg == null) {
                        msg = interactionMessage(i, data, r.files(), false);
                        state.originals.put(token, msg);
                        messages.storeMessage(msg);
                    } else {
                        json.mergeMessage(msg, data, r.files());
                    }
                    interaction.put("response_message_id", msg.get("id").asText());
                    interaction.put("response_message_loading", false);
                    interaction.put(
                            "response_message_ephemeral", (msg.path("flags").asInt() & FLAG_EPHEMERAL) != 0);
                    resource.set("message", msg.deepCopy());
                    ObjectNode finalMsg = msg;
                    after = () -> messages.echo("MESSAGE_UPDATE", finalMsg);
                }
                default -> {
                    // 1 pong, 6 deferred update, 8 autocomplete result, 9 modal, 10/12: nothing to build
                }
            }
        }
        Runnable echoAfter = after;
        return Reply.json(response).then(() -> {
            state.callbacks.put(interactionId, body);
            if (echoAfter != null) {
                echoAfter.run();
            }
        });
    }

    private ObjectNode interactionMessage(
            Interaction i, JsonNode data, List<RecordedRequest.Part> files, boolean original) {
        ObjectNode msg = json.newMessage(state.newSnowflake(), i.channelId(), state.userJson(BOT_ID), data, files);
        msg.put("webhook_id", BOT_ID);
        msg.put("application_id", BOT_ID);
        if (original && i.type() == 2 && !data.hasNonNull("message_reference")) {
            msg.put("type", 20);
        }
        ObjectNode meta = msg.putObject("interaction_metadata");
        meta.put("id", i.id());
        meta.put("type", i.type());
        meta.set("user", state.userJson(i.userId()));
        meta.putObject("authorizing_integration_owners").put("0", i.guildId() == null ? "0" : GUILD_ID);
        return msg;
    }

    Reply followup(RecordedRequest r, String token) {
        Interaction i = state.interactionsByToken.get(token);
        if (i == null) {
            return Reply.notFound("Webhook", 10015);
        }
        ObjectNode msg;
        synchronized (lock) {
            msg = interactionMessage(i, r.jsonBody(), r.files(), false);
            messages.storeMessage(msg);
        }
        ObjectNode finalMsg = msg;
        return Reply.json(msg.deepCopy()).then(() -> messages.echo("MESSAGE_CREATE", finalMsg));
    }

    Reply webhookMessage(RecordedRequest r, String token, String messageId) {
        Interaction i = state.interactionsByToken.get(token);
        if (i == null) {
            return Reply.notFound("Webhook", 10015);
        }
        synchronized (lock) {
            boolean isOriginal = "@original".equals(messageId);
            ObjectNode msg = isOriginal ? state.originals.get(token) : state.messages.get(messageId);
            switch (r.method()) {
                case "GET" -> {
                    return msg == null ? Reply.notFound("Message", 10008) : Reply.json(msg.deepCopy());
                }
                case "DELETE" -> {
                    if (msg == null) {
                        return Reply.notFound("Message", 10008);
                    }
                    state.messages.remove(msg.get("id").asText());
                    if (isOriginal) {
                        state.originals.remove(token);
                    }
                    return Reply.noContent();
                }
                default -> {
                    if (msg == null) {
                        if (!isOriginal) {
                            return Reply.notFound("Message", 10008);
                        }
                        msg = interactionMessage(i, r.jsonBody(), r.files(), true);
                        state.originals.put(token, msg);
                        messages.storeMessage(msg);
                    } else {
                        json.mergeMessage(msg, r.jsonBody(), r.files());
                    }
                    ObjectNode finalMsg = msg;
                    return Reply.json(msg.deepCopy()).then(() -> messages.echo("MESSAGE_UPDATE", finalMsg));
                }
            }
        }
    }

    // ---------------------------------------------------------------- views

    JsonNode callbackFor(String interactionId, Duration timeout) {
        recorder.await(
                () -> state.callbacks.containsKey(interactionId),
                timeout,
                () -> "a callback for interaction " + interactionId + ". Requests so far:\n"
                        + recorder.describeRequests());
        return state.callbacks.get(interactionId);
    }

    JsonNode callbackOrNull(String interactionId) {
        return state.callbacks.get(interactionId);
    }

    List<JsonNode> followupsFor(String interactionId) {
        return followupRequests(interactionId).stream()
                .map(RecordedRequest::jsonBody)
                .toList();
    }

    private List<RecordedRequest> followupRequests(String interactionId) {
        Interaction i = state.interactionsById.get(interactionId);
        if (i == null) {
            return List.of();
        }
        return recorder.requests("POST", "/webhooks/[^/]+/" + Pattern.quote(i.token()));
    }

    List<JsonNode> awaitFollowups(String interactionId, int count, Duration timeout) {
        recorder.await(
                () -> recorder.answeredCount(followupRequests(interactionId)) >= count,
                timeout,
                () -> count + " follow-up(s) for interaction " + interactionId);
        return followupsFor(interactionId);
    }

    List<JsonNode> originalEditsFor(String interactionId) {
        return originalEditRequests(interactionId).stream()
                .map(RecordedRequest::jsonBody)
                .toList();
    }

    private List<RecordedRequest> originalEditRequests(String interactionId) {
        Interaction i = state.interactionsById.get(interactionId);
        if (i == null) {
            return List.of();
        }
        return recorder.requests("PATCH", "/webhooks/[^/]+/" + Pattern.quote(i.token()) + "/messages/@original");
    }

    JsonNode originalResponse(String interactionId) {
        Interaction i = state.interactionsById.get(interactionId);
        if (i == null) {
            return null;
        }
        synchronized (lock) {
            ObjectNode m = state.originals.get(i.token());
            return m == null ? null : m.deepCopy();
        }
    }

    List<JsonNode> awaitOriginalEdits(String interactionId, int count, Duration timeout) {
        recorder.await(
                () -> recorder.answeredCount(originalEditRequests(interactionId)) >= count,
                timeout,
                () -> count + " edit(s) of the original response of interaction " + interactionId);
        return originalEditsFor(interactionId);
    }
}
