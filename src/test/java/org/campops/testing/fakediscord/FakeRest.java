package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's REST API v10 over HTTP on 127.0.0.1: every request is recorded, passed through the {@link Faults}
 * (rejections, holds, delays), checked for the bot token and routed to the section that answers it; the gateway
 * events an answer causes are dispatched after the answer is written, and the recorder is signalled then.
 */
final class FakeRest {

    private record RestRoute(String method, Pattern pattern, BiFunction<RecordedRequest, Matcher, Reply> handler) {}

    private final FakeState state;
    private final Object lock;
    private final JsonNodeFactory nodes;
    private final FakeRecorder recorder;
    private final Faults faults;
    private final FakeGateway gateway;
    private final List<RestRoute> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final FakeOtherGuild otherGuild;
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private volatile Consumer<RecordedRequest> requestObserver;

    /** Registers the routes and starts serving. */
    FakeRest(
            FakeState state,
            FakeRecorder recorder,
            Faults faults,
            FakeGateway gateway,
            FakeGuild guild,
            FakeChannels channels,
            FakeThreads threads,
            FakeMessages messages,
            FakeCommands commands,
            FakeInteractionReplies replies,
            FakeOtherGuild otherGuild)
            throws IOException {
        this.state = state;
        this.lock = state.lock;
        this.nodes = state.nodes;
        this.recorder = recorder;
        this.faults = faults;
        this.gateway = gateway;
        this.otherGuild = otherGuild;
        registerRoutes(guild, channels, threads, messages, commands, replies);

        httpExecutor = Executors.newCachedThreadPool(daemonThreads("fake-discord-rest"));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handleHttp);
        http.setExecutor(httpExecutor);
        http.start();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    void stop() {
        http.stop(0);
        httpExecutor.shutdownNow();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
    }

    void observeRequests(Consumer<RecordedRequest> observer) {
        this.requestObserver = observer;
    }

    // ---------------------------------------------------------------- routes

    /** A route another section answers ({@link FakeGuildAdmin}), tried before the ones registered here. */
    void routeFirst(String method, String template, BiFunction<RecordedRequest, Matcher, Reply> handler) {
        String regex = Pattern.quote(template).replace("{}", "\\E([^/]+)\\Q");
        routes.add(0, new RestRoute(method, Pattern.compile(regex), handler));
    }

    private void on(String method, String template, BiFunction<RecordedRequest, Matcher, Reply> handler) {
        String regex = Pattern.quote(template).replace("{}", "\\E([^/]+)\\Q");
        routes.add(new RestRoute(method, Pattern.compile(regex), handler));
    }

    private void registerRoutes(
            FakeGuild guild,
            FakeChannels channels,
            FakeThreads threads,
            FakeMessages messages,
            FakeCommands commands,
            FakeInteractionReplies replies) {
        on("GET", "/gateway", (r, m) -> Reply.json(nodes.objectNode().put("url", gateway.url())));
        on("GET", "/gateway/bot", (r, m) -> gatewayBot());
        on(
                "GET",
                "/users/@me",
                (r, m) -> Reply.json(withLock(() -> state.userJson(BOT_ID)
                        .put("verified", true)
                        .put("mfa_enabled", false)
                        .put("flags", 0))));
        on(
                "GET",
                "/users/{}",
                (r, m) -> withLock(() -> state.users.containsKey(m.group(1))
                        ? Reply.json(state.userJson(m.group(1)))
                        : Reply.notFound("User", 10013)));
        on("GET", "/oauth2/applications/@me", (r, m) -> Reply.json(applicationInfo()));
        on("GET", "/applications/@me", (r, m) -> Reply.json(applicationInfo()));
        on("POST", "/users/@me/channels", (r, m) -> openDm(r));
        on("DELETE", "/users/@me/guilds/{}", (r, m) -> otherGuild.leave(m.group(1)));

        // commands
        on("PUT", "/applications/{}/commands", (r, m) -> commands.putCommands(r, null));
        on("PUT", "/applications/{}/guilds/{}/commands", (r, m) -> commands.putCommands(r, m.group(2)));
        on("GET", "/applications/{}/commands", (r, m) -> Reply.json(commands.commandsCopy(null)));
        on("GET", "/applications/{}/guilds/{}/commands", (r, m) -> Reply.json(commands.commandsCopy(m.group(2))));
        on("POST", "/applications/{}/commands", (r, m) -> commands.upsertCommand(r, null));
        on("POST", "/applications/{}/guilds/{}/commands", (r, m) -> commands.upsertCommand(r, m.group(2)));
        on("PATCH", "/applications/{}/commands/{}", (r, m) -> commands.editCommand(r, null, m.group(2)));
        on(
                "PATCH",
                "/applications/{}/guilds/{}/commands/{}",
                (r, m) -> commands.editCommand(r, m.group(2), m.group(3)));
        on("DELETE", "/applications/{}/commands/{}", (r, m) -> commands.deleteCommand(null, m.group(2)));
        on(
                "DELETE",
                "/applications/{}/guilds/{}/commands/{}",
                (r, m) -> commands.deleteCommand(m.group(2), m.group(3)));

        // interactions
        on("POST", "/interactions/{}/{}/callback", (r, m) -> replies.interactionCallback(r, m.group(1), m.group(2)));
        on("POST", "/webhooks/{}/{}", (r, m) -> replies.followup(r, m.group(2)));
        on("GET", "/webhooks/{}/{}/messages/{}", (r, m) -> replies.webhookMessage(r, m.group(2), m.group(3)));
        on("PATCH", "/webhooks/{}/{}/messages/{}", (r, m) -> replies.webhookMessage(r, m.group(2), m.group(3)));
        on("DELETE", "/webhooks/{}/{}/messages/{}", (r, m) -> replies.webhookMessage(r, m.group(2), m.group(3)));

        // channels and messages
        on(
                "GET",
                "/channels/{}",
                (r, m) -> withLock(() -> {
                    ObjectNode c = state.channelOrNull(m.group(1));
                    if (c == null) {
                        c = state.otherServerChannels.get(m.group(1));
                    }
                    return c == null ? Reply.notFound("Channel", 10003) : Reply.json(c.deepCopy());
                }));
        on("PATCH", "/channels/{}", (r, m) -> channels.patchChannel(r, m.group(1)));
        on("DELETE", "/channels/{}", (r, m) -> channels.deleteChannel(m.group(1)));
        on("POST", "/channels/{}/messages", (r, m) -> messages.postMessage(r, m.group(1)));
        on("GET", "/channels/{}/messages", (r, m) -> messages.listMessages(r, m.group(1)));
        on(
                "GET",
                "/channels/{}/messages/{}",
                (r, m) -> withLock(() -> {
                    ObjectNode msg = state.messages.get(m.group(2));
                    return msg == null || !msg.get("channel_id").asText().equals(m.group(1))
                            ? Reply.notFound("Message", 10008)
                            : Reply.json(msg.deepCopy());
                }));
        on("PATCH", "/channels/{}/messages/{}", (r, m) -> messages.editMessage(r, m.group(1), m.group(2)));
        on("DELETE", "/channels/{}/messages/{}", (r, m) -> messages.deleteMessage(m.group(1), m.group(2)));
        on("POST", "/channels/{}/messages/bulk-delete", (r, m) -> Reply.noContent());
        on("POST", "/channels/{}/typing", (r, m) -> Reply.noContent());
        on("PUT", "/channels/{}/messages/{}/reactions/{}/@me", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/messages/{}/reactions/{}/{}", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/messages/{}/reactions/{}", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/messages/{}/reactions", (r, m) -> Reply.noContent());
        on("GET", "/channels/{}/messages/{}/reactions/{}", (r, m) -> Reply.json(nodes.arrayNode()));
        on("PUT", "/channels/{}/pins/{}", (r, m) -> messages.setPinned(m.group(2), true));
        on("DELETE", "/channels/{}/pins/{}", (r, m) -> messages.setPinned(m.group(2), false));
        on("PUT", "/channels/{}/messages/pins/{}", (r, m) -> messages.setPinned(m.group(2), true));
        on("DELETE", "/channels/{}/messages/pins/{}", (r, m) -> messages.setPinned(m.group(2), false));
        on("PUT", "/channels/{}/permissions/{}", (r, m) -> channels.putOverwrite(r, m.group(1), m.group(2)));
        on("DELETE", "/channels/{}/permissions/{}", (r, m) -> channels.deleteOverwrite(m.group(1), m.group(2)));
        on("POST", "/channels/{}/threads", (r, m) -> threads.createThreadRest(r, m.group(1), null));
        on("POST", "/channels/{}/messages/{}/threads", (r, m) -> threads.createThreadRest(r, m.group(1), m.group(2)));
        on("PUT", "/channels/{}/thread-members/{}", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/thread-members/{}", (r, m) -> Reply.noContent());
        on("GET", "/channels/{}/thread-members", (r, m) -> Reply.json(nodes.arrayNode()));
        on("GET", "/channels/{}/threads/archived/public", (r, m) -> threads.threadList(m.group(1), true, 11));
        on("GET", "/channels/{}/threads/archived/private", (r, m) -> threads.threadList(m.group(1), true, 12));
        on(
                "GET",
                "/channels/{}/users/@me/threads/archived/private",
                (r, m) -> threads.threadList(m.group(1), true, 12));
        on(
                "GET",
                "/guilds/{}/threads/active",
                (r, m) -> guildOnly(m.group(1), () -> threads.threadList(null, false, 0)));

        // guild
        on("GET", "/guilds/{}", (r, m) -> guildOnly(m.group(1), () -> Reply.json(state.guildJson(false))));
        on(
                "GET",
                "/guilds/{}/channels",
                (r, m) -> guildOnly(m.group(1), () -> {
                    ArrayNode a = nodes.arrayNode();
                    state.channels.values().stream()
                            .filter(c -> !FakeState.isThreadType(c.get("type").asInt()))
                            .forEach(c -> a.add(c.deepCopy()));
                    return Reply.json(a);
                }));
        on("POST", "/guilds/{}/channels", (r, m) -> channels.createGuildChannel(r, m.group(1)));
        on(
                "GET",
                "/guilds/{}/roles",
                (r, m) -> guildOnly(
                        m.group(1),
                        () -> Reply.json(nodes.arrayNode()
                                .addAll(state.roles.values().stream()
                                        .map(ObjectNode::deepCopy)
                                        .toList()))));
        on(
                "GET",
                "/guilds/{}/members",
                (r, m) -> guildOnly(m.group(1), () -> {
                    ArrayNode a = nodes.arrayNode();
                    state.memberRoles.keySet().forEach(id -> a.add(state.memberJson(id)));
                    return Reply.json(a);
                }));
        on(
                "GET",
                "/guilds/{}/members/{}",
                (r, m) -> guildOnly(
                        m.group(1),
                        () -> state.isMember(m.group(2))
                                ? Reply.json(state.memberJson(m.group(2)))
                                : Reply.notFound("Member", 10007)));
        on("PATCH", "/guilds/{}/members/{}", (r, m) -> guild.patchMember(r, m.group(1), m.group(2)));
        on(
                "PUT",
                "/guilds/{}/members/{}/roles/{}",
                (r, m) -> guild.changeRole(m.group(1), m.group(2), m.group(3), true));
        on(
                "DELETE",
                "/guilds/{}/members/{}/roles/{}",
                (r, m) -> guild.changeRole(m.group(1), m.group(2), m.group(3), false));
        on(
                "GET",
                "/guilds/{}/scheduled-events",
                (r, m) -> guildOnly(
                        m.group(1),
                        () -> Reply.json(nodes.arrayNode()
                                .addAll(state.scheduledEvents.values().stream()
                                        .map(ObjectNode::deepCopy)
                                        .toList()))));
        on("POST", "/guilds/{}/scheduled-events", (r, m) -> guild.createEvent(r, m.group(1)));
        on(
                "GET",
                "/guilds/{}/scheduled-events/{}",
                (r, m) -> guildOnly(m.group(1), () -> {
                    ObjectNode e = state.scheduledEvents.get(m.group(2));
                    return e == null ? Reply.notFound("Guild Scheduled Event", 10070) : Reply.json(e.deepCopy());
                }));
        on("PATCH", "/guilds/{}/scheduled-events/{}", (r, m) -> guild.patchEvent(r, m.group(1), m.group(2)));
        on("DELETE", "/guilds/{}/scheduled-events/{}", (r, m) -> guild.deleteEvent(m.group(1), m.group(2)));
    }

    private <T> T withLock(Supplier<T> supplier) {
        synchronized (lock) {
            return supplier.get();
        }
    }

    private Reply guildOnly(String guildId, Supplier<Reply> supplier) {
        if (!GUILD_ID.equals(guildId)) {
            return Reply.notFound("Guild", 10004);
        }
        return withLock(supplier);
    }

    // ---------------------------------------------------------------- serving

    private void handleHttp(HttpExchange ex) {
        try {
            byte[] bytes = ex.getRequestBody().readAllBytes();
            String fullPath = ex.getRequestURI().getPath();
            String query = Objects.requireNonNullElse(ex.getRequestURI().getRawQuery(), "");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            boolean api = fullPath.startsWith("/api/v10/") || fullPath.equals("/api/v10");
            String path = api ? fullPath.substring("/api/v10".length()) : fullPath;
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            RecordedRequest req = new RecordedRequest(
                    ex.getRequestMethod().toUpperCase(),
                    path,
                    query,
                    Collections.unmodifiableMap(headers),
                    new String(bytes, StandardCharsets.UTF_8));
            recorder.request(req);
            Consumer<RecordedRequest> observer = requestObserver;
            if (observer != null) {
                observer.accept(req);
            }
            Faults.Ticket ticket = faults.admit(req, api);
            if (ticket.rejected()) {
                ticket.respond(ex);
                return;
            }

            Faults.Hold before = faults.holdBefore(req, api);
            if (before != null && before.await()) {
                // Dropped while held: never performed, and no answer (the client has usually died meanwhile).
                ex.close();
                return;
            }
            faults.delay(req, api);

            Reply reply;
            try {
                reply = route(req, api);
            } catch (RuntimeException e) {
                recorder.serverError(e);
                reply = Reply.failure(500, "fake Discord failed: " + e, 0);
            }
            Faults.Hold after = faults.holdAfter(req, api, reply.status());
            if (after != null) {
                // Discord dispatches the gateway events whether or not the HTTP answer reaches the client.
                if (reply.after() != null) {
                    reply.after().run();
                }
                if (after.await()) {
                    ex.close();
                    return;
                }
                reply = new Reply(reply.status(), reply.body(), null);
            }
            if (ticket.answerAfter(reply.status(), ex)) {
                if (reply.after() != null) {
                    reply.after().run();
                }
                return;
            }
            ticket.addHeaders(ex.getResponseHeaders());
            byte[] out = reply.body() == null
                    ? new byte[0]
                    : state.toJson(reply.body()).getBytes(StandardCharsets.UTF_8);
            if (reply.body() != null) {
                ex.getResponseHeaders().set("Content-Type", "application/json");
            }
            try {
                ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(out);
                    }
                }
            } catch (IOException clientGone) {
                // The client closed the connection (or died) before reading the answer; the request took effect.
            }
            ex.close();
            if (reply.after() != null) {
                reply.after().run();
            }
            recorder.answered(req);
        } catch (Throwable t) {
            recorder.serverError(t);
            ex.close();
        } finally {
            recorder.signal(); // the answer, and what it published (callback, echoes), is visible now
        }
    }

    private Reply route(RecordedRequest req, boolean api) {
        boolean publicRoute = req.path().equals("/gateway");
        String auth = req.header("Authorization");
        if (api
                && !publicRoute
                && (auth == null || !auth.startsWith("Bot ") || !state.tokenAccepted(auth.substring(4)))) {
            return Reply.failure(401, "401: Unauthorized", 0);
        }
        if (api) {
            for (RestRoute r : routes) {
                if (!r.method().equals(req.method())) {
                    continue;
                }
                Matcher m = r.pattern().matcher(req.path());
                if (m.matches()) {
                    return r.handler().apply(req, m);
                }
            }
        }
        recorder.unhandled(req);
        return Reply.failure(404, "Unknown route (fake Discord): " + req.method() + " " + req.path(), 0);
    }

    // ---------------------------------------------------------------- the bot's own identity, DMs

    private Reply gatewayBot() {
        ObjectNode o = nodes.objectNode();
        o.put("url", gateway.url());
        o.put("shards", 1);
        ObjectNode limit = o.putObject("session_start_limit");
        limit.put("total", 1000);
        limit.put("remaining", 1000);
        limit.put("reset_after", 0);
        limit.put("max_concurrency", 1);
        return Reply.json(o);
    }

    private ObjectNode applicationInfo() {
        synchronized (lock) {
            ObjectNode a = nodes.objectNode();
            a.put("id", BOT_ID);
            a.put("name", "CampOps");
            a.putNull("icon");
            a.put("description", "Camp operations bot (fake)");
            a.put("bot_public", false);
            a.put("bot_require_code_grant", false);
            a.set("owner", state.userJson(ORGANIZER_ID));
            a.putNull("team");
            a.put("verify_key", "0000");
            a.put("flags", FakeIntents.applicationFlags(state.refusedIntents));
            a.set("bot", state.userJson(BOT_ID));
            return a;
        }
    }

    private Reply openDm(RecordedRequest r) {
        String userId = r.jsonBody().path("recipient_id").asText();
        if (userId.isEmpty()) {
            return Reply.failure(400, "Invalid Form Body", 50035);
        }
        synchronized (lock) {
            return Reply.json(state.ensureDmChannel(userId).deepCopy());
        }
    }
}
