package org.campops.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * What an outbox row is for: its {@link #text()} is the row's unique {@code delivery_key}, so queueing the
 * same key twice stores one row (exactly once). Each feature has one key type that formats its keys and
 * parses stored ones (e.g. {@code qa.QaKey}); the text is the format rows already hold, parts joined by ':'.
 */
public interface DeliveryKey {
    /** The stored text, at most 200 characters. */
    String text();

    /** Joins the parts of a key with ':' (the one separator of every key). */
    static String join(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            sb.append(sb.isEmpty() ? "" : ":").append(part);
        }
        return sb.toString();
    }

    /** The ':'-separated parts of a stored key (empty parts kept). */
    static List<String> parts(String text) {
        return List.of(text.split(":", -1));
    }

    /**
     * The nonce of a delivery key: 20 hex characters of its SHA-256, so a retry of the same row
     * carries the same nonce and Discord (with {@code enforce_nonce}) returns the earlier message.
     */
    static String nonce(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                sb.append(String.format("%02x", hash[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
