package org.campops.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The one way a feature makes the bot post: it writes a row here inside the transaction of the
 * state change that causes the post. The {@link Dispatcher} sends it after the commit. A row's
 * delivery key is unique, so enqueueing the same purpose for the same recipient twice (a re-fired
 * trigger, a second instance) stores it once.
 */
public final class Outbox {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Database db;
    private final Clock clock;
    private final Map<String, SentHandler> handlers = new ConcurrentHashMap<>();
    private volatile Runnable wake = () -> {};
    private volatile @Nullable DmOpener dmOpener;

    public Outbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * What a feature does when one of its rows was sent (in the transaction that marks it sent), or
     * failed for good. {@code ref} is what follows the handler name in {@code onSent} ("qa.thread:42" → "42").
     */
    public interface SentHandler {
        void onSent(Handle c, String ref, Delivery delivery, @Nullable String result) throws SQLException;

        /** After the commit of {@link #onSent} (e.g. to update an in-memory index). */
        default void afterSent(String ref, Delivery delivery, @Nullable String result) {}

        default void onFailed(Handle c, String ref, Delivery delivery, @Nullable String error) throws SQLException {}
    }

    /** Registers the handler for rows whose {@code onSent} starts with {@code name + ":"}. */
    public void onSent(String name, SentHandler handler) {
        handlers.put(name, handler);
    }

    Optional<SentHandler> handler(@Nullable String onSent) {
        if (onSent == null) {
            return Optional.empty();
        }
        int colon = onSent.indexOf(':');
        return Optional.ofNullable(handlers.get(colon < 0 ? onSent : onSent.substring(0, colon)));
    }

    static String ref(@Nullable String onSent) {
        int colon = onSent == null ? -1 : onSent.indexOf(':');
        return colon < 0 || onSent == null ? "" : onSent.substring(colon + 1);
    }

    void setWake(Runnable wake) {
        this.wake = wake;
    }

    void setDmOpener(DmOpener dmOpener) {
        this.dmOpener = dmOpener;
    }

    /** A member's command was handled: DM channels are opened ahead only once commands were quiet for a second. */
    public void commandHandled() {
        toDmOpener(DmOpener::commandHandled);
    }

    private void toDmOpener(java.util.function.Consumer<DmOpener> action) {
        DmOpener o = dmOpener;
        if (o != null) {
            action.accept(o);
        }
    }

    void setAwaiter(Awaiter awaiter) {
        this.awaiter = awaiter;
    }

    /** Waits for rows to become final; the dispatcher is one. */
    interface Awaiter {
        Optional<Delivery> awaitFinal(String key, java.time.Duration timeout) throws InterruptedException;
    }

    private volatile @Nullable Awaiter awaiter;

    /**
     * Waits up to {@code timeout} for the row of {@code key} to be SENT or FAILED, so a command can
     * show the result; empty when it is not final by then (it is stored and still goes out).
     */
    public Optional<Delivery> awaitFinal(String key, java.time.Duration timeout) {
        Awaiter a = awaiter;
        try {
            if (a != null) {
                return a.awaitFinal(key, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return find(key).filter(d -> d.status() == Delivery.Status.SENT || d.status() == Delivery.Status.FAILED);
    }

    /** Reads a JSON result of a sent row (a started thread, for example). */
    public static <T> T readResult(String result, Class<T> type) {
        return fromJson(result, type);
    }

    /** Queues {@code payload} under {@code key}, due now. */
    public boolean enqueue(Handle c, DeliveryKey key, Payload payload) throws SQLException {
        return enqueue(c, key, payload, null, clock.instant());
    }

    /**
     * Queues {@code payload} under {@code key}; {@code onSent} names a {@link SentHandler} (and its
     * reference), {@code due} is when the post was meant to go out (for lateness). False when the key
     * was queued before: nothing is stored twice.
     */
    public boolean enqueue(Handle c, DeliveryKey deliveryKey, Payload payload, @Nullable String onSent, Instant due)
            throws SQLException {
        String key = deliveryKey.text();
        if (key.length() > 200) {
            throw new IllegalArgumentException("delivery key too long: " + key);
        }
        // Whole milliseconds: a stored timestamp rounded up past "now" would not be due yet.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean inserted =
                OutboxRepository.insert(c, key, payload, targetOf(payload), toJson(payload), onSent, due, now);
        if (inserted) {
            db.afterCommit(wake);
        }
        return inserted;
    }

    /**
     * {@code userId} will be DMed (they joined a team, RSVP'd, set a reminder): unless their DM channel is known, it is
     * opened ahead of need once this transaction commits, in the background with request budget no post needs, so the
     * first DM to them is one request instead of two. On the sending instance the wish is handed to its opener after
     * the commit and written to {@code dm_channel_wanted} once members' commands are quiet ({@link DmOpener#want}):
     * nothing of it is on the path of the command's acknowledgement. Elsewhere (an import from the command line, an
     * instance standing by) it is written in this transaction. A wish kept in {@code dm_channel_wanted} survives a
     * restart; one that is lost (a killed process) only means the channel is opened when the first DM is sent.
     */
    public void expectDm(Handle c, String userId) {
        DmOpener opener = dmOpener;
        if (opener != null && opener.running()) {
            db.afterCommit(() -> opener.want(userId));
            return;
        }
        Instant now = clock.instant();
        if (DmWishRepository.want(c, userId, now.plus(DmOpener.SETTLE), now)) {
            db.afterCommit(() -> toDmOpener(DmOpener::wake));
        }
    }

    private static String targetOf(Payload p) {
        return p.kind() == Payload.Kind.DM ? "dm:" + p.target() : p.target();
    }

    /** The row of {@code key}, if any. */
    public Optional<Delivery> find(String key) {
        return db.inTransaction(c -> OutboxRepository.find(c, key));
    }

    /**
     * The key of a later row that changes the same member's access to the same channel as {@code access}, if
     * any: that row holds the latest wish, so this one need not be sent (sent after it, on a retry, it would
     * undo it). The payload is our own JSON, so the member id is matched in its text.
     */
    Optional<String> laterAccessChange(Delivery access) {
        String user = access.payload().userId() == null ? "" : access.payload().userId();
        String pattern = "%"
                + toJson(java.util.Map.of("userId", user))
                        .replaceAll("^\\{|\\}$", "")
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
        return db.inTransaction(c -> OutboxRepository.laterAccessChange(
                c, access.id(), access.payload().target(), pattern));
    }

    /** Whether a row whose key starts with {@code keyPrefix} was queued (a moment that already fired). */
    public boolean anyWithPrefix(String keyPrefix) {
        String pattern = keyPrefix.replace("%", "").replace("_", "\\_") + "%";
        return db.inTransaction(c -> OutboxRepository.anyLike(c, pattern));
    }

    /** How many rows wait or are in flight (PENDING and SENDING), for health and metrics; an index answers it. */
    public int depth() {
        return db.inTransaction(OutboxRepository::depth);
    }

    /** Counts of rows by status, for {@code /status}. */
    public Map<Delivery.Status, Integer> counts() {
        return db.inTransaction(OutboxRepository::counts);
    }

    /** The most recent rows that failed for good, newest first. */
    public List<Delivery> failures(int limit) {
        return db.inTransaction(c -> OutboxRepository.failures(c, limit));
    }

    /** Records that an organizer was shown these FAILED rows ({@code /status}): from now on {@link Retention} counts. */
    public void failuresSeen(List<Delivery> shown) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            for (Delivery d : shown) {
                OutboxRepository.failureSeen(c, d.id(), now);
            }
            return null;
        });
    }

    /** Rows not yet sent (pending or in flight), oldest first. */
    public List<Delivery> unsent(int limit) {
        return db.inTransaction(c -> OutboxRepository.unsent(c, limit));
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T fromJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + type.getSimpleName(), e);
        }
    }

    static Payload fromJson(String json) {
        return fromJson(json, Payload.class);
    }

    /** The nonce of a stored delivery key (see {@link DeliveryKey#nonce}). */
    public static String nonce(String key) {
        return DeliveryKey.nonce(key);
    }
}
