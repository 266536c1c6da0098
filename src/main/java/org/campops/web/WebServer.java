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
 * The bot's HTTP server ({@code campops run} only), on Javalin: {@code GET /health} (200 when ready, 503
 * otherwise, JSON details), {@code GET /metrics} (Prometheus text format) and {@code GET /calendar/<token>.ics}
 * (a member's private calendar feed). Anything else, and a calendar token that is wrong, old or malformed,
 * gets the same answer: 404 with an empty body.
 */
public final class WebServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a calendar token looks like (43 URL-safe base64 characters); anything else is not looked up. */
    private static final Pattern FEED = Pattern.compile("([A-Za-z0-9_-]{43})\\.ics");
    public static final String CALENDAR_TYPE = "text/calendar; charset=utf-8";
    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** A member's feed by its token; empty for a token that is not (or no longer) anyone's. */
    @FunctionalInterface
    public interface CalendarFeeds {
        Optional<String> feed(String token);
    }

    private final Javalin javalin;
    private final Health health;

    private WebServer(Javalin javalin, Health health) {
        this.javalin = javalin;
        this.health = health;
    }

    /** Starts listening on {@code host}:{@code port} (0: any free port); see {@link #port()}. */
    public static WebServer start(String host, int port, Health health, Supplier<String> metrics, CalendarFeeds feeds) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            // A few health checks, scrapes and calendar fetches a minute: a small pool is plenty.
            QueuedThreadPool threads = new QueuedThreadPool(16, 2);
            threads.setName("campops-http");
            threads.setDaemon(true);
            cfg.jetty.threadPool = threads;
            cfg.routes.get("/health", ctx -> health(ctx, health));
            cfg.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TYPE).result(metrics.get()));
            cfg.routes.get("/calendar/{file}", ctx -> calendar(ctx, feeds));
            // Some calendar apps ask with HEAD first (Jetty sends the headers without the body).
            cfg.routes.head("/calendar/{file}", ctx -> calendar(ctx, feeds));
            // One answer for every miss: an unknown path, a wrong or old token.
            cfg.routes.error(404, WebServer::notFound);
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                // Never the path: a calendar URL is a secret.
                LOG.warn("an HTTP request failed: {}", e.toString());
                ctx.status(500).contentType("text/plain; charset=utf-8").result("");
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            health.close();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (http.port): " + e.getMessage(), e);
        }
        LOG.info("HTTP server listening on {}:{} (/health, /metrics, calendar feeds)", host, app.port());
        return new WebServer(app, health);
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
        ctx.status(r.up() ? 200 : 503).header("Cache-Control", "no-store").contentType("application/json")
                .result(JSON.writeValueAsString(body));
    }

    private static void calendar(Context ctx, CalendarFeeds feeds) {
        java.util.regex.Matcher m = FEED.matcher(ctx.pathParam("file"));
        Optional<String> feed = m.matches() ? feeds.feed(m.group(1)) : Optional.empty();
        if (feed.isEmpty()) {
            ctx.status(404);
            return;
        }
        ctx.header("Cache-Control", "private, max-age=300").contentType(CALENDAR_TYPE)
                .result(feed.get().getBytes(StandardCharsets.UTF_8));
    }

    private static void notFound(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result("");
    }

    /** The port it listens on (the one taken when 0 was asked). */
    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        try {
            javalin.stop();
        } finally {
            health.close();
        }
    }
}
