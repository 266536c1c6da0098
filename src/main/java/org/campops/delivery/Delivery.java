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

    /** The start of the target of a row that starts a new thread: {@code new-thread:<delivery key>}. */
    static final String NEW_THREAD = "new-thread:";

    /**
     * What the row's order is kept within: rows to one target are sent one after another, in order. That is the
     * channel (or member, for DMs) the row goes to, except for a row that starts a new thread (a forum post, a thread
     * on a text channel's message): it is a target of its own, {@code new-thread:<delivery key>}, so a burst of forum
     * posts does not queue behind one another. Nothing of the new thread can be queued before it exists (later rows
     * name the thread's id, known once this row is sent), so its own later rows still come after it.
     */
    public String target() {
        return target(
                payload.kind().name(),
                payload.kind() == Payload.Kind.DM ? "dm:" + payload.target() : payload.target(),
                key);
    }

    /** {@link #target()} of a stored row, from its kind, its {@code target} column and its delivery key. */
    static String target(String kind, String storedTarget, String key) {
        return Payload.Kind.THREAD.name().equals(kind) ? NEW_THREAD + key : storedTarget;
    }
}
