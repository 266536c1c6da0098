package org.campops.testing.fakediscord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a REST route of {@link FakeDiscord} answers: a status, a JSON body (none for 204) and what to do once the
 * answer is written (typically dispatching the gateway events the change causes, as Discord does after answering).
 */
record Reply(int status, JsonNode body, Runnable after) {

    static Reply json(JsonNode body) {
        return new Reply(200, body, null);
    }

    static Reply noContent() {
        return new Reply(204, null, null);
    }

    Reply then(Runnable runnable) {
        return new Reply(status, body, runnable);
    }

    /** Discord's error body: {@code {"message": ..., "code": ...}}. */
    static ObjectNode error(String message, int code) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("message", message);
        e.put("code", code);
        return e;
    }

    static Reply failure(int status, String message, int code) {
        return new Reply(status, error(message, code), null);
    }

    static Reply notFound(String what, int code) {
        return failure(404, "Unknown " + what, code);
    }

    static Reply missingPermissions() {
        return failure(403, "Missing Permissions", 50013);
    }

    static Reply invalidForm(String field, String message) {
        ObjectNode e = error("Invalid Form Body", 50035);
        e.putObject("errors")
                .putObject(field)
                .putArray("_errors")
                .addObject()
                .put("code", "BASE_TYPE_INVALID")
                .put("message", message);
        return new Reply(400, e, null);
    }
}
