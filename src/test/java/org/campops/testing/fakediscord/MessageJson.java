package org.campops.testing.fakediscord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord message objects as the fake builds them from what the bot (or a test, for a user) sends: content, mentions,
 * attachments from multipart parts, embeds and components with the media fields JDA expects, replies, polls; and edits
 * merged into a stored message. Nothing here stores or dispatches anything.
 */
final class MessageJson {

    static final int FLAG_EPHEMERAL = 64;
    static final int FLAG_LOADING = 128;
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");

    private final FakeState state;
    private final JsonNodeFactory nodes;

    MessageJson(FakeState state) {
        this.state = state;
        this.nodes = state.nodes;
    }

    /** Builds a message object; caller holds lock. */
    ObjectNode newMessage(
            String id, String channelId, ObjectNode author, JsonNode body, List<RecordedRequest.Part> files) {
        ObjectNode m = nodes.objectNode();
        m.put("id", id);
        m.put("channel_id", channelId);
        m.set("author", author);
        m.put("type", body.hasNonNull("message_reference") ? 19 : 0);
        m.put("content", body.path("content").asText(""));
        m.put("timestamp", FakeState.now());
        m.putNull("edited_timestamp");
        m.put("tts", body.path("tts").asBoolean(false));
        m.put("mention_everyone", false);
        m.put("pinned", false);
        m.put("flags", body.path("flags").asInt(0) & (4 | FLAG_EPHEMERAL | 4096 | 32768));
        m.set("attachments", attachments(channelId, body.path("attachments"), files, nodes.arrayNode()));
        m.set("embeds", normalizeEmbeds(body.path("embeds")));
        m.set("components", normalizeComponents(body.path("components"), m.get("attachments")));
        if (body.hasNonNull("nonce")) {
            m.set("nonce", body.get("nonce").deepCopy());
        }
        if (body.hasNonNull("message_reference")) {
            ObjectNode ref = body.get("message_reference").deepCopy();
            if (!ref.has("channel_id")) {
                ref.put("channel_id", channelId);
            }
            ref.put("type", ref.path("type").asInt(0));
            m.set("message_reference", ref);
            ObjectNode referenced = state.messages.get(ref.path("message_id").asText());
            if (referenced != null) {
                m.set("referenced_message", referenced.deepCopy());
            }
        }
        if (body.hasNonNull("poll")) {
            m.set("poll", poll(body.get("poll")));
        }
        fillMentions(m);
        return m;
    }

    /** Sets mentions, mention_roles and mention_everyone from the content; caller holds lock. */
    void fillMentions(ObjectNode m) {
        String content = m.path("content").asText("");
        ArrayNode mentions = m.putArray("mentions");
        Set<String> seen = new LinkedHashSet<>();
        Matcher um = USER_MENTION.matcher(content);
        while (um.find()) {
            if (seen.add(um.group(1)) && state.users.containsKey(um.group(1))) {
                mentions.add(state.userJson(um.group(1)));
            }
        }
        ArrayNode roleMentions = m.putArray("mention_roles");
        Matcher rm = ROLE_MENTION.matcher(content);
        while (rm.find()) {
            if (state.roles.containsKey(rm.group(1))) {
                roleMentions.add(rm.group(1));
            }
        }
        m.put("mention_everyone", content.contains("@everyone") || content.contains("@here"));
    }

    private ArrayNode attachments(
            String channelId, JsonNode requested, List<RecordedRequest.Part> files, ArrayNode existing) {
        ArrayNode out = nodes.arrayNode();
        Map<String, RecordedRequest.Part> byIndex = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            RecordedRequest.Part part = files.get(i);
            String idx = String.valueOf(i);
            if (part.name() != null
                    && part.name().startsWith("files[")
                    && part.name().endsWith("]")) {
                idx = part.name().substring(6, part.name().length() - 1);
            }
            byIndex.put(idx, part);
        }
        if (requested.isArray() && !requested.isEmpty()) {
            for (JsonNode a : requested) {
                String id = a.path("id").asText();
                RecordedRequest.Part part = byIndex.remove(id);
                if (part != null) {
                    out.add(attachment(channelId, part, a));
                } else {
                    for (JsonNode old : existing) {
                        if (old.path("id").asText().equals(id)) {
                            out.add(old.deepCopy());
                        }
                    }
                }
            }
        }
        byIndex.values().forEach(part -> out.add(attachment(channelId, part, nodes.objectNode())));
        return out;
    }

    private ObjectNode attachment(String channelId, RecordedRequest.Part part, JsonNode meta) {
        String id = state.newSnowflake();
        String filename = meta.path("filename").asText(part.filename());
        ObjectNode a = nodes.objectNode();
        a.put("id", id);
        a.put("filename", filename);
        a.put("size", part.content().getBytes(StandardCharsets.UTF_8).length);
        a.put("url", "https://cdn.discordapp.com/attachments/" + channelId + "/" + id + "/" + filename);
        a.put("proxy_url", "https://media.discordapp.net/attachments/" + channelId + "/" + id + "/" + filename);
        a.put("content_type", part.contentType() == null ? "application/octet-stream" : part.contentType());
        if (meta.hasNonNull("description")) {
            a.put("description", meta.get("description").asText());
        }
        return a;
    }

    private ArrayNode normalizeEmbeds(JsonNode embeds) {
        ArrayNode out = nodes.arrayNode();
        for (JsonNode e : embeds) {
            ObjectNode copy = FakeState.objectOrEmpty(e, nodes).deepCopy();
            if (!copy.hasNonNull("type")) {
                copy.put("type", "rich");
            }
            for (String media : List.of("image", "thumbnail")) {
                if (copy.get(media) instanceof ObjectNode mo && mo.hasNonNull("url") && !mo.has("proxy_url")) {
                    mo.put("proxy_url", mo.get("url").asText());
                }
            }
            out.add(copy);
        }
        return out;
    }

    /** Copies components, resolving attachment:// urls and adding the proxy_url JDA requires on media. */
    private ArrayNode normalizeComponents(JsonNode components, JsonNode attachments) {
        ArrayNode out = nodes.arrayNode();
        for (JsonNode c : components) {
            JsonNode copy = c.deepCopy();
            fixMedia(copy, attachments);
            out.add(copy);
        }
        return out;
    }

    private void fixMedia(JsonNode node, JsonNode attachments) {
        if (node instanceof ObjectNode o) {
            for (String key : List.of("media", "file")) {
                if (o.get(key) instanceof ObjectNode media && media.hasNonNull("url")) {
                    String url = media.get("url").asText();
                    if (url.startsWith("attachment://")) {
                        String name = url.substring("attachment://".length());
                        String resolved = "https://cdn.discordapp.com/attachments/0/0/" + name;
                        for (JsonNode a : attachments) {
                            if (name.equals(a.path("filename").asText())) {
                                resolved = a.path("url").asText();
                            }
                        }
                        media.put("url", resolved);
                    }
                    if (!media.hasNonNull("proxy_url")) {
                        media.put("proxy_url", media.get("url").asText());
                    }
                }
            }
            o.elements().forEachRemaining(child -> fixMedia(child, attachments));
        } else if (node instanceof ArrayNode a) {
            a.forEach(child -> fixMedia(child, attachments));
        }
    }

    private ObjectNode poll(JsonNode request) {
        ObjectNode p = nodes.objectNode();
        p.set("question", request.path("question").deepCopy());
        ArrayNode answers = p.putArray("answers");
        int n = 1;
        for (JsonNode a : request.path("answers")) {
            ObjectNode answer = answers.addObject();
            answer.put("answer_id", n++);
            answer.set("poll_media", a.path("poll_media").deepCopy());
        }
        int hours = request.path("duration").asInt(24);
        p.put("expiry", FakeState.timestamp(OffsetDateTime.now(ZoneOffset.UTC).plusHours(hours)));
        p.put("allow_multiselect", request.path("allow_multiselect").asBoolean(false));
        p.put("layout_type", request.path("layout_type").asInt(1));
        p.putObject("results").put("is_finalized", false).putArray("answer_counts");
        return p;
    }

    /** Applies an edit (content, embeds, attachments, components, flags) to a stored message; caller holds lock. */
    void mergeMessage(ObjectNode msg, JsonNode body, List<RecordedRequest.Part> files) {
        if (body.has("content")) {
            msg.put("content", body.path("content").asText(""));
        }
        if (body.has("embeds")) {
            msg.set("embeds", normalizeEmbeds(body.path("embeds")));
        }
        if (body.has("attachments") || !files.isEmpty()) {
            JsonNode requested = body.has("attachments") ? body.get("attachments") : msg.path("attachments");
            msg.set("attachments", attachments(msg.get("channel_id").asText(), requested, files, (ArrayNode)
                    msg.get("attachments")));
        }
        if (body.has("components")) {
            msg.set("components", normalizeComponents(body.path("components"), msg.get("attachments")));
        }
        if (body.has("flags")) {
            int keep = msg.path("flags").asInt() & (FLAG_EPHEMERAL | 32768);
            msg.put("flags", keep | (body.path("flags").asInt() & (4 | 32768)));
        }
        msg.put("flags", msg.path("flags").asInt() & ~FLAG_LOADING);
        msg.put("edited_timestamp", FakeState.now());
        fillMentions(msg);
    }
}
