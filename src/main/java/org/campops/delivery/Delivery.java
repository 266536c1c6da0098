package org.campops.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One outbox row. */
public record Delivery(
        long id,
        String key,
        Payload payload,
        @Nullable String onSent,
        Status status,
        int attempts,
        Instant dueAt,
        Instant nextAttemptAt,
        @Nullable String lastError,
        @Nullable String result,
        Instant createdAt,
        @Nullable Instant sentAt) {

    /** PENDING until claimed; SENDING while a dispatcher holds its lease; SENT and FAILED are final. */
    public enum Status {
        PENDING,
        SENDING,
        SENT,
        FAILED
    }

    /** The channel (or member, for DMs) the row goes to: rows to one target are sent in order. */
    public String target() {
        return payload.kind() == Payload.Kind.DM ? "dm:" + payload.target() : payload.target();
    }
}
