package org.campops.testing.fakediscord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every message {@link FakeDiscord} created, in creation order (deleted ones included), and the index Discord's
 * {@code enforce_nonce} deduplication needs. All state is guarded by FakeDiscord's lock, which is also the monitor
 * waiters sleep on.
 *
 * <h2>How long Discord remembers a nonce</h2>
 * Discord publishes no exact figure. The Create Message documentation says that with {@code enforce_nonce} the nonce
 * "will be checked for uniqueness in the past few minutes. If another message was created by the same author with the
 * same nonce, that message will be returned and no new message will be created"; the change log entry "Enforced
 * Nonces on Create Message Endpoint" (2024-02-12) says "deduped for the same sender within a few minutes"; the pull
 * request that documented it (discord/discord-api-docs#6647) says "in a short duration", and its author added there
 * that a message created with the nonce and deleted since is not re-created (the request then fails with Unknown
 * Message). The fake therefore remembers a nonce for {@link #DEFAULT_NONCE_WINDOW} (two minutes: the short end of "a
 * few minutes", so tests do not rely on more than Discord promises), configurable with
 * {@link FakeDiscord#setNonceWindow}. It keys by channel, author and nonce (the documentation only names the author;
 * a nonce reused in another channel creates a new message here). Only {@code POST /channels/{id}/messages} takes
 * {@code nonce}/{@code enforce_nonce}: in Discord's OpenAPI description the {@code message} of a forum post
 * ({@code POST /channels/{id}/threads}, schema {@code BaseCreateMessageCreateRequest}) has neither field, and JDA sends
 * none there, so forum posts are never deduplicated.
 */
final class MessageLog {

    /** Default time a nonce is remembered for {@code enforce_nonce}. */
    static final Duration DEFAULT_NONCE_WINDOW = Duration.ofMinutes(2);

    private final Object lock;
    private final List<ObjectNode> created = new ArrayList<>();
    private final Map<String, Created> byNonce = new HashMap<>();
    private long nonceWindowNanos = DEFAULT_NONCE_WINDOW.toNanos();

    private record Created(ObjectNode message, long nanoTime) {}

    MessageLog(Object lock) {
        this.lock = lock;
    }

    /** Records a newly created message (the live object FakeDiscord keeps); caller holds the lock. */
    void add(ObjectNode message) {
        created.add(message);
        JsonNode nonce = message.get("nonce");
        if (nonce != null && !nonce.isNull()) {
            byNonce.put(
                    key(
                            message.path("channel_id").asText(),
                            message.path("author").path("id").asText(),
                            nonce.asText()),
                    new Created(message, System.nanoTime()));
        }
        lock.notifyAll();
    }

    /**
     * For a create-message body with {@code nonce} and {@code enforce_nonce: true}: the message the same author
     * created in the same channel with that nonce within the window, else null. Caller holds the lock.
     */
    ObjectNode earlierWithNonce(String channelId, String authorId, JsonNode body) {
        JsonNode nonce = body.get("nonce");
        if (nonce == null || nonce.isNull() || !body.path("enforce_nonce").asBoolean(false)) {
            return null;
        }
        Created c = byNonce.get(key(channelId, authorId, nonce.asText()));
        if (c == null || System.nanoTime() - c.nanoTime() >= nonceWindowNanos) {
            return null;
        }
        return c.message();
    }

    void setNonceWindow(Duration window) {
        synchronized (lock) {
            nonceWindowNanos = Objects.requireNonNull(window).toNanos();
        }
    }

    /** Copies of the created messages matching the predicate, oldest first. */
    List<JsonNode> matching(Predicate<JsonNode> predicate) {
        synchronized (lock) {
            List<JsonNode> out = new ArrayList<>();
            for (ObjectNode m : created) {
                if (predicate.test(m)) {
                    out.add(m.deepCopy());
                }
            }
            return out;
        }
    }

    long count(Predicate<JsonNode> predicate) {
        synchronized (lock) {
            return created.stream().filter(predicate).count();
        }
    }

    Map<String, Long> countsByChannel() {
        synchronized (lock) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (ObjectNode m : created) {
                out.merge(m.path("channel_id").asText(), 1L, Long::sum);
            }
            return out;
        }
    }

    /** Waits (on the lock's monitor, woken by every creation) until {@code count} messages match. */
    List<JsonNode> await(Predicate<JsonNode> predicate, int count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (count(predicate) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out after " + timeout + " waiting for " + count + " " + what + "; "
                            + count(predicate) + " so far");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            return matching(predicate);
        }
    }

    private static String key(String channelId, String authorId, String nonce) {
        return channelId + '\u0000' + authorId + '\u0000' + nonce;
    }
}
