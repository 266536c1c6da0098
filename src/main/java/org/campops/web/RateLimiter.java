package org.campops.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: each holds up to {@code perMinute} requests and fills again at
 * {@code perMinute} a minute. An IPv6 client counts by its /64 (one host usually has the whole prefix). At most
 * {@code maxClients} buckets are kept: the one used least recently goes first, so memory stays bounded whatever the
 * number of addresses (a forgotten client starts again with a full bucket).
 */
public final class RateLimiter {
    /** Whether a request may go on; when not, how many whole seconds until it may (at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    public static final int DEFAULT_MAX_CLIENTS = 10_000;
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int perMinute) {
        this(perMinute, DEFAULT_MAX_CLIENTS, System::nanoTime);
    }

    RateLimiter(int perMinute, int maxClients, LongSupplier nanoTime) {
        if (perMinute < 1 || maxClients < 1) {
            throw new IllegalArgumentException("perMinute and maxClients must be positive");
        }
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Takes one request from {@code address}'s bucket. */
    public synchronized Decision take(String address) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.computeIfAbsent(client(address), k -> new Bucket(perMinute, now));
        double refill = (double) (now - b.at) * perMinute / MINUTE_NANOS;
        b.tokens = Math.min(perMinute, b.tokens + Math.max(0, refill));
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return new Decision(true, 0);
        }
        double waitNanos = (1 - b.tokens) * MINUTE_NANOS / perMinute;
        return new Decision(false, Math.max(1, (long) Math.ceil(waitNanos / TimeUnit.SECONDS.toNanos(1))));
    }

    /** How many clients have a bucket now (tests). */
    synchronized int clients() {
        return buckets.size();
    }

    /** The key of an address: itself for IPv4, its /64 for IPv6 (an address as the server gives it, never a name). */
    static String client(String address) {
        if (address == null || !address.contains(":")) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? "v6:" + Arrays.toString(Arrays.copyOf(bytes, 8)) : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
