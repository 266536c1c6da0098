package org.campops.testing.fakediscord;

import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The fake's JSON gateway (WebSocket on 127.0.0.1): HELLO, heartbeats, IDENTIFY (READY + GUILD_CREATE), RESUME,
 * member chunk requests, sessions that survive a dropped connection, and dispatching events to the identified clients
 * (raw, filtered by intents as Discord does, or interactions routed by token).
 */
final class FakeGateway extends WebSocketServer {

    private static final long INTENT_GUILD_MEMBERS = 1L << 1;
    private static final long INTENT_GUILD_MODERATION = 1L << 2;
    private static final long INTENT_GUILD_MESSAGES = 1L << 9;
    private static final long INTENT_GUILD_MESSAGE_REACTIONS = 1L << 10;
    private static final long INTENT_DIRECT_MESSAGES = 1L << 12;
    private static final long INTENT_DIRECT_MESSAGE_REACTIONS = 1L << 13;
    private static final long INTENT_MESSAGE_CONTENT = 1L << 15;
    private static final long INTENT_GUILD_SCHEDULED_EVENTS = 1L << 16;

    private final FakeState state;
    private final JsonNodeFactory nodes;
    private final FakeRecorder recorder;

    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<WebSocket, GatewaySession> byConnection = new ConcurrentHashMap<>();
    private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger identifies = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger mostReady = new AtomicInteger();
    private volatile int port;
    private volatile boolean gatewayDown;
    private volatile BiPredicate<String, JsonNode> interactionRoute;

    FakeGateway(FakeState state, FakeRecorder recorder) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.state = state;
        this.nodes = state.nodes;
        this.recorder = recorder;
        setReuseAddr(true);
        setTcpNoDelay(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    /** Waits for the server to listen; false if it did not within 10 s or failed to bind. */
    boolean awaitStarted() throws InterruptedException {
        return started.await(10, TimeUnit.SECONDS) && port != 0;
    }

    String url() {
        return "ws://127.0.0.1:" + port;
    }

    // ---------------------------------------------------------------- connections and sessions

    private List<GatewaySession> readySessions() {
        return byConnection.values().stream()
                .filter(s -> s.ready && s.conn.isOpen())
                .toList();
    }

    boolean hasReadyClient() {
        return !readySessions().isEmpty();
    }

    int connectedClients() {
        return (int) sessions.values().stream()
                .filter(s -> s.ready && s.conn.isOpen())
                .count();
    }

    int mostConnectedClients() {
        return mostReady.get();
    }

    int identifyCount() {
        return identifies.get();
    }

    int connectionCount() {
        return opened.get();
    }

    int resumeCount() {
        return resumes.get();
    }

    int resumedCount() {
        return resumed.get();
    }

    void awaitReady(Duration timeout) {
        recorder.await(() -> connectedClients() > 0, timeout, () -> "a gateway client to identify");
    }

    void awaitNoConnections(Duration timeout) {
        recorder.await(() -> getConnections().isEmpty(), timeout, () -> "all gateway connections to close");
    }

    void awaitResumed(int count, Duration timeout) {
        recorder.await(
                () -> resumedCount() >= count,
                timeout,
                () -> count + " resumed gateway session(s); " + resumeCount() + " RESUME(s) received, "
                        + connectionCount() + " connection(s) opened");
    }

    void dropConnections(int closeCode) {
        for (WebSocket conn : getConnections()) {
            conn.close(closeCode, "fake discord dropped the connection");
        }
    }

    void setDown(boolean down) {
        gatewayDown = down;
        if (down) {
            dropConnections(4000);
        }
    }

    void routeInteractions(BiPredicate<String, JsonNode> route) {
        this.interactionRoute = route;
    }

    // ---------------------------------------------------------------- dispatching

    /** Sends a dispatch (op 0) event to every connected, identified client, unfiltered. */
    void dispatch(String eventName, ObjectNode data) {
        for (GatewaySession s : readySessions()) {
            s.sendDispatch(eventName, data);
        }
    }

    /** Sends an INTERACTION_CREATE to the clients {@link #routeInteractions} picks (all by default). */
    void dispatchInteraction(ObjectNode payload) {
        BiPredicate<String, JsonNode> route = interactionRoute;
        for (GatewaySession s : readySessions()) {
            if (route == null || route.test(stripBot(s.token), payload)) {
                s.sendDispatch("INTERACTION_CREATE", payload);
            }
        }
    }

    /** Like {@link #dispatch} but applies Discord's intent rules per client. */
    void dispatchFiltered(String eventName, ObjectNode data) {
        for (GatewaySession s : readySessions()) {
            ObjectNode payload = filterForIntents(s.intents, eventName, data);
            if (payload != null) {
                s.sendDispatch(eventName, payload);
            }
        }
    }

    private ObjectNode filterForIntents(long intents, String event, ObjectNode data) {
        boolean guild = data.hasNonNull("guild_id");
        if (event.startsWith("MESSAGE_REACTION_")) {
            return (intents & (guild ? INTENT_GUILD_MESSAGE_REACTIONS : INTENT_DIRECT_MESSAGE_REACTIONS)) != 0
                    ? data
                    : null;
        }
        if (event.startsWith("MESSAGE_")) {
            if ((intents & (guild ? INTENT_GUILD_MESSAGES : INTENT_DIRECT_MESSAGES)) == 0) {
                return null;
            }
            if (guild
                    && (intents & INTENT_MESSAGE_CONTENT) == 0
                    && data.has("author")
                    && !BOT_ID.equals(data.path("author").path("id").asText())
                    && !mentionsBot(data)) {
                ObjectNode stripped = data.deepCopy();
                stripped.put("content", "");
                stripped.putArray("embeds");
                stripped.putArray("attachments");
                stripped.putArray("components");
                return stripped;
            }
            return data;
        }
        if (event.startsWith("GUILD_MEMBER_")) {
            return (intents & INTENT_GUILD_MEMBERS) != 0 ? data : null;
        }
        if (event.startsWith("GUILD_BAN_")) {
            return (intents & INTENT_GUILD_MODERATION) != 0 ? data : null;
        }
        if (event.startsWith("GUILD_SCHEDULED_EVENT_")) {
            return (intents & INTENT_GUILD_SCHEDULED_EVENTS) != 0 ? data : null;
        }
        return data;
    }

    private static boolean mentionsBot(JsonNode message) {
        for (JsonNode m : message.path("mentions")) {
            if (BOT_ID.equals(m.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- payloads

    private ObjectNode readyPayload(String sessionId, ObjectNode otherGuild) {
        ObjectNode d = nodes.objectNode();
        d.put("v", 10);
        synchronized (state.lock) {
            ObjectNode self = state.userJson(BOT_ID);
            self.put("verified", true);
            self.put("mfa_enabled", false);
            self.put("flags", 0);
            d.set("user", self);
        }
        ArrayNode guilds = d.putArray("guilds");
        if (state.campGuildJoined) {
            guilds.addObject().put("id", GUILD_ID).put("unavailable", true);
        }
        if (otherGuild != null && otherGuild.path("id").isTextual()) {
            guilds.addObject().put("id", otherGuild.get("id").asText()).put("unavailable", true);
        }
        d.put("session_id", sessionId);
        d.put("session_type", "normal");
        d.put("resume_gateway_url", url());
        d.putObject("application").put("id", BOT_ID).put("flags", 0);
        d.putArray("private_channels");
        d.putArray("relationships");
        d.putArray("presences");
        d.putArray("guild_join_requests");
        d.putObject("user_settings");
        d.putObject("auth");
        d.putArray("_trace").add("fake-discord");
        return d;
    }

    private ObjectNode guildCreatePayload() {
        synchronized (state.lock) {
            return state.guildJson(true);
        }
    }

    private ObjectNode membersChunk(JsonNode request) {
        ObjectNode d = nodes.objectNode();
        d.put("guild_id", GUILD_ID);
        ArrayNode ms = d.putArray("members");
        ArrayNode notFound = d.putArray("not_found");
        synchronized (state.lock) {
            if (request.has("user_ids")) {
                JsonNode ids = request.get("user_ids");
                List<String> wanted = new ArrayList<>();
                if (ids.isArray()) {
                    ids.forEach(id -> wanted.add(id.asText()));
                } else {
                    wanted.add(ids.asText());
                }
                for (String id : wanted) {
                    if (state.isMember(id)) {
                        ms.add(state.memberJson(id));
                    } else {
                        notFound.add(id);
                    }
                }
            } else {
                String query = request.path("query").asText("").toLowerCase();
                int limit = request.path("limit").asInt(0);
                for (String id : state.memberRoles.keySet()) {
                    String name = state.users.get(id).path("username").asText().toLowerCase();
                    if (name.startsWith(query) && (limit == 0 || ms.size() < limit)) {
                        ms.add(state.memberJson(id));
                    }
                }
            }
        }
        d.put("chunk_index", 0);
        d.put("chunk_count", 1);
        if (request.has("nonce")) {
            d.set("nonce", request.get("nonce"));
        }
        return d;
    }

    // ---------------------------------------------------------------- WebSocket server

    @Override
    public void onStart() {
        port = getPort();
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        if (gatewayDown) {
            conn.close(4000, "fake discord's gateway is down");
            return;
        }
        ObjectNode hello = nodes.objectNode();
        hello.put("op", 10);
        hello.putObject("d")
                .put("heartbeat_interval", HEARTBEAT_INTERVAL)
                .putArray("_trace")
                .add("fake-discord");
        hello.putNull("s");
        hello.putNull("t");
        conn.send(state.toJson(hello));
        opened.incrementAndGet();
        recorder.signal();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        GatewaySession s = byConnection.remove(conn);
        if (s != null && s.conn == conn) {
            s.ready = false;
        }
        recorder.signal();
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        onMessage(conn, StandardCharsets.UTF_8.decode(message).toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        try {
            JsonNode payload = state.mapper.readTree(message);
            int op = payload.path("op").asInt(-1);
            JsonNode d = payload.path("d");
            switch (op) {
                case 1 -> conn.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
                case 2 -> identify(conn, d);
                case 6 -> resume(conn, d);
                case 8 -> {
                    GatewaySession s = byConnection.get(conn);
                    if (s != null) {
                        s.sendDispatch("GUILD_MEMBERS_CHUNK", membersChunk(d));
                    }
                }
                default -> {
                    // presence updates, voice state updates etc. are accepted and ignored
                }
            }
        } catch (Exception e) {
            recorder.serverError(e);
        }
    }

    /**
     * Closes as Discord does when it refuses a login: the close frame goes out and the connection ends once the client
     * answered it. ({@code conn.close} would end the TCP connection right after the frame; a heartbeat still unread
     * then turns that into a reset that can swallow the frame, and JDA would reconnect instead of naming the code.)
     */
    private static void refuse(WebSocket conn, int code, String reason) {
        CloseFrame frame = new CloseFrame();
        frame.setCode(code);
        frame.setReason(reason);
        conn.sendFrame(frame);
    }

    private void identify(WebSocket conn, JsonNode d) {
        if (!state.tokenAccepted(stripBot(d.path("token").asText()))) {
            refuse(conn, 4004, "Authentication failed.");
            return;
        }
        if (FakeIntents.refuses(d.path("intents").asLong(0), state.refusedIntents)) {
            refuse(conn, FakeIntents.DISALLOWED_INTENTS, "Disallowed intent(s).");
            return;
        }
        GatewaySession s = new GatewaySession(
                conn, d.path("token").asText(), d.path("intents").asLong(0));
        sessions.put(s.sessionId, s);
        byConnection.put(conn, s);
        identifies.incrementAndGet();
        ObjectNode other;
        synchronized (state.lock) {
            other = state.otherGuild != null && state.otherGuildJoined ? state.otherGuild.deepCopy() : null;
        }
        ObjectNode ready = readyPayload(s.sessionId, other);
        ObjectNode guild = guildCreatePayload();
        synchronized (s) {
            // Ready before READY goes out: the client may act on READY at once (awaitReady() returns, the test
            // sends an interaction). Dispatches from other threads wait on s until READY and GUILD_CREATE are out.
            s.ready = true;
            s.sendDispatch("READY", ready);
            if (state.campGuildJoined) {
                s.sendDispatch("GUILD_CREATE", guild);
            }
            if (other != null) {
                s.sendDispatch("GUILD_CREATE", other);
            }
        }
        mostReady.accumulateAndGet(readySessions().size(), Math::max);
        recorder.signal();
    }

    private void resume(WebSocket conn, JsonNode d) {
        resumes.incrementAndGet();
        GatewaySession s = sessions.get(d.path("session_id").asText());
        if (s == null || !stripBot(s.token).equals(stripBot(d.path("token").asText()))) {
            conn.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
            recorder.signal();
            return;
        }
        synchronized (s) {
            WebSocket old = s.conn;
            if (old != null && old != conn && old.isOpen()) {
                old.close(4000, "session resumed elsewhere");
            }
            s.conn = conn;
            byConnection.put(conn, s);
            s.ready = true;
            ObjectNode resumedPayload = nodes.objectNode();
            resumedPayload.putArray("_trace").add("fake-discord");
            s.ready = true; // before RESUMED goes out, as in identify()
            s.sendDispatch("RESUMED", resumedPayload);
        }
        mostReady.accumulateAndGet(readySessions().size(), Math::max);
        resumed.incrementAndGet();
        recorder.signal();
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            started.countDown(); // server failed to bind; awaitStarted() will notice port==0
        }
        recorder.serverError(ex);
    }

    private static String stripBot(String token) {
        return token.startsWith("Bot ") ? token.substring(4) : token;
    }

    private final class GatewaySession {
        final String sessionId = UUID.randomUUID().toString().replace("-", "");
        final String token;
        final long intents;
        volatile WebSocket conn;
        volatile boolean ready;
        private int seq;

        GatewaySession(WebSocket conn, String token, long intents) {
            this.conn = conn;
            this.token = token;
            this.intents = intents;
        }

        synchronized void sendDispatch(String event, JsonNode data) {
            WebSocket c = conn;
            if (c == null || !c.isOpen()) {
                return;
            }
            ObjectNode payload = nodes.objectNode();
            payload.put("op", 0);
            payload.put("t", event);
            payload.put("s", ++seq);
            payload.set("d", data);
            try {
                c.send(state.toJson(payload));
            } catch (RuntimeException e) {
                // connection closed concurrently; Discord would drop the event as well
            }
        }
    }
}
