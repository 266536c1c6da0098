package org.campops.testing.fakediscord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/** Tests change a forum's tags: a tag removed from a forum, as an organizer would in the channel's settings. */
final class FakeForumTags {
    private final FakeState state;
    private final FakeGateway gateway;

    FakeForumTags(FakeState state, FakeGateway gateway) {
        this.state = state;
        this.gateway = gateway;
    }

    /** Removes the tag named {@code name} from the forum; dispatches CHANNEL_UPDATE. */
    void remove(String forumId, String name) {
        ObjectNode updated;
        synchronized (state.lock) {
            ObjectNode forum = state.channels.get(forumId);
            if (forum == null || forum.get("type").asInt() != 15) {
                throw new IllegalArgumentException("Not a forum: " + forumId);
            }
            ArrayNode tags = (ArrayNode) forum.get("available_tags");
            boolean removed = false;
            for (Iterator<JsonNode> it = tags.elements(); it.hasNext(); ) {
                if (it.next().path("name").asText().equals(name)) {
                    it.remove();
                    removed = true;
                }
            }
            if (!removed) {
                throw new IllegalArgumentException("No tag " + name + " in " + forumId);
            }
            updated = forum.deepCopy();
        }
        gateway.dispatch("CHANNEL_UPDATE", updated);
    }
}
