package org.campops.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bot's HTTP servers ({@code campops run} only), on Javalin. The public listener serves only
 * {@code GET /calendar/<token>.ics} (a member's private calendar feed), at most so many requests a minute from one
 * client address (then 429 with {@code Retry-After}); anything else there, and a calendar token that is wrong, old or
 * malformed, gets the same answer: 404 with an empty body. The management listener (loopback by default) serves
 * {@code GET /health} (200 when ready, 503 otherwise, JSON details) and {@code GET /metrics} (Prometheus text
 * format). Neither tells the server's name or version.
 */
public final class WebServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a calendar token looks like (43 URL-safe base64 characters); anything else is not looked up. */
    private static final Pattern FEED = Pattern.compile("([A-Za-z0-9_-]{43})\\.ics");

    public static final String CALENDAR_TYPE = "text/calendar; charset=utf-8";
    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String EMPTY_TYPE = "text/plain; charset=utf-8";

    /** A member's feed by its token; empty for a token that is not (or no longer) anyone's. */
    @FunctionalInterface
    public interface CalendarFeeds {
        Optional<String> feed(String token);
    }

    /** Where a listener listens; port 0 takes any free port. */
    public record Listen(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private final Javalin site;
    private final Javalin management;
    private final Health health;

    private WebServer(Javalin site, Javalin management, Health health) {
        this.site = site;
        this.management = management;
        this.health = health;
    }

    /** Starts both listeners; see {@link #port()} and {@link #managementPort()}. */
    public static WebServer start(
            Listen publicSide,
            Listen managementSide,
            RateLimiter limiter,
            Health health,
            Supplier<String> metrics,
            CalendarFeeds feeds) {
        Javalin site = null;
        try {
            // A few calendar fetches a minute per member: a small pool is plenty.
            site = listen(publicSide, "campops-http", 16, "http.port", routes -> {
                routes.before(ctx -> limit(ctx, limiter));
                routes.get("/calendar/{file}", ctx -> calendar(ctx, feeds));
                // Some calendar apps ask with HEAD first (Jetty sends the headers without the body).
                routes.head("/calendar/{file}", ctx -> calendar(ctx, feeds));
            });
            Javalin admin = listen(managementSide, "campops-mgmt", 4, "http.managementPort", routes -> {
                routes.get("/health", ctx -> health(ctx, health));
                routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TYPE).result(metrics.get()));
            });
            LOG.info(
                    "HTTP server listening on {}:{} (calendar feeds); management on {}:{} (/health, /metrics)",
                    publicSide.host(),
                    site.port(),
                    managementSide.host(),
                    admin.port());
            return new WebServer(site, admin, health);
        } catch (RuntimeException e) {
            if (site != null) {
                site.stop();
            }
            health.close();
            throw e;
        }
    }

    private static Javalin listen(
            Listen where,
            String threadName,
            int threads,
            String key,
            java.util.function.Consumer<io.javalin.config.RoutesConfig> routes) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = where.host();
            cfg.jetty.port = where.port();
            QueuedThreadPool pool = new QueuedThreadPool(threads, 2);
            pool.setName(threadName);
            pool.setDaemon(true);
            cfg.jetty.threadPool = pool;
            // No "Server: Jetty(...)" header, and Jetty's own error pages (a malformed request) are empty too.
            cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(WebServer::emptyError));
            routes.accept(cfg.routes);
            // One answer for every miss: an unknown path, a wrong or old token.
            cfg.routes.error(404, WebServer::empty);
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                // Never the path: a calendar URL is a secret.
                LOG.warn("an HTTP request failed: {}", e.toString());
                ctx.status(500);
                empty(ctx);
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + where + " (" + key + "): " + e.getMessage(), e);
        }
        return app;
    }

    /** Jetty's answer to what never reaches Javalin (a malformed request): the status alone. */
    private static boolean emptyError(
            org.eclipse.jetty.server.Request request,
            org.eclipse.jetty.server.Response response,
            org.eclipse.jetty.util.Callback callback) {
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH, 0L);
        callback.succeeded();
        return true;
    }

    private static void limit(Context ctx, RateLimiter limiter) {
        RateLimiter.Decision d = limiter.take(ctx.req().getRemoteAddr());
        if (!d.allowed()) {
            ctx.status(429).header("Retry-After", Long.toString(d.retryAfterSeconds()));
            empty(ctx);
            ctx.skipRemainingHandlers();
        }
    }

    private static void health(Context ctx, Health health) throws Exception {
        Health.Report r = health.check();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", r.up() ? "UP" : "DOWN");
        body.put("database", r.database());
        body.put("discord", r.discord());
        body.put("gatewayPingMs", r.gatewayPingMs());
        body.put("gatewayHolder", r.gatewayHolder());
        if (r.outboxDepth() == null) {
            body.putNull("outboxDepth");
        } else {
            body.put("outboxDepth", r.outboxDepth());
        }
        body.put("version", r.version());
        body.putPOJO("problems", r.problems());
        ctx.status(r.up() ? 200 : 503)
                .header("Cache-Control", "no-store")
                .contentType("application/json")
                .result(JSON.writeValueAsString(body));
    }

    private static void calendar(Context ctx, CalendarFeeds feeds) {
        java.util.regex.Matcher m = FEED.matcher(ctx.pathParam("file"));
        Optional<String> feed = m.matches() ? feeds.feed(m.group(1)) : Optional.empty();
        if (feed.isEmpty()) {
            ctx.status(404);
            return;
        }
        ctx.header("Cache-Control", "private, max-age=300")
                .contentType(CALENDAR_TYPE)
                .result(feed.get().getBytes(StandardCharsets.UTF_8));
    }

    private static void empty(Context ctx) {
        ctx.contentType(EMPTY_TYPE).result("");
    }

    /** The port the public listener (calendar feeds) listens on (the one taken when 0 was asked). */
    public int port() {
        return site.port();
    }

    /** The port the management listener (/health, /metrics) listens on. */
    public int managementPort() {
        return management.port();
    }

    /** The address the management listener is bound to, as the socket says (not as configured). */
    public java.net.InetSocketAddress managementAddress() {
        return bound(management);
    }

    /** The address the public listener is bound to, as the socket says. */
    public java.net.InetSocketAddress publicAddress() {
        return bound(site);
    }

    private static java.net.InetSocketAddress bound(Javalin app) {
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.ServerConnector sc
                    && sc.getTransport() instanceof java.nio.channels.ServerSocketChannel channel) {
                try {
                    return (java.net.InetSocketAddress) channel.getLocalAddress();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("not listening");
    }

    @Override
    public void close() {
        try {
            site.stop();
        } finally {
            try {
                management.stop();
            } finally {
                health.close();
            }
        }
    }
}
