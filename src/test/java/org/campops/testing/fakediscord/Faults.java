package org.campops.testing.fakediscord;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The bad days of Discord's REST API, for {@link FakeDiscord}: injected server errors, ambiguous failures after the
 * request was performed, dropped connections, per-route and global rate limits. Get it with
 * {@link FakeDiscord#faults()}.
 *
 * <p>Faults are matched against the HTTP method (case-insensitive; {@code null} or {@code "*"} matches any) and the
 * request path relative to {@code /api/v10} (e.g. {@code /channels/123/messages}, no query string), which
 * {@code pathRegex} must match entirely. Rules fire in the order they were added; the first matching rule that fires
 * decides. Every fault that fired is recorded as an {@link Injection} ({@link #injections()}), rate limits included,
 * and counted. Everything here is thread-safe (JDA sends from several threads).
 *
 * <p>What happens to a request, in order:
 * <ol>
 *   <li>the fake records it ({@link FakeDiscord#requests()}), whatever follows;</li>
 *   <li>global limit ({@link #enforceGlobalLimit}): above the limit in the last rolling second it is answered
 *       429 {@code {"global": true}}; interaction endpoints are exempt;</li>
 *   <li>"before" rules ({@link #failNext}, {@link #failRate}, {@link #rateLimitNext}, {@link #resetNext}): the
 *       request is not performed;</li>
 *   <li>the per-route bucket ({@link #routeLimit}): exhausted buckets are answered 429 with scope {@code user};</li>
 *   <li>the request is performed (messages created, state changed, gateway events dispatched);</li>
 *   <li>"after create" rules ({@link #failNextAfterCreate}, {@link #failRateAfterCreate}, {@link #resetAfterCreate})
 *       fire only when the performed request succeeded (2xx): the client gets a 5xx or a closed connection although
 *       the request took effect;</li>
 *   <li>otherwise the normal answer goes out with {@code X-RateLimit-*} headers of its route bucket.</li>
 * </ol>
 *
 * <h2>What JDA 6.5 does with these (read from its {@code Requester} and {@code SequentialRestRateLimiter})</h2>
 * <ul>
 *   <li>It retries 502, 503, 504 (and 520-524, 529) by itself, re-sending the same body (so the same nonce): four
 *       attempts in all, sleeping 500, 1000, 2000 ms between them (and 4000 ms after the last one before giving up).
 *       A 500 is not retried: the action fails with {@code ErrorResponseException}.</li>
 *   <li>An I/O error (connection closed without answer) is not retried by JDA, unless it is a
 *       {@code SocketException}/{@code SocketTimeoutException} (and {@code setRequestTimeoutRetry}, on by default).
 *       OkHttp, below JDA, silently re-sends the request (same body, same nonce) when it went out on a pooled
 *       keep-alive connection that closed without an answer, trying the next idle pooled connection and finally one
 *       fresh connection; when that fresh attempt is closed too, the {@code IOException} ("unexpected end of stream")
 *       reaches JDA, which fails the action with an {@code ErrorResponseException} caused by it. So one reset is
 *       usually invisible to JDA, and a reset after create is usually followed at once by a duplicate request.</li>
 *   <li>429: the wait is the larger of the {@code Retry-After} header and the body's {@code retry_after}, both in
 *       whole seconds (the header is parsed with {@code Long.parseLong}, so this fake sends it as an integer, as
 *       Discord does). With {@code X-RateLimit-Global} it pauses every non-interaction bucket; without it and without
 *       a {@code Via} header it assumes a Cloudflare ban and pauses everything, so every answer here carries
 *       {@code Via: 1.1 google} like Discord's.</li>
 *   <li>Success answers: JDA maps the route to {@code X-RateLimit-Bucket}, takes {@code X-RateLimit-Remaining} and
 *       {@code X-RateLimit-Reset-After} and holds the bucket's queue when Remaining is 0 until the reset.</li>
 * </ul>
 */
public final class Faults {

    /** What a fault did. */
    public enum Kind {
        /** An injected 5xx; the request was not performed. */
        FAIL,
        /** The request was performed (and dispatched), then answered with a 5xx. */
        FAIL_AFTER_CREATE,
        /** An injected per-route 429 ({@link #rateLimitNext}); the request was not performed. */
        RATE_LIMIT,
        /** A per-route 429 because the route bucket was exhausted ({@link #routeLimit}). */
        ROUTE_LIMIT,
        /** A global 429 ({@link #enforceGlobalLimit}). */
        GLOBAL_LIMIT,
        /** The connection was closed without an HTTP answer; the request was not performed. */
        RESET,
        /** The request was performed (and dispatched), then the connection was closed without an HTTP answer. */
        RESET_AFTER_CREATE,
        /** The request was caught by a {@link Hold} before it was performed. */
        HOLD,
        /** The request was performed (and dispatched), then caught by a {@link Hold} before it was answered. */
        HOLD_AFTER_CREATE
    }

    /**
     * One fault that fired.
     *
     * @param kind       what happened
     * @param method     request method
     * @param path       request path (without {@code /api/v10})
     * @param status     HTTP status sent (0 for connection resets)
     * @param retryAfter seconds announced in {@code retry_after} (429 only, else 0)
     * @param nanoTime   {@link System#nanoTime()} (or the test clock) when it fired
     * @param at         wall-clock time when it fired
     */
    public record Injection(
            Kind kind, String method, String path, int status, double retryAfter, long nanoTime, Instant at) {}

    /** Default size of a route bucket: requests per window. */
    public static final int DEFAULT_ROUTE_LIMIT = 50;
    /** Default window of a route bucket. */
    public static final Duration DEFAULT_ROUTE_WINDOW = Duration.ofSeconds(1);

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /**
     * A bucket counts as reset this much before its end: JDA truncates {@code Reset-After} to whole milliseconds and
     * uses {@code currentTimeMillis}, so its first request of the next window can come a millisecond or two early.
     */
    private static final long RESET_TOLERANCE = TimeUnit.MILLISECONDS.toNanos(10);
    /** Interaction endpoints, which Discord keeps out of the global limit (JDA's "interaction buckets"). */
    private static final Pattern GLOBAL_EXEMPT =
            Pattern.compile("/interactions/[^/]+/[^/]+/callback|/webhooks/[^/]+/[^/]+(/.*)?");

    private static final Pattern NUMERIC = Pattern.compile("\\d+");

    private final List<Rule> rules = new ArrayList<>();
    private final List<Hold> holds = new ArrayList<>();
    private final List<Latency> latencies = new ArrayList<>();
    private final List<Injection> injections = new ArrayList<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final ArrayDeque<Long> globalWindow = new ArrayDeque<>();
    private int globalLimit = 0;
    private int routeLimit = DEFAULT_ROUTE_LIMIT;
    private long routeWindow = DEFAULT_ROUTE_WINDOW.toNanos();
    private long totalRequests;
    private long globalRateLimited;
    private long routeRateLimited;
    private LongSupplier clock = System::nanoTime;

    Faults() {}

    // ================================================================ configuration

    /**
     * The next {@code count} matching requests are answered {@code status} (500, 502, 503 or 504; any 5xx is
     * accepted) without being performed.
     */
    public Faults failNext(String method, String pathRegex, int status, int count) {
        return add(new Rule(Kind.FAIL, method, pathRegex, serverError(status), count, null, 0, 0));
    }

    /**
     * Each matching request is answered {@code status} without being performed with probability {@code fraction},
     * drawn from a {@link Random} seeded with {@code seed} (one draw per matching request, so the pattern is
     * reproducible for a given order of requests). Stays active until {@link #clear()}.
     */
    public Faults failRate(String method, String pathRegex, int status, double fraction, long seed) {
        return add(new Rule(
                Kind.FAIL, method, pathRegex, serverError(status), -1, new Random(seed), fraction(fraction), 0));
    }

    /**
     * The ambiguous failure: the next {@code count} matching requests that succeed are performed (the message is
     * created, recorded and dispatched to the gateway as usual) but answered {@code status} (typically 502, 503 or
     * 504) instead of the result.
     */
    public Faults failNextAfterCreate(String method, String pathRegex, int status, int count) {
        return add(new Rule(Kind.FAIL_AFTER_CREATE, method, pathRegex, serverError(status), count, null, 0, 0));
    }

    /** Like {@link #failNextAfterCreate} for a seeded fraction of the matching successful requests. */
    public Faults failRateAfterCreate(String method, String pathRegex, int status, double fraction, long seed) {
        return add(new Rule(
                Kind.FAIL_AFTER_CREATE,
                method,
                pathRegex,
                serverError(status),
                -1,
                new Random(seed),
                fraction(fraction),
                0));
    }

    /**
     * The next {@code count} matching requests get a per-route 429 (not performed): body
     * {@code {"message","retry_after","global":false,"code":0}}, headers {@code Retry-After} (whole seconds, rounded
     * up), {@code X-RateLimit-Limit/Remaining(0)/Reset/Reset-After/Bucket} and {@code X-RateLimit-Scope: user}.
     *
     * @param retryAfter seconds, fractional, as in Discord's {@code retry_after}
     */
    public Faults rateLimitNext(String method, String pathRegex, int count, double retryAfter) {
        if (!(retryAfter >= 0)) {
            throw new IllegalArgumentException("retryAfter must be >= 0: " + retryAfter);
        }
        return add(new Rule(Kind.RATE_LIMIT, method, pathRegex, 429, count, null, 0, retryAfter));
    }

    /**
     * The next {@code count} matching requests are not performed and their connection is closed without an HTTP
     * answer (the client reads end-of-stream: OkHttp reports {@code IOException: unexpected end of stream}, Java's
     * HttpClient an {@code IOException} too). It is a close, not a TCP RST, which {@code HttpServer} cannot send.
     */
    public Faults resetNext(String method, String pathRegex, int count) {
        return add(new Rule(Kind.RESET, method, pathRegex, 0, count, null, 0, 0));
    }

    /**
     * The next {@code count} matching requests that succeed are performed (created, recorded, dispatched) and then
     * their connection is closed without an HTTP answer.
     */
    public Faults resetAfterCreate(String method, String pathRegex, int count) {
        return add(new Rule(Kind.RESET_AFTER_CREATE, method, pathRegex, 0, count, null, 0, 0));
    }

    /**
     * The next {@code count} matching requests are held open before they are performed: the client waits for an
     * answer until the test lets them through ({@link Hold#release}) or drops them
     * ({@link Hold#drop}: the connection is closed without an answer and the request is never performed). For a
     * crash "after the claim, before the post": hold the post, kill the client while it waits, drop the hold.
     */
    public Hold holdNext(String method, String pathRegex, int count) {
        return addHold(new Hold(false, method, pathRegex, count));
    }

    /**
     * The next {@code count} matching requests that succeed are performed (created, recorded, dispatched to the
     * gateway as usual) and then their answer is held until the test lets it out ({@link Hold#release}) or drops it
     * ({@link Hold#drop}: the connection is closed without an answer). For a crash "after the post, before it was
     * marked sent".
     */
    public Hold holdNextAfterCreate(String method, String pathRegex, int count) {
        return addHold(new Hold(true, method, pathRegex, count));
    }

    private synchronized Hold addHold(Hold hold) {
        holds.add(hold);
        return hold;
    }

    /**
     * Every matching request waits {@code delay} before it is performed, like a slow network or a busy Discord (a
     * client killed meanwhile leaves requests that are still performed, as on the real service). Stays active until
     * {@link #clear()}.
     */
    public synchronized Faults latency(String method, String pathRegex, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0");
        }
        latencies.add(new Latency(
                method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT),
                Pattern.compile(pathRegex),
                delay.toNanos()));
        return this;
    }

    /**
     * Enforces Discord's global limit: at most {@code requestsPerSecond} requests (Discord: 50) in any rolling
     * second; requests above it are answered 429 {@code {"global": true, "retry_after": ..., "message": "You are being
     * rate limited.", "code": 0}} with {@code X-RateLimit-Global: true} and {@code X-RateLimit-Scope: global}, and
     * are not performed. Requests answered this way do not count towards the window. Interaction endpoints
     * ({@code POST /interactions/{id}/{token}/callback} and the interaction webhooks {@code /webhooks/{app}/{token}...})
     * are exempt, as on Discord (JDA likewise keeps them out of its global pause). 0 switches it off.
     */
    public synchronized Faults enforceGlobalLimit(int requestsPerSecond) {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0");
        }
        globalLimit = requestsPerSecond;
        globalWindow.clear();
        return this;
    }

    /**
     * Size of every route bucket (default {@value #DEFAULT_ROUTE_LIMIT} per {@link #DEFAULT_ROUTE_WINDOW}): success
     * answers advertise it in {@code X-RateLimit-*} headers, and a request that finds its bucket exhausted is
     * answered 429 (scope {@code user}), so the headers are true. A bucket is the route template (method and path
     * with ids replaced) plus its major parameter (channel, guild, webhook or interaction), as on Discord. JDA paces
     * itself by these headers, so it does not run into these 429s. {@code limit <= 0} disables bucket enforcement
     * (headers then show a bucket that never runs out).
     */
    public synchronized Faults routeLimit(int limit, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        routeLimit = limit;
        routeWindow = window.toNanos();
        buckets.clear();
        return this;
    }

    /**
     * Stops injecting: removes every rule, hold and latency, switches the global limit off and restores the default
     * route buckets. Requests a {@link Hold} is holding stay held until it releases or drops them. Counters and
     * recorded injections stay (see {@link #resetCounters()}).
     */
    public synchronized Faults clear() {
        rules.clear();
        holds.clear();
        latencies.clear();
        globalLimit = 0;
        globalWindow.clear();
        routeLimit = DEFAULT_ROUTE_LIMIT;
        routeWindow = DEFAULT_ROUTE_WINDOW.toNanos();
        buckets.clear();
        return this;
    }

    /** Zeroes the counters and forgets the recorded injections. */
    public synchronized Faults resetCounters() {
        injections.clear();
        totalRequests = 0;
        globalRateLimited = 0;
        routeRateLimited = 0;
        return this;
    }

    /** Test hook: the monotonic nanosecond clock used for windows (default {@link System#nanoTime()}). */
    synchronized void useClock(LongSupplier nanoClock) {
        clock = nanoClock;
        globalWindow.clear();
        buckets.clear();
    }

    // ================================================================ counters

    /** REST requests under {@code /api/v10} seen so far, whatever they were answered. */
    public synchronized long totalRequests() {
        return totalRequests;
    }

    /** Requests answered with a global 429. */
    public synchronized long globalRateLimited() {
        return globalRateLimited;
    }

    /** Requests answered with a per-route 429 (injected ones and exhausted buckets). */
    public synchronized long routeRateLimited() {
        return routeRateLimited;
    }

    /** All 429 answers, global and per-route. */
    public synchronized long rateLimited() {
        return globalRateLimited + routeRateLimited;
    }

    /** Every fault that fired, oldest first. */
    public synchronized List<Injection> injections() {
        return List.copyOf(injections);
    }

    /** The faults of one kind that fired, oldest first. */
    public synchronized List<Injection> injections(Kind kind) {
        return injections.stream().filter(i -> i.kind() == kind).toList();
    }

    /** How many "next" faults are still armed (probabilistic rules not counted). */
    public synchronized int armed() {
        return rules.stream()
                .filter(r -> r.remaining > 0)
                .mapToInt(r -> r.remaining)
                .sum();
    }

    // ================================================================ hooks for FakeRest.handleHttp

    /** Decides what happens to a request before it is performed. */
    Ticket admit(RecordedRequest req, boolean api) {
        Ticket t = new Ticket(req, api);
        if (!api) {
            return t;
        }
        synchronized (this) {
            totalRequests++;
            long now = clock.getAsLong();
            if (globalLimit > 0 && !GLOBAL_EXEMPT.matcher(req.path()).matches()) {
                while (!globalWindow.isEmpty() && globalWindow.peekFirst() <= now - SECOND) {
                    globalWindow.pollFirst();
                }
                if (globalWindow.size() >= globalLimit) {
                    double retryAfter = seconds(globalWindow.peekFirst() + SECOND - now);
                    globalRateLimited++;
                    record(Kind.GLOBAL_LIMIT, req, 429, retryAfter, now);
                    t.early = globalRateLimit(retryAfter);
                    return t;
                }
                globalWindow.addLast(now);
            }
            for (Rule r : rules) {
                if (r.before() && r.matches(req) && r.fire()) {
                    record(r.kind, req, r.status, r.retryAfter, now);
                    switch (r.kind) {
                        case RATE_LIMIT -> {
                            routeRateLimited++;
                            Bucket b = bucket(req);
                            t.early = routeRateLimit(b, r.retryAfter, now);
                        }
                        case RESET -> t.early = Answer.RESET;
                        default -> t.early = serverErrorAnswer(r.status);
                    }
                    return t;
                }
            }
            Bucket b = bucket(req);
            if (b.windowStart == Long.MIN_VALUE || now >= b.windowStart + routeWindow - RESET_TOLERANCE) {
                b.windowStart = now;
                b.used = 0;
            }
            if (routeLimit > 0 && b.used >= routeLimit) {
                double retryAfter = seconds(b.windowStart + routeWindow - now);
                routeRateLimited++;
                record(Kind.ROUTE_LIMIT, req, 429, retryAfter, now);
                t.early = routeRateLimit(b, retryAfter, now);
                return t;
            }
            b.used++;
            t.headers = bucketHeaders(b, now);
            return t;
        }
    }

    /** The hold that catches this request before it is performed, if any (recorded as {@link Kind#HOLD}). */
    Hold holdBefore(RecordedRequest req, boolean api) {
        return api ? catchHold(req, false) : null;
    }

    /**
     * The hold that catches the answer of this performed request, if any (only 2xx answers; recorded as
     * {@link Kind#HOLD_AFTER_CREATE}).
     */
    Hold holdAfter(RecordedRequest req, boolean api, int status) {
        return api && status >= 200 && status <= 299 ? catchHold(req, true) : null;
    }

    private synchronized Hold catchHold(RecordedRequest req, boolean afterCreate) {
        for (Hold h : holds) {
            if (h.afterCreate == afterCreate && h.tryCatch(req)) {
                record(afterCreate ? Kind.HOLD_AFTER_CREATE : Kind.HOLD, req, 0, 0, clock.getAsLong());
                return h;
            }
        }
        return null;
    }

    /** Sleeps the configured latency of this request, if any (not holding the monitor). */
    void delay(RecordedRequest req, boolean api) {
        if (!api) {
            return;
        }
        long nanos = 0;
        synchronized (this) {
            for (Latency l : latencies) {
                if ((l.method == null || l.method.equals(req.method()))
                        && l.path.matcher(req.path()).matches()) {
                    nanos = Math.max(nanos, l.nanos);
                }
            }
        }
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Latency(String method, Pattern path, long nanos) {}

    /**
     * Requests caught and kept open by {@link #holdNext} or {@link #holdNextAfterCreate}. Each caught request waits
     * until the test lets it go on ({@link #release}) or drops it ({@link #drop}). Thread-safe;
     * a held request whose server thread is interrupted (the fake is closing) is dropped.
     */
    public static final class Hold {
        private final boolean afterCreate;
        private final String method;
        private final Pattern path;
        private int remaining;
        private int caught;
        private int waiting;
        private int permits;
        private boolean dropping;

        private Hold(boolean afterCreate, String method, String pathRegex, int count) {
            if (count < 1) {
                throw new IllegalArgumentException("count must be >= 1: " + count);
            }
            this.afterCreate = afterCreate;
            this.method = method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
            this.path = Pattern.compile(pathRegex);
            this.remaining = count;
        }

        private synchronized boolean tryCatch(RecordedRequest req) {
            if (remaining <= 0
                    || (method != null && !method.equals(req.method()))
                    || !path.matcher(req.path()).matches()) {
                return false;
            }
            remaining--;
            caught++;
            return true;
        }

        /** Blocks the caught request until it is released (false) or dropped (true). */
        synchronized boolean await() {
            waiting++;
            notifyAll();
            try {
                while (true) {
                    if (dropping) {
                        return true;
                    }
                    if (permits > 0) {
                        permits--;
                        return false;
                    }
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } finally {
                waiting--;
                notifyAll();
            }
        }

        /** Requests caught so far (held now, released or dropped). */
        public synchronized int caught() {
            return caught;
        }

        /** Lets {@code n} held (or later caught) requests go on, in no particular order. */
        public synchronized Hold release(int n) {
            permits += n;
            notifyAll();
            return this;
        }

        /**
         * Drops every held request, and every one caught later: its connection is closed without an answer (a request
         * held before being performed is never performed).
         */
        public synchronized Hold drop() {
            dropping = true;
            notifyAll();
            return this;
        }

        /** Waits until at least {@code n} requests are held at once; AssertionError on timeout. */
        public synchronized Hold awaitWaiting(int n, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (waiting < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out after " + timeout + " waiting for " + n + " held request(s) on "
                            + path + "; held: " + waiting + ", caught: " + caught);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            return this;
        }
    }

    /** A request's fate, between {@link #admit} and the answer. */
    final class Ticket {
        private final RecordedRequest req;
        private final boolean api;
        private Answer early;
        private Map<String, String> headers = Map.of();

        private Ticket(RecordedRequest req, boolean api) {
            this.req = req;
            this.api = api;
        }

        /** True when the request must not be performed; {@link #respond} then answers it. */
        boolean rejected() {
            return early != null;
        }

        /** Writes the fault answer of a rejected request (or closes the connection). */
        void respond(HttpExchange ex) throws IOException {
            write(ex, early);
        }

        /**
         * After the request was performed with {@code status}: if an after-create rule fires, writes its answer (or
         * closes the connection) and returns true; the caller then only runs the follow-up (gateway dispatch).
         */
        boolean answerAfter(int status, HttpExchange ex) throws IOException {
            if (!api || status < 200 || status > 299) {
                return false;
            }
            Answer late = null;
            synchronized (Faults.this) {
                for (Rule r : rules) {
                    if (!r.before() && r.matches(req) && r.fire()) {
                        record(r.kind, req, r.status, 0, clock.getAsLong());
                        late = r.kind == Kind.RESET_AFTER_CREATE ? Answer.RESET : serverErrorAnswer(r.status);
                        break;
                    }
                }
            }
            if (late == null) {
                return false;
            }
            write(ex, late);
            return true;
        }

        /** Adds the route bucket's {@code X-RateLimit-*} headers (and {@code Via}) to a normal answer. */
        void addHeaders(Headers responseHeaders) {
            headers.forEach(responseHeaders::set);
        }
    }

    // ================================================================ internals

    private record Answer(int status, String body, Map<String, String> headers, boolean reset) {
        static final Answer RESET = new Answer(0, null, Map.of(), true);
    }

    private static final class Rule {
        final Kind kind;
        final String method;
        final Pattern path;
        final int status;
        int remaining;
        final Random random;
        final double fraction;
        final double retryAfter;

        Rule(
                Kind kind,
                String method,
                String pathRegex,
                int status,
                int count,
                Random random,
                double fraction,
                double retryAfter) {
            if (random == null && count < 1) {
                throw new IllegalArgumentException("count must be >= 1: " + count);
            }
            this.kind = kind;
            this.method = method == null || method.equals("*") ? null : method.toUpperCase(Locale.ROOT);
            this.path = Pattern.compile(pathRegex);
            this.status = status;
            this.remaining = count;
            this.random = random;
            this.fraction = fraction;
            this.retryAfter = retryAfter;
        }

        /** True for rules that answer instead of performing the request. */
        boolean before() {
            return kind == Kind.FAIL || kind == Kind.RATE_LIMIT || kind == Kind.RESET;
        }

        boolean matches(RecordedRequest req) {
            return (method == null || method.equals(req.method()))
                    && path.matcher(req.path()).matches();
        }

        /** Caller holds the Faults monitor. */
        boolean fire() {
            if (random != null) {
                return random.nextDouble() < fraction;
            }
            if (remaining > 0) {
                remaining--;
                return true;
            }
            return false;
        }
    }

    private static final class Bucket {
        final String hash;
        long windowStart = Long.MIN_VALUE;
        int used;

        Bucket(String hash) {
            this.hash = hash;
        }
    }

    private synchronized Faults add(Rule rule) {
        rules.add(rule);
        return this;
    }

    private static int serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("Not a 5xx status: " + status);
        }
        return status;
    }

    private static double fraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1]: " + fraction);
        }
        return fraction;
    }

    /** Caller holds the monitor. */
    private void record(Kind kind, RecordedRequest req, int status, double retryAfter, long now) {
        injections.add(new Injection(kind, req.method(), req.path(), status, retryAfter, now, Instant.now()));
    }

    /** Caller holds the monitor. */
    private Bucket bucket(RecordedRequest req) {
        String[] key = routeKey(req.method(), req.path());
        return buckets.computeIfAbsent(
                key[0] + " " + key[1],
                k -> new Bucket(UUID.nameUUIDFromBytes(key[0].getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "")));
    }

    /**
     * {@code [template, major parameter]} of a route, e.g. {@code POST /channels/{channel}/messages} and
     * {@code channels=123}. Top-level ids of channels, guilds, webhooks and interactions (with their tokens) are
     * major parameters; other numeric segments and reaction emojis are placeholders.
     */
    static String[] routeKey(String method, String path) {
        String[] seg = path.split("/", -1);
        StringBuilder template = new StringBuilder(method);
        StringBuilder major = new StringBuilder();
        for (int i = 1; i < seg.length; i++) {
            String s = seg[i];
            String prev = seg[i - 1];
            String t;
            if (i == 2
                    && (prev.equals("channels")
                            || prev.equals("guilds")
                            || prev.equals("webhooks")
                            || prev.equals("interactions"))) {
                t = "{" + prev + "}";
                major.append(prev).append('=').append(s);
            } else if (i == 3 && (seg[1].equals("webhooks") || seg[1].equals("interactions"))) {
                t = "{token}";
                major.append('/').append(s);
            } else if (prev.equals("reactions")) {
                t = "{emoji}";
            } else if (NUMERIC.matcher(s).matches()) {
                t = "{id}";
            } else {
                t = s;
            }
            template.append(i == 1 ? " /" : "/").append(t);
        }
        return new String[] {template.toString(), major.toString()};
    }

    private Map<String, String> bucketHeaders(Bucket b, long now) {
        int limit = routeLimit > 0 ? routeLimit : Integer.MAX_VALUE;
        long resetAfter = Math.max(0, b.windowStart + routeWindow - now);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-RateLimit-Limit", Integer.toString(limit));
        h.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit - b.used)));
        h.put("X-RateLimit-Reset", resetEpoch(resetAfter));
        h.put("X-RateLimit-Reset-After", decimal(seconds(resetAfter)));
        h.put("X-RateLimit-Bucket", b.hash);
        h.put("Via", "1.1 google");
        return h;
    }

    private Answer routeRateLimit(Bucket b, double retryAfter, long now) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Retry-After", Long.toString((long) Math.ceil(retryAfter)));
        h.put("X-RateLimit-Limit", Integer.toString(routeLimit > 0 ? routeLimit : Integer.MAX_VALUE));
        h.put("X-RateLimit-Remaining", "0");
        h.put("X-RateLimit-Reset", resetEpoch((long) (retryAfter * SECOND)));
        h.put("X-RateLimit-Reset-After", decimal(retryAfter));
        h.put("X-RateLimit-Bucket", b.hash);
        h.put("X-RateLimit-Scope", "user");
        h.put("Via", "1.1 google");
        return new Answer(429, rateLimitBody(retryAfter, false), h, false);
    }

    private static Answer globalRateLimit(double retryAfter) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Retry-After", Long.toString((long) Math.ceil(retryAfter)));
        h.put("X-RateLimit-Global", "true");
        h.put("X-RateLimit-Scope", "global");
        h.put("Via", "1.1 google");
        return new Answer(429, rateLimitBody(retryAfter, true), h, false);
    }

    private static String rateLimitBody(double retryAfter, boolean global) {
        return "{\"message\":\"You are being rate limited.\",\"retry_after\":" + decimal(retryAfter) + ",\"global\":"
                + global + ",\"code\":0}";
    }

    private static Answer serverErrorAnswer(int status) {
        String reason = switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Server Error";
        };
        return new Answer(
                status,
                "{\"message\":\"" + status + ": " + reason + "\",\"code\":0}",
                Map.of("Via", "1.1 google"),
                false);
    }

    private static void write(HttpExchange ex, Answer a) throws IOException {
        if (a.reset()) {
            // No status line has been sent and the response stream was never opened, so HttpServer closes the TCP
            // connection: the client reads end-of-stream instead of an HTTP answer.
            ex.close();
            return;
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        a.headers().forEach(ex.getResponseHeaders()::set);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
        ex.close();
    }

    /** Nanoseconds as seconds, rounded up to the millisecond. */
    private static double seconds(long nanos) {
        return Math.ceil(nanos / 1_000_000.0) / 1000.0;
    }

    private static String decimal(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String resetEpoch(long nanosFromNow) {
        return decimal((System.currentTimeMillis() + Math.ceil(nanosFromNow / 1_000_000.0)) / 1000.0);
    }
}
