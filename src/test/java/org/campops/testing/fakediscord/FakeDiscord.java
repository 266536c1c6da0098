package org.campops.testing.fakediscord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.SessionController;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A fake Discord (REST API v10 + JSON gateway) on 127.0.0.1 that the real JDA client can log in to.
 *
 * <p>Pointing JDA at it:
 *
 * <pre>{@code
 * JDABuilder.createDefault(FakeDiscord.DEFAULT_TOKEN)
 *     .setRestConfig(new RestConfig().setBaseUrl(fake.restBaseUrl()))
 *     .setSessionController(fake.sessionController())   // a ConcurrentSessionController overriding getGateway()
 *     .setCompression(Compression.NONE)
 * // or simply: fake.configure(JDABuilder.createDefault(FakeDiscord.DEFAULT_TOKEN))
 * }</pre>
 *
 * <p>The fake holds one guild ({@link #GUILD_ID}) with fixed roles, users, channels and a forum channel. Everything the
 * bot sends over REST is recorded ({@link #requests()}) and answered with plausible Discord objects; state (messages,
 * threads, scheduled events, commands, member roles) is kept for the life of the fake, so a restarted bot sees the
 * threads and events created earlier. Gateway events that real Discord filters by intent (MESSAGE_*, GUILD_MEMBER_*,
 * GUILD_SCHEDULED_EVENT_*) are filtered the same way by the helpers here, and message content is blanked for clients
 * without MESSAGE_CONTENT (except DMs, messages by the bot and messages mentioning the bot); {@link #dispatch} sends
 * raw and unfiltered.
 */
public final class FakeDiscord implements AutoCloseable {

    // ---------------------------------------------------------------- fixed ids

    public static final String DEFAULT_TOKEN = "test-token";
    public static final int HEARTBEAT_INTERVAL = 41250;

    public static final String GUILD_ID = "1190000000000000001";
    /** The bot user id, which is also the application id. */
    public static final String BOT_ID = "1190000000000000002";

    /** Managed role of the bot; grants ADMINISTRATOR so JDA's local permission checks pass. */
    public static final String BOT_ROLE = "1190000000000000100";
    public static final String CAMPER_ROLE = "1190000000000000101";
    public static final String MENTOR_ROLE = "1190000000000000102";
    public static final String ORGANIZER_ROLE = "1190000000000000103";

    public static final String CAMPER_ID = "1190000000000000201";
    public static final String CAMPER2_ID = "1190000000000000202";
    public static final String MENTOR_ID = "1190000000000000203";
    public static final String ORGANIZER_ID = "1190000000000000204";

    public static final String GENERAL_CHANNEL = "1190000000000000301";
    public static final String ANNOUNCEMENTS_CHANNEL = "1190000000000000302";
    public static final String MENTORS_CHANNEL = "1190000000000000303";
    public static final String ORGANIZERS_CHANNEL = "1190000000000000304";
    public static final String QA_TEXT_CHANNEL = "1190000000000000305";
    public static final String VOICE_CHANNEL = "1190000000000000306";
    public static final String QA_FORUM_CHANNEL = "1190000000000000307";

    public static final String TAG_UNANSWERED = "1190000000000000401";
    public static final String TAG_ANSWERED = "1190000000000000402";
    public static final String TAG_OBJECT_DETECTION = "1190000000000000403";
    public static final String TAG_SEGMENTATION = "1190000000000000404";

    // ---------------------------------------------------------------- permissions (Discord bit values)

    public static final long PERM_CREATE_INSTANT_INVITE = 1L;
    public static final long PERM_KICK_MEMBERS = 1L << 1;
    public static final long PERM_ADMINISTRATOR = 1L << 3;
    public static final long PERM_MANAGE_CHANNELS = 1L << 4;
    public static final long PERM_MANAGE_GUILD = 1L << 5;
    public static final long PERM_ADD_REACTIONS = 1L << 6;
    public static final long PERM_VIEW_CHANNEL = 1L << 10;
    public static final long PERM_SEND_MESSAGES = 1L << 11;
    public static final long PERM_MANAGE_MESSAGES = 1L << 13;
    public static final long PERM_EMBED_LINKS = 1L << 14;
    public static final long PERM_ATTACH_FILES = 1L << 15;
    public static final long PERM_READ_MESSAGE_HISTORY = 1L << 16;
    public static final long PERM_MENTION_EVERYONE = 1L << 17;
    public static final long PERM_CONNECT = 1L << 20;
    public static final long PERM_SPEAK = 1L << 21;
    public static final long PERM_CHANGE_NICKNAME = 1L << 26;
    public static final long PERM_MANAGE_ROLES = 1L << 28;
    public static final long PERM_USE_APPLICATION_COMMANDS = 1L << 31;
    public static final long PERM_MANAGE_EVENTS = 1L << 33;
    public static final long PERM_MANAGE_THREADS = 1L << 34;
    public static final long PERM_CREATE_PUBLIC_THREADS = 1L << 35;
    public static final long PERM_SEND_MESSAGES_IN_THREADS = 1L << 38;
    public static final long PERM_MODERATE_MEMBERS = 1L << 40;
    public static final long PERM_CREATE_EVENTS = 1L << 44;
    /** All permission bits Discord currently defines (what an administrator gets). */
    public static final long PERM_ALL = (1L << 51) - 1;

    public static final long EVERYONE_PERMISSIONS = PERM_CREATE_INSTANT_INVITE | PERM_ADD_REACTIONS
            | PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES | PERM_EMBED_LINKS | PERM_ATTACH_FILES
            | PERM_READ_MESSAGE_HISTORY | PERM_CONNECT | PERM_SPEAK | PERM_CHANGE_NICKNAME
            | PERM_USE_APPLICATION_COMMANDS | PERM_CREATE_PUBLIC_THREADS | PERM_SEND_MESSAGES_IN_THREADS;
    public static final long MENTOR_PERMISSIONS = PERM_MANAGE_MESSAGES | PERM_MANAGE_THREADS;
    public static final long ORGANIZER_PERMISSIONS = PERM_MANAGE_MESSAGES | PERM_MANAGE_THREADS | PERM_MANAGE_GUILD
            | PERM_MANAGE_ROLES | PERM_MANAGE_CHANNELS | PERM_MANAGE_EVENTS | PERM_CREATE_EVENTS
            | PERM_MENTION_EVERYONE | PERM_MODERATE_MEMBERS | PERM_KICK_MEMBERS;

    // ---------------------------------------------------------------- gateway intents (bit values)

    private static final long INTENT_GUILD_MEMBERS = 1L << 1;
    private static final long INTENT_GUILD_MESSAGES = 1L << 9;
    private static final long INTENT_GUILD_MESSAGE_REACTIONS = 1L << 10;
    private static final long INTENT_DIRECT_MESSAGES = 1L << 12;
    private static final long INTENT_DIRECT_MESSAGE_REACTIONS = 1L << 13;
    private static final long INTENT_MESSAGE_CONTENT = 1L << 15;
    private static final long INTENT_GUILD_SCHEDULED_EVENTS = 1L << 16;

    private static final long DISCORD_EPOCH = 1420070400000L;
    private static final int FLAG_EPHEMERAL = 64;
    private static final int FLAG_LOADING = 128;
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");

    // ---------------------------------------------------------------- option values for interactions

    /**
     * A typed option value for {@link #sendSlash}; plain Java values map to Discord types by themselves (String → 3,
     * Integer/Long → 4, Boolean → 5, Double/Float → 10).
     */
    public record OptionValue(int type, Object value) {}

    public static OptionValue channelOption(String channelId) {
        return new OptionValue(7, channelId);
    }

    public static OptionValue userOption(String userId) {
        return new OptionValue(6, userId);
    }

    public static OptionValue roleOption(String roleId) {
        return new OptionValue(8, roleId);
    }

    public static OptionValue mentionableOption(String userOrRoleId) {
        return new OptionValue(9, userOrRoleId);
    }

    public static OptionValue numberOption(double value) {
        return new OptionValue(10, value);
    }

    /** Deterministic DM channel id for a user (same for every fake instance). */
    public static String dmChannelOf(String userId) {
        long base = 1_400_000_000_000_000_000L;
        return Long.toUnsignedString(base + Long.remainderUnsigned(Long.parseUnsignedLong(userId), 1_000_000_000_000L));
    }

    // ---------------------------------------------------------------- state

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonNodeFactory nodes = mapper.getNodeFactory();
    private final String expectedToken;
    private final Object lock = new Object();
    private final AtomicLong lastSnowflake = new AtomicLong();

    private final Map<String, ObjectNode> roles = new LinkedHashMap<>();
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    private final Map<String, List<String>> memberRoles = new LinkedHashMap<>();
    private final Map<String, String> memberJoinedAt = new HashMap<>();
    /** Guild channels and threads, in creation order. */
    private final Map<String, ObjectNode> channels = new LinkedHashMap<>();
    private final Map<String, ObjectNode> dmChannels = new LinkedHashMap<>();
    private final Set<String> closedDms = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
    private final Map<String, ObjectNode> scheduledEvents = new LinkedHashMap<>();
    private final Map<String, String> commandIds = new HashMap<>();
    private ArrayNode globalCommands = null;
    private final Map<String, ArrayNode> guildCommands = new HashMap<>();
    private volatile ArrayNode lastPutCommands = null;
    private volatile boolean echoBotMessages = true;
    private volatile java.util.function.Consumer<RecordedRequest> requestObserver;
    private volatile java.util.function.BiPredicate<String, JsonNode> interactionRoute;

    private final Map<String, Interaction> interactionsById = new ConcurrentHashMap<>();
    private final Map<String, Interaction> interactionsByToken = new ConcurrentHashMap<>();
    /** Interaction ids that got a callback request (guards against double acknowledgement). */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Callback bodies, published after the HTTP response was written. */
    private final Map<String, JsonNode> callbacks = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> originals = new ConcurrentHashMap<>();

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> unhandled = new CopyOnWriteArrayList<>();
    private final List<Throwable> serverErrors = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private final MessageLog createdMessages = new MessageLog(lock);

    private final List<RestRoute> routes = new ArrayList<>();
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private final Gateway gateway;

    private record Interaction(String id, String token, int type, String userId, String channelId, String guildId) {}

    private record Reply(int status, JsonNode body, Runnable after) {
        static Reply json(JsonNode body) {
            return new Reply(200, body, null);
        }

        static Reply noContent() {
            return new Reply(204, null, null);
        }

        Reply then(Runnable runnable) {
            return new Reply(status, body, runnable);
        }
    }

    private record RestRoute(String method, Pattern pattern, BiFunction<RecordedRequest, Matcher, Reply> handler) {}

    // ---------------------------------------------------------------- lifecycle

    /** Starts a fake that expects the token {@value #DEFAULT_TOKEN}. */
    public static FakeDiscord start() {
        return start(DEFAULT_TOKEN);
    }

    /**
     * Starts a fake that expects {@code Authorization: Bot <expectedToken>} on every REST request (401 otherwise) and
     * the same token in IDENTIFY (close code 4004 otherwise). With {@code null}, any token is accepted.
     */
    public static FakeDiscord start(String expectedToken) {
        try {
            return new FakeDiscord(expectedToken);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not start fake Discord", e);
        }
    }

    private FakeDiscord(String expectedToken) throws IOException, InterruptedException {
        this.expectedToken = expectedToken;
        seedGuild();
        registerRoutes();

        httpExecutor = Executors.newCachedThreadPool(daemonThreads("fake-discord-rest"));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handleHttp);
        http.setExecutor(httpExecutor);
        http.start();

        gateway = new Gateway(new InetSocketAddress("127.0.0.1", 0));
        gateway.start();
        if (!gateway.started.await(10, TimeUnit.SECONDS) || gateway.port == 0) {
            http.stop(0);
            httpExecutor.shutdownNow();
            gateway.stop(0);
            throw new IllegalStateException("Fake gateway did not start: " + serverErrors);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        httpExecutor.shutdownNow();
    }

    /** Base URL for {@code RestConfig.setBaseUrl}, e.g. {@code http://127.0.0.1:PORT/api/v10/}. */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
    }

    /** Gateway URL for {@code SessionController.getGateway()}, e.g. {@code ws://127.0.0.1:PORT}. */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.port;
    }

    /** A session controller whose {@code getGateway()} is this fake's gateway URL. */
    public SessionController sessionController() {
        String url = gatewayUrl();
        return new ConcurrentSessionController() {
            @Override
            public String getGateway() {
                return url;
            }
        };
    }

    /**
     * Points a builder at this fake: REST base URL, session controller (gateway URL) and no compression. Returns the
     * same builder.
     */
    public JDABuilder configure(JDABuilder builder) {
        return builder.setRestConfig(new RestConfig().setBaseUrl(restBaseUrl()))
                .setSessionController(sessionController())
                .setCompression(Compression.NONE);
    }

    /** The token this fake accepts (null: any). */
    public String expectedToken() {
        return expectedToken;
    }

    private boolean tokenAccepted(String token) {
        return expectedToken == null ? token != null && !token.isBlank() : expectedToken.equals(token);
    }

    /**
     * When true (default), messages the bot posts (channel messages, forum starters, non-ephemeral interaction
     * replies and follow-ups) come back as MESSAGE_CREATE, as on real Discord.
     */
    public void setEchoBotMessages(boolean echo) {
        this.echoBotMessages = echo;
    }

    /** Fault injection (5xx, 429, dropped connections) and rate limits of the REST API; see {@link Faults}. */
    public Faults faults() {
        return faults;
    }

    /**
     * How long a message nonce is remembered for {@code enforce_nonce} deduplication (default 2 minutes; Discord says
     * "a few minutes", see {@link MessageLog}). {@link Duration#ZERO} turns deduplication off.
     */
    public void setNonceWindow(Duration window) {
        createdMessages.setNonceWindow(window);
    }

    /**
     * Calls {@code observer} on the HTTP thread with every request as soon as it arrived (before faults, routing and
     * the answer), e.g. to time requests; null removes it. It must be quick and must not throw.
     */
    public void observeRequests(java.util.function.Consumer<RecordedRequest> observer) {
        this.requestObserver = observer;
    }

    /**
     * Which identified gateway clients get the INTERACTION_CREATE events of {@link #sendSlash} and the other
     * {@code send*} interaction helpers: {@code route.test(clientToken, interaction)} with the token the client
     * identified with (without {@code "Bot "}). Null (the default): every client, as before. Lets a second client,
     * logged in with its own token to a fake started with {@code start(null)}, answer some commands alone.
     */
    public void routeInteractions(java.util.function.BiPredicate<String, JsonNode> route) {
        this.interactionRoute = route;
    }

    // ---------------------------------------------------------------- seed data

    private void seedGuild() {
        addRole(GUILD_ID, "@everyone", 0, EVERYONE_PERMISSIONS, 0, false, false);
        addRole(CAMPER_ROLE, "Camper", 1, 0, 0x3498DB, true, false);
        addRole(MENTOR_ROLE, "Mentor", 2, MENTOR_PERMISSIONS, 0x2ECC71, true, false);
        addRole(ORGANIZER_ROLE, "Organizer", 3, ORGANIZER_PERMISSIONS, 0xE67E22, true, false);
        ObjectNode botRole = addRole(BOT_ROLE, "CampOps", 4, PERM_ADMINISTRATOR, 0, false, true);
        botRole.putObject("tags").put("bot_id", BOT_ID);

        ObjectNode bot = user(BOT_ID, "CampOps", "CampOps");
        bot.put("bot", true);
        users.put(BOT_ID, bot);
        users.put(CAMPER_ID, user(CAMPER_ID, "camper_alice", "Alice"));
        users.put(CAMPER2_ID, user(CAMPER2_ID, "camper_bob", "Bob"));
        users.put(MENTOR_ID, user(MENTOR_ID, "mentor_maria", "Maria"));
        users.put(ORGANIZER_ID, user(ORGANIZER_ID, "organizer_olga", "Olga"));
        String joined = timestamp(OffsetDateTime.now(ZoneOffset.UTC).minusDays(30));
        for (String id : users.keySet()) {
            memberJoinedAt.put(id, joined);
        }
        memberRoles.put(BOT_ID, List.of(BOT_ROLE));
        memberRoles.put(CAMPER_ID, List.of(CAMPER_ROLE));
        memberRoles.put(CAMPER2_ID, List.of(CAMPER_ROLE));
        memberRoles.put(MENTOR_ID, List.of(MENTOR_ROLE));
        memberRoles.put(ORGANIZER_ID, List.of(ORGANIZER_ROLE));

        addChannel(textChannel(GENERAL_CHANNEL, "general", 0, "Everything camp"));
        ObjectNode announcements = textChannel(ANNOUNCEMENTS_CHANNEL, "announcements", 1, "Official news");
        overwrite(announcements, GUILD_ID, 0, PERM_SEND_MESSAGES);
        overwrite(announcements, ORGANIZER_ROLE, PERM_SEND_MESSAGES, 0);
        addChannel(announcements);
        ObjectNode mentors = textChannel(MENTORS_CHANNEL, "mentors", 2, "Mentor coordination");
        overwrite(mentors, GUILD_ID, 0, PERM_VIEW_CHANNEL);
        overwrite(mentors, MENTOR_ROLE, PERM_VIEW_CHANNEL, 0);
        overwrite(mentors, ORGANIZER_ROLE, PERM_VIEW_CHANNEL, 0);
        addChannel(mentors);
        ObjectNode organizers = textChannel(ORGANIZERS_CHANNEL, "organizers", 3, "Organizer only");
        overwrite(organizers, GUILD_ID, 0, PERM_VIEW_CHANNEL);
        overwrite(organizers, ORGANIZER_ROLE, PERM_VIEW_CHANNEL, 0);
        addChannel(organizers);
        addChannel(textChannel(QA_TEXT_CHANNEL, "questions", 4, "Ask questions here"));

        ObjectNode voice = baseChannel(VOICE_CHANNEL, 2, "Lecture Hall", 5);
        voice.put("bitrate", 64000);
        voice.put("user_limit", 0);
        voice.putNull("rtc_region");
        voice.put("nsfw", false);
        voice.put("rate_limit_per_user", 0);
        voice.putNull("last_message_id");
        addChannel(voice);

        ObjectNode forum = baseChannel(QA_FORUM_CHANNEL, 15, "q-and-a", 6);
        forum.put("topic", "Questions for mentors");
        forum.put("nsfw", false);
        forum.put("rate_limit_per_user", 0);
        forum.put("default_thread_rate_limit_per_user", 0);
        forum.put("flags", 0);
        forum.putNull("last_message_id");
        forum.putNull("default_reaction_emoji");
        forum.putNull("default_sort_order");
        forum.put("default_forum_layout", 0);
        forum.put("default_auto_archive_duration", 4320);
        ArrayNode tags = forum.putArray("available_tags");
        tags.add(tag(TAG_UNANSWERED, "unanswered"));
        tags.add(tag(TAG_ANSWERED, "answered"));
        tags.add(tag(TAG_OBJECT_DETECTION, "Object Detection"));
        tags.add(tag(TAG_SEGMENTATION, "Segmentation"));
        addChannel(forum);
    }

    private ObjectNode addRole(String id, String name, int position, long permissions, int color, boolean hoist,
            boolean managed) {
        ObjectNode role = nodes.objectNode();
        role.put("id", id);
        role.put("name", name);
        role.put("color", color);
        role.putObject("colors").put("primary_color", color).putNull("secondary_color").putNull("tertiary_color");
        role.put("hoist", hoist);
        role.putNull("icon");
        role.putNull("unicode_emoji");
        role.put("position", position);
        role.put("permissions", Long.toString(permissions));
        role.put("managed", managed);
        role.put("mentionable", true);
        role.put("flags", 0);
        roles.put(id, role);
        return role;
    }

    private ObjectNode user(String id, String username, String globalName) {
        ObjectNode u = nodes.objectNode();
        u.put("id", id);
        u.put("username", username);
        u.put("global_name", globalName);
        u.put("discriminator", "0");
        u.putNull("avatar");
        u.put("bot", false);
        u.put("system", false);
        u.put("public_flags", 0);
        return u;
    }

    private ObjectNode baseChannel(String id, int type, String name, int position) {
        ObjectNode c = nodes.objectNode();
        c.put("id", id);
        c.put("type", type);
        c.put("guild_id", GUILD_ID);
        c.put("name", name);
        c.put("position", position);
        c.putNull("parent_id");
        c.putArray("permission_overwrites");
        return c;
    }

    private ObjectNode textChannel(String id, String name, int position, String topic) {
        ObjectNode c = baseChannel(id, 0, name, position);
        c.put("topic", topic);
        c.put("nsfw", false);
        c.put("rate_limit_per_user", 0);
        c.put("default_thread_rate_limit_per_user", 0);
        c.put("default_auto_archive_duration", 1440);
        c.putNull("last_message_id");
        c.put("flags", 0);
        return c;
    }

    private void overwrite(ObjectNode channel, String id, long allow, long deny) {
        overwrite(channel, id, 0, allow, deny);
    }

    /** Sets the overwrite of role ({@code type} 0) or member (1) {@code id}, replacing an earlier one for that id. */
    private void overwrite(ObjectNode channel, String id, int type, long allow, long deny) {
        ArrayNode list = (ArrayNode) channel.get("permission_overwrites");
        ObjectNode o = null;
        for (JsonNode existing : list) {
            if (existing.path("id").asText().equals(id)) {
                o = (ObjectNode) existing;
            }
        }
        if (o == null) {
            o = list.addObject();
        }
        o.put("id", id);
        o.put("type", type);
        o.put("allow", Long.toString(allow));
        o.put("deny", Long.toString(deny));
    }

    private ObjectNode tag(String id, String name) {
        ObjectNode t = nodes.objectNode();
        t.put("id", id);
        t.put("name", name);
        t.put("moderated", false);
        t.putNull("emoji_id");
        t.putNull("emoji_name");
        return t;
    }

    private void addChannel(ObjectNode channel) {
        channels.put(channel.get("id").asText(), channel);
    }

    // ---------------------------------------------------------------- ids, time, json helpers

    /** A fresh, increasing snowflake based on the current time. */
    public String newSnowflake() {
        long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return Long.toString(lastSnowflake.updateAndGet(prev -> Math.max(prev + 1, candidate)));
    }

    private static String timestamp(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.MILLIS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String now() {
        return timestamp(OffsetDateTime.now(ZoneOffset.UTC));
    }

    private String toJson(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode objectOrEmpty(JsonNode node, JsonNodeFactory f) {
        return node instanceof ObjectNode o ? o : f.objectNode();
    }

    private ObjectNode error(String message, int code) {
        ObjectNode e = nodes.objectNode();
        e.put("message", message);
        e.put("code", code);
        return e;
    }

    private Reply notFound(String what, int code) {
        return new Reply(404, error("Unknown " + what, code), null);
    }

    // ---------------------------------------------------------------- model views (all callers hold lock)

    private long permissionsOf(String userId) {
        long perms = roles.get(GUILD_ID).get("permissions").asLong();
        for (String roleId : memberRoles.getOrDefault(userId, List.of())) {
            ObjectNode role = roles.get(roleId);
            if (role != null) {
                perms |= Long.parseLong(role.get("permissions").asText());
            }
        }
        if (GUILD_ID.equals(userId) || (perms & PERM_ADMINISTRATOR) != 0) {
            return PERM_ALL;
        }
        return perms;
    }

    /** See {@link #permissionsIn}; the caller holds the lock. */
    private long channelPermissions(String userId, ObjectNode channel) {
        if (!isMember(userId)) {
            return 0;
        }
        long perms = permissionsOf(userId);
        if (ORGANIZER_ID.equals(userId) || (perms & PERM_ADMINISTRATOR) != 0) {
            return PERM_ALL; // the guild owner (guild.owner_id) and administrators
        }
        ObjectNode holder = channel;
        if (isThreadType(channel.get("type").asInt())) {
            ObjectNode parent = channels.get(channel.path("parent_id").asText());
            holder = parent != null ? parent : channel;
        }
        Map<String, JsonNode> byId = new HashMap<>();
        holder.path("permission_overwrites").forEach(o -> byId.put(o.path("id").asText(), o));
        JsonNode everyone = byId.get(GUILD_ID);
        if (everyone != null) {
            perms = (perms & ~bits(everyone.get("deny"))) | bits(everyone.get("allow"));
        }
        long allow = 0;
        long deny = 0;
        for (String roleId : memberRoles.getOrDefault(userId, List.of())) {
            JsonNode o = byId.get(roleId);
            if (o != null && o.path("type").asInt() == 0) {
                allow |= bits(o.get("allow"));
                deny |= bits(o.get("deny"));
            }
        }
        perms = (perms & ~deny) | allow;
        JsonNode own = byId.get(userId);
        if (own != null && own.path("type").asInt() == 1) {
            perms = (perms & ~bits(own.get("deny"))) | bits(own.get("allow"));
        }
        return (perms & PERM_VIEW_CHANNEL) == 0 ? 0 : perms;
    }

    /** A permission bit set as Discord writes it (a string of digits) or as clients may send it (a number); 0 if absent. */
    private static long bits(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        return value.isNumber() ? value.asLong() : Long.parseLong(value.asText());
    }

    private int nextPosition() {
        return (int) channels.values().stream().filter(c -> !isThreadType(c.get("type").asInt())).count();
    }

    private ObjectNode userJson(String userId) {
        ObjectNode u = users.get(userId);
        if (u == null) {
            u = user(userId, "user-" + userId, null);
            users.put(userId, u);
        }
        return u.deepCopy();
    }

    /** Member object without the user field (as in MESSAGE_CREATE / resolved.members). */
    private ObjectNode memberJsonWithoutUser(String userId) {
        ObjectNode m = nodes.objectNode();
        ArrayNode r = m.putArray("roles");
        memberRoles.getOrDefault(userId, List.of()).forEach(r::add);
        m.putNull("nick");
        m.putNull("avatar");
        m.put("joined_at", memberJoinedAt.getOrDefault(userId, now()));
        m.putNull("premium_since");
        m.put("deaf", false);
        m.put("mute", false);
        m.put("flags", 0);
        m.put("pending", false);
        m.putNull("communication_disabled_until");
        return m;
    }

    private ObjectNode memberJson(String userId) {
        ObjectNode m = memberJsonWithoutUser(userId);
        m.set("user", userJson(userId));
        return m;
    }

    private boolean isMember(String userId) {
        return memberRoles.containsKey(userId);
    }

    private ObjectNode channelOrNull(String channelId) {
        ObjectNode c = channels.get(channelId);
        return c != null ? c : dmChannels.get(channelId);
    }

    private boolean isGuildChannel(String channelId) {
        return channels.containsKey(channelId);
    }

    private static boolean isThreadType(int type) {
        return type == 10 || type == 11 || type == 12;
    }

    private ObjectNode guildJson(boolean withMembersAndChannels) {
        ObjectNode g = nodes.objectNode();
        g.put("id", GUILD_ID);
        g.put("name", "AI Summer Camp");
        g.putNull("icon");
        g.putNull("splash");
        g.putNull("banner");
        g.putNull("description");
        g.put("owner_id", ORGANIZER_ID);
        g.put("afk_timeout", 300);
        g.putNull("afk_channel_id");
        g.put("system_channel_id", GENERAL_CHANNEL);
        g.put("system_channel_flags", 0);
        g.putNull("rules_channel_id");
        g.putNull("public_updates_channel_id");
        g.putNull("safety_alerts_channel_id");
        g.put("verification_level", 0);
        g.put("default_message_notifications", 1);
        g.put("explicit_content_filter", 0);
        g.put("mfa_level", 0);
        g.put("nsfw_level", 0);
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("premium_progress_bar_enabled", false);
        g.put("preferred_locale", "en-US");
        g.putNull("vanity_url_code");
        g.put("max_members", 500000);
        g.putArray("features").add("COMMUNITY").add("NEWS");
        g.set("roles", nodes.arrayNode().addAll(roles.values().stream().map(ObjectNode::deepCopy).toList()));
        g.putArray("emojis");
        g.putArray("stickers");
        if (withMembersAndChannels) {
            g.put("joined_at", memberJoinedAt.get(BOT_ID));
            g.put("large", false);
            g.put("unavailable", false);
            g.put("member_count", memberRoles.size());
            ArrayNode ms = g.putArray("members");
            memberRoles.keySet().forEach(id -> ms.add(memberJson(id)));
            ArrayNode cs = g.putArray("channels");
            ArrayNode ts = g.putArray("threads");
            for (ObjectNode c : channels.values()) {
                if (isThreadType(c.get("type").asInt())) {
                    if (!c.path("thread_metadata").path("archived").asBoolean()) {
                        ts.add(c.deepCopy());
                    }
                } else {
                    cs.add(c.deepCopy());
                }
            }
            ArrayNode evs = g.putArray("guild_scheduled_events");
            scheduledEvents.values().forEach(e -> evs.add(e.deepCopy()));
            g.putArray("voice_states");
            g.putArray("presences");
            g.putArray("stage_instances");
            g.putArray("soundboard_sounds");
        }
        return g;
    }

    // ---------------------------------------------------------------- member table

    /** Adds a member (or replaces its roles); dispatches GUILD_MEMBER_ADD when a client is connected. */
    public void addMember(String userId, String username, String... roleIds) {
        ObjectNode event;
        synchronized (lock) {
            users.put(userId, user(userId, username, username));
            memberJoinedAt.put(userId, now());
            memberRoles.put(userId, List.of(roleIds));
            event = memberJson(userId);
            event.put("guild_id", GUILD_ID);
        }
        dispatchFiltered("GUILD_MEMBER_ADD", event);
    }

    /** Sets a member's roles; dispatches GUILD_MEMBER_UPDATE. */
    public void setMemberRoles(String userId, String... roleIds) {
        ObjectNode event;
        synchronized (lock) {
            if (!isMember(userId)) {
                throw new IllegalArgumentException("Not a member: " + userId);
            }
            memberRoles.put(userId, List.of(roleIds));
            event = memberJson(userId);
            event.put("guild_id", GUILD_ID);
        }
        dispatchFiltered("GUILD_MEMBER_UPDATE", event);
    }

    /** The member's current role ids (the fake's table, including changes the bot made over REST). */
    public List<String> memberRoles(String userId) {
        synchronized (lock) {
            return memberRoles.getOrDefault(userId, List.of());
        }
    }

    /** Makes {@code POST /channels/{dm}/messages} to this user fail with 50007, as when a user closed DMs. */
    public void setDmsClosed(String userId, boolean closed) {
        if (closed) {
            closedDms.add(userId);
        } else {
            closedDms.remove(userId);
        }
    }

    // ---------------------------------------------------------------- state views for tests

    /** Current state of a channel or thread (copy), or null. */
    public JsonNode channel(String channelId) {
        synchronized (lock) {
            ObjectNode c = channelOrNull(channelId);
            return c == null ? null : c.deepCopy();
        }
    }

    /** Current state of a stored message (copy), or null. */
    public JsonNode message(String messageId) {
        synchronized (lock) {
            ObjectNode m = messages.get(messageId);
            return m == null ? null : m.deepCopy();
        }
    }

    /** Threads whose parent is the given channel, in creation order (copies). */
    public List<JsonNode> threadsIn(String parentId) {
        synchronized (lock) {
            return channels.values().stream()
                    .filter(c -> isThreadType(c.get("type").asInt()) && parentId.equals(c.path("parent_id").asText()))
                    .map(c -> (JsonNode) c.deepCopy())
                    .toList();
        }
    }

    /** Scheduled events currently known to the fake (copies). */
    public List<JsonNode> scheduledEvents() {
        synchronized (lock) {
            return scheduledEvents.values().stream().map(e -> (JsonNode) e.deepCopy()).toList();
        }
    }

    /** Permission overwrites of a channel (copies, as Discord sends them: id, type 0 role / 1 member, allow, deny). */
    public List<JsonNode> permissionOverwrites(String channelId) {
        synchronized (lock) {
            ObjectNode c = channels.get(channelId);
            if (c == null) {
                throw new IllegalArgumentException("Unknown channel: " + channelId);
            }
            List<JsonNode> out = new ArrayList<>();
            c.path("permission_overwrites").forEach(o -> out.add(o.deepCopy()));
            return out;
        }
    }

    /** The overwrite for role or member {@code id} on a channel (a copy), or null. */
    public JsonNode permissionOverwrite(String channelId, String id) {
        return permissionOverwrites(channelId).stream().filter(o -> o.path("id").asText().equals(id)).findFirst()
                .orElse(null);
    }

    /**
     * A member's permissions in a channel, computed as Discord does: the guild owner and administrators have all;
     * otherwise the guild-level permissions of @everyone and the member's roles, then the channel's @everyone
     * overwrite, then the overwrites of the member's roles (denies, then allows, of all of them together), then the
     * member's own overwrite. A thread takes its parent's overwrites. Without View Channel a member has none.
     * 0 for someone who is not a member.
     */
    public long permissionsIn(String userId, String channelId) {
        synchronized (lock) {
            ObjectNode c = channels.get(channelId);
            if (c == null) {
                throw new IllegalArgumentException("Unknown channel: " + channelId);
            }
            return channelPermissions(userId, c);
        }
    }

    /** Whether the member can see the channel (see {@link #permissionsIn}). */
    public boolean canView(String userId, String channelId) {
        return (permissionsIn(userId, channelId) & PERM_VIEW_CHANNEL) != 0;
    }

    /** Channels (not threads) whose parent is {@code categoryId}, in creation order (copies). */
    public List<JsonNode> channelsUnder(String categoryId) {
        synchronized (lock) {
            return channels.values().stream()
                    .filter(c -> !isThreadType(c.get("type").asInt()) && categoryId.equals(c.path("parent_id").asText(null)))
                    .map(c -> (JsonNode) c.deepCopy())
                    .toList();
        }
    }

    /** Adds a category channel (type 4); dispatches CHANNEL_CREATE to connected clients. */
    public void addCategory(String id, String name) {
        ObjectNode c;
        synchronized (lock) {
            c = baseChannel(id, 4, name, nextPosition());
            c.put("nsfw", false);
            c.put("flags", 0);
            addChannel(c);
            c = c.deepCopy();
        }
        dispatch("CHANNEL_CREATE", c);
    }

    /** Adds a text channel everyone sees, under {@code parentId} (or none); dispatches CHANNEL_CREATE. */
    public void addTextChannel(String id, String name, String parentId) {
        addPrivateTextChannel(id, name, parentId, (String[]) null);
    }

    /**
     * Adds a text channel under {@code parentId} (or none); with {@code allowedIds} (roles or members, told apart
     * by the role table) it is private: @everyone is denied View Channel, each id is allowed View Channel, Send
     * Messages and Read Message History. Dispatches CHANNEL_CREATE.
     */
    public void addPrivateTextChannel(String id, String name, String parentId, String... allowedIds) {
        ObjectNode c;
        synchronized (lock) {
            c = textChannel(id, name, nextPosition(), null);
            if (parentId != null) {
                c.put("parent_id", parentId);
            }
            if (allowedIds != null) {
                overwrite(c, GUILD_ID, 0, 0, PERM_VIEW_CHANNEL);
                for (String allowed : allowedIds) {
                    overwrite(c, allowed, roles.containsKey(allowed) ? 0 : 1,
                            PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES | PERM_READ_MESSAGE_HISTORY, 0);
                }
            }
            addChannel(c);
            c = c.deepCopy();
        }
        dispatch("CHANNEL_CREATE", c);
    }

    /** Replaces a role's guild-level permissions (e.g. take Manage Channels from the bot's role); dispatches GUILD_ROLE_UPDATE. */
    public void setRolePermissions(String roleId, long permissions) {
        ObjectNode event = nodes.objectNode();
        synchronized (lock) {
            ObjectNode role = roles.get(roleId);
            if (role == null) {
                throw new IllegalArgumentException("Unknown role: " + roleId);
            }
            role.put("permissions", Long.toString(permissions));
            event.put("guild_id", GUILD_ID);
            event.set("role", role.deepCopy());
        }
        dispatch("GUILD_ROLE_UPDATE", event);
    }

    // ================================================================ gateway

    /** Number of open gateway connections that have completed IDENTIFY or RESUME. */
    public int connectedClients() {
        return (int) gateway.sessions.values().stream().filter(s -> s.ready && s.conn.isOpen()).count();
    }

    /**
     * The most gateway clients that were identified (or resumed) and connected at the same time since start: with
     * several bot instances on one token, more than one means each event reached several of them.
     */
    public int mostConnectedClients() {
        return gateway.mostReady.get();
    }

    /** How many IDENTIFY payloads were accepted since start. */
    public int identifyCount() {
        return gateway.identifies.get();
    }

    /** Waits until some open gateway connection has identified and received READY + GUILD_CREATE. */
    public void awaitReady(Duration timeout) {
        awaitCondition(() -> connectedClients() > 0, timeout, () -> "a gateway client to identify");
    }

    /** Waits until no gateway connection is open (e.g. after {@code jda.shutdownNow()}). */
    public void awaitNoConnections(Duration timeout) {
        awaitCondition(() -> gateway.getConnections().isEmpty(), timeout, () -> "all gateway connections to close");
    }

    /**
     * Closes all gateway connections with the given close code. JDA reconnects and RESUMEs (answered with RESUMED,
     * sessions are kept) for reconnectable codes such as 4009 (quiet) or 4000 (JDA logs it at ERROR); codes JDA treats
     * as fatal (4004, 4010-4014) make it shut down.
     */
    public void dropConnections(int closeCode) {
        for (WebSocket conn : gateway.getConnections()) {
            conn.close(closeCode, "fake discord dropped the connection");
        }
    }

    private volatile boolean gatewayDown;

    /**
     * Takes the gateway down ({@code true}: every connection is dropped with 4000 and new ones are closed before
     * HELLO, so JDA keeps trying to reconnect) or back up (JDA's next attempt RESUMEs its session).
     */
    public void setGatewayDown(boolean down) {
        gatewayDown = down;
        if (down) {
            dropConnections(4000);
        }
    }

    /** Sends a dispatch (op 0) event to every connected, identified client, unfiltered. */
    public void dispatch(String eventName, ObjectNode data) {
        for (GatewaySession s : gateway.readySessions()) {
            s.sendDispatch(eventName, data);
        }
    }

    /** Sends an INTERACTION_CREATE to the clients {@link #routeInteractions} picks (all by default). */
    private void dispatchInteraction(ObjectNode payload) {
        java.util.function.BiPredicate<String, JsonNode> route = interactionRoute;
        for (GatewaySession s : gateway.readySessions()) {
            if (route == null || route.test(stripBot(s.token), payload)) {
                s.sendDispatch("INTERACTION_CREATE", payload);
            }
        }
    }

    /** Like {@link #dispatch} but applies Discord's intent rules per client. */
    private void dispatchFiltered(String eventName, ObjectNode data) {
        for (GatewaySession s : gateway.readySessions()) {
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
                    ? data : null;
        }
        if (event.startsWith("MESSAGE_")) {
            if ((intents & (guild ? INTENT_GUILD_MESSAGES : INTENT_DIRECT_MESSAGES)) == 0) {
                return null;
            }
            if (guild && (intents & INTENT_MESSAGE_CONTENT) == 0 && data.has("author")
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

    private ObjectNode readyPayload(String sessionId) {
        ObjectNode d = nodes.objectNode();
        d.put("v", 10);
        synchronized (lock) {
            ObjectNode self = userJson(BOT_ID);
            self.put("verified", true);
            self.put("mfa_enabled", false);
            self.put("flags", 0);
            d.set("user", self);
        }
        d.putArray("guilds").addObject().put("id", GUILD_ID).put("unavailable", true);
        d.put("session_id", sessionId);
        d.put("session_type", "normal");
        d.put("resume_gateway_url", gatewayUrl());
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
        synchronized (lock) {
            return guildJson(true);
        }
    }

    private ObjectNode membersChunk(JsonNode request) {
        ObjectNode d = nodes.objectNode();
        d.put("guild_id", GUILD_ID);
        ArrayNode ms = d.putArray("members");
        ArrayNode notFound = d.putArray("not_found");
        synchronized (lock) {
            if (request.has("user_ids")) {
                JsonNode ids = request.get("user_ids");
                List<String> wanted = new ArrayList<>();
                if (ids.isArray()) {
                    ids.forEach(id -> wanted.add(id.asText()));
                } else {
                    wanted.add(ids.asText());
                }
                for (String id : wanted) {
                    if (isMember(id)) {
                        ms.add(memberJson(id));
                    } else {
                        notFound.add(id);
                    }
                }
            } else {
                String query = request.path("query").asText("").toLowerCase();
                int limit = request.path("limit").asInt(0);
                for (String id : memberRoles.keySet()) {
                    String name = users.get(id).path("username").asText().toLowerCase();
                    if (name.startsWith(query) && (limit == 0 || ms.size() < limit)) {
                        ms.add(memberJson(id));
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
                c.send(toJson(payload));
            } catch (RuntimeException e) {
                // connection closed concurrently; Discord would drop the event as well
            }
        }
    }

    private final class Gateway extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final Map<WebSocket, GatewaySession> byConnection = new ConcurrentHashMap<>();
        final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
        final AtomicInteger identifies = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger resumes = new AtomicInteger();
        final AtomicInteger resumed = new AtomicInteger();
        final AtomicInteger mostReady = new AtomicInteger();
        volatile int port;

        Gateway(InetSocketAddress address) {
            super(address);
            setReuseAddr(true);
            setTcpNoDelay(true);
            setDaemon(true);
            setConnectionLostTimeout(0);
        }

        List<GatewaySession> readySessions() {
            return byConnection.values().stream().filter(s -> s.ready && s.conn.isOpen()).toList();
        }

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
            hello.putObject("d").put("heartbeat_interval", HEARTBEAT_INTERVAL).putArray("_trace").add("fake-discord");
            hello.putNull("s");
            hello.putNull("t");
            conn.send(toJson(hello));
            opened.incrementAndGet();
            signalRecorded();
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            GatewaySession s = byConnection.remove(conn);
            if (s != null && s.conn == conn) {
                s.ready = false;
            }
            signalRecorded();
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            onMessage(conn, StandardCharsets.UTF_8.decode(message).toString());
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode payload = mapper.readTree(message);
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
                serverErrors.add(e);
            }
        }

        private void identify(WebSocket conn, JsonNode d) {
            if (!tokenAccepted(stripBot(d.path("token").asText()))) {
                conn.close(4004, "Authentication failed.");
                return;
            }
            GatewaySession s = new GatewaySession(conn, d.path("token").asText(), d.path("intents").asLong(0));
            sessions.put(s.sessionId, s);
            byConnection.put(conn, s);
            identifies.incrementAndGet();
            ObjectNode ready = readyPayload(s.sessionId);
            ObjectNode guild = guildCreatePayload();
            synchronized (s) {
                // Ready before READY goes out: the client may act on READY at once (awaitReady() returns, the test
                // sends an interaction). Dispatches from other threads wait on s until READY and GUILD_CREATE are out.
                s.ready = true;
                s.sendDispatch("READY", ready);
                s.sendDispatch("GUILD_CREATE", guild);
            }
            mostReady.accumulateAndGet(readySessions().size(), Math::max);
            signalRecorded();
        }

        private void resume(WebSocket conn, JsonNode d) {
            resumes.incrementAndGet();
            GatewaySession s = sessions.get(d.path("session_id").asText());
            if (s == null || !stripBot(s.token).equals(stripBot(d.path("token").asText()))) {
                conn.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
                signalRecorded();
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
                ObjectNode resumed = nodes.objectNode();
                resumed.putArray("_trace").add("fake-discord");
                s.ready = true; // before RESUMED goes out, as in identify()
                s.sendDispatch("RESUMED", resumed);
            }
            mostReady.accumulateAndGet(readySessions().size(), Math::max);
            this.resumed.incrementAndGet();
            signalRecorded();
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                started.countDown(); // server failed to bind; constructor will notice port==0
            }
            serverErrors.add(ex);
        }
    }

    private static String stripBot(String token) {
        return token.startsWith("Bot ") ? token.substring(4) : token;
    }

    // ================================================================ interactions

    private Interaction registerInteraction(int type, String userId, String channelId, String guildId) {
        String id = newSnowflake();
        String token = "aW50ZXJhY3Rpb246" + id + ":" + UUID.randomUUID().toString().replace("-", "");
        Interaction i = new Interaction(id, token, type, userId, channelId, guildId);
        interactionsById.put(id, i);
        interactionsByToken.put(token, i);
        return i;
    }

    /** Builds the common interaction envelope; caller holds lock. */
    private ObjectNode interactionEnvelope(Interaction i, String locale) {
        ObjectNode channel = channelOrNull(i.channelId());
        ObjectNode p = nodes.objectNode();
        p.put("id", i.id());
        p.put("application_id", BOT_ID);
        p.put("type", i.type());
        p.put("token", i.token());
        p.put("version", 1);
        p.put("locale", locale);
        p.put("app_permissions", Long.toString(PERM_ALL));
        p.putArray("entitlements");
        p.put("attachment_size_limit", 10 * 1024 * 1024);
        if (i.guildId() != null) {
            p.put("guild_id", GUILD_ID);
            p.put("guild_locale", "en-US");
            ObjectNode g = p.putObject("guild");
            g.put("id", GUILD_ID);
            g.put("locale", "en-US");
            g.putArray("features").add("COMMUNITY").add("NEWS");
            ObjectNode member = memberJson(i.userId());
            member.put("permissions", Long.toString(permissionsOf(i.userId())));
            p.set("member", member);
            ObjectNode ch = channel.deepCopy();
            ch.put("permissions", Long.toString(permissionsOf(i.userId())));
            p.set("channel", ch);
            p.put("channel_id", i.channelId());
            p.put("context", 0);
            p.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        } else {
            p.set("user", userJson(i.userId()));
            p.set("channel", channel.deepCopy());
            p.put("channel_id", i.channelId());
            p.put("context", 1);
            p.putObject("authorizing_integration_owners").put("0", "0");
        }
        return p;
    }

    private Interaction newInteraction(int type, String userId, String channelId) {
        synchronized (lock) {
            ObjectNode channel = channelFor(channelId, userId);
            if (channel == null) {
                throw new IllegalArgumentException("Unknown channel " + channelId + " (use a channel constant, a "
                        + "thread id or dmChannelOf(userId))");
            }
            String guildId = isGuildChannel(channelId) ? GUILD_ID : null;
            if (guildId != null && !isMember(userId)) {
                throw new IllegalArgumentException("User " + userId + " is not a member of the fake guild");
            }
            return registerInteraction(type, userId, channelId, guildId);
        }
    }

    private void requireClient() {
        if (gateway.readySessions().isEmpty()) {
            throw new IllegalStateException("No identified gateway client is connected to the fake Discord");
        }
    }

    /**
     * Dispatches a slash-command INTERACTION_CREATE (type 2).
     *
     * @param subcommandOrNull subcommand name, or {@code "group subcommand"}, or null
     * @param options          option name → value (String, Integer/Long, Boolean, Double or {@link OptionValue})
     * @return the interaction id
     */
    public String sendSlash(String userId, String locale, String channelId, String command, String subcommandOrNull,
            Map<String, ?> options) {
        return sendCommandInteraction(2, userId, locale, channelId, command, subcommandOrNull, options, null);
    }

    /** {@link #sendSlash} with locale {@code en-US}. */
    public String sendSlash(String userId, String channelId, String command, String subcommandOrNull,
            Map<String, ?> options) {
        return sendSlash(userId, "en-US", channelId, command, subcommandOrNull, options);
    }

    /**
     * Dispatches an autocomplete INTERACTION_CREATE (type 4); the option {@code focusedOption} (which must be a key of
     * {@code options}, holding what the user typed so far) is marked {@code focused: true}.
     */
    public String sendAutocomplete(String userId, String locale, String channelId, String command,
            String subcommandOrNull, Map<String, ?> options, String focusedOption) {
        if (!options.containsKey(focusedOption)) {
            throw new IllegalArgumentException("focused option " + focusedOption + " missing from options");
        }
        return sendCommandInteraction(4, userId, locale, channelId, command, subcommandOrNull, options, focusedOption);
    }

    /**
     * Dispatches a message context-menu command (INTERACTION_CREATE type 2, command type 3) on a message the fake
     * knows, with the message in {@code data.resolved.messages}; returns the interaction id.
     */
    public String sendMessageCommand(String userId, String locale, String channelId, String command, String targetMessageId) {
        requireClient();
        Interaction i = newInteraction(2, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            ObjectNode target = messages.get(targetMessageId);
            if (target == null) {
                throw new IllegalArgumentException("Unknown message " + targetMessageId);
            }
            payload = interactionEnvelope(i, locale);
            ObjectNode data = payload.putObject("data");
            boolean guildCommand = i.guildId() != null && findCommand(guildCommands.get(GUILD_ID), command) != null;
            data.put("id", commandIdFor(command, guildCommand));
            data.put("name", command);
            data.put("type", 3);
            if (guildCommand) {
                data.put("guild_id", GUILD_ID);
            }
            data.put("target_id", targetMessageId);
            data.putObject("resolved").putObject("messages").set(targetMessageId, target.deepCopy());
        }
        dispatchInteraction(payload);
        return i.id();
    }

    private String sendCommandInteraction(int type, String userId, String locale, String channelId, String command,
            String subcommandOrNull, Map<String, ?> options, String focused) {
        requireClient();
        Interaction i = newInteraction(type, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            payload = interactionEnvelope(i, locale);
            ObjectNode data = payload.putObject("data");
            boolean guildCommand = i.guildId() != null && findCommand(guildCommands.get(GUILD_ID), command) != null;
            data.put("id", commandIdFor(command, guildCommand));
            data.put("name", command);
            data.put("type", 1);
            if (guildCommand) {
                data.put("guild_id", GUILD_ID);
            }
            ObjectNode resolved = nodes.objectNode();
            ArrayNode leafOptions = buildOptions(options == null ? Map.of() : options, resolved, focused);
            if (subcommandOrNull == null || subcommandOrNull.isBlank()) {
                data.set("options", leafOptions);
            } else {
                String[] parts = subcommandOrNull.trim().split("\\s+");
                ObjectNode sub = nodes.objectNode();
                sub.put("name", parts[parts.length - 1]);
                sub.put("type", 1);
                sub.set("options", leafOptions);
                if (parts.length == 2) {
                    ObjectNode group = data.putArray("options").addObject();
                    group.put("name", parts[0]);
                    group.put("type", 2);
                    group.putArray("options").add(sub);
                } else {
                    data.putArray("options").add(sub);
                }
            }
            if (!resolved.isEmpty()) {
                data.set("resolved", resolved);
            }
        }
        dispatchInteraction(payload);
        return i.id();
    }

    private ArrayNode buildOptions(Map<String, ?> options, ObjectNode resolved, String focused) {
        ArrayNode out = nodes.arrayNode();
        for (Map.Entry<String, ?> e : options.entrySet()) {
            ObjectNode o = out.addObject();
            o.put("name", e.getKey());
            Object v = e.getValue();
            if (v instanceof OptionValue ov) {
                o.put("type", ov.type());
                if (ov.value() instanceof Number n) {
                    o.put("value", n.doubleValue());
                } else {
                    o.put("value", String.valueOf(ov.value()));
                    resolve(ov.type(), String.valueOf(ov.value()), resolved);
                }
            } else if (v instanceof String s) {
                o.put("type", 3);
                o.put("value", s);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                o.put("type", 4);
                o.put("value", ((Number) v).longValue());
            } else if (v instanceof Number n) {
                o.put("type", 10);
                o.put("value", n.doubleValue());
            } else if (v instanceof Boolean b) {
                o.put("type", 5);
                o.put("value", b);
            } else {
                throw new IllegalArgumentException("Unsupported option value for " + e.getKey() + ": " + v);
            }
            if (e.getKey().equals(focused)) {
                o.put("focused", true);
            }
        }
        return out;
    }

    private void resolve(int type, String id, ObjectNode resolved) {
        switch (type) {
            case 6 -> resolveUser(id, resolved);
            case 7 -> {
                ObjectNode c = channelOrNull(id);
                if (c == null) {
                    throw new IllegalArgumentException("Unknown channel " + id);
                }
                ObjectNode rc = nodes.objectNode();
                for (String f : List.of("id", "name", "type", "parent_id", "thread_metadata", "guild_id")) {
                    if (c.has(f)) {
                        rc.set(f, c.get(f).deepCopy());
                    }
                }
                rc.put("permissions", Long.toString(PERM_ALL));
                objectAt(resolved, "channels").set(id, rc);
            }
            case 8 -> resolveRole(id, resolved);
            case 9 -> {
                if (roles.containsKey(id)) {
                    resolveRole(id, resolved);
                } else {
                    resolveUser(id, resolved);
                }
            }
            default -> {
                // nothing to resolve
            }
        }
    }

    private void resolveUser(String id, ObjectNode resolved) {
        objectAt(resolved, "users").set(id, userJson(id));
        if (isMember(id)) {
            ObjectNode m = memberJsonWithoutUser(id);
            m.put("permissions", Long.toString(permissionsOf(id)));
            objectAt(resolved, "members").set(id, m);
        }
    }

    private void resolveRole(String id, ObjectNode resolved) {
        ObjectNode r = roles.get(id);
        if (r == null) {
            throw new IllegalArgumentException("Unknown role " + id);
        }
        objectAt(resolved, "roles").set(id, r.deepCopy());
    }

    private static ObjectNode objectAt(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ObjectNode o ? o : parent.putObject(field);
    }

    /** Dispatches a button click (type 3, component_type 2) on a message; returns the interaction id. */
    public String sendButton(String userId, String channelId, String messageId, String customId) {
        return sendComponent(userId, channelId, messageId, customId, 2, null);
    }

    /** Dispatches a string-select interaction (type 3, component_type 3) with the chosen values. */
    public String sendStringSelect(String userId, String channelId, String messageId, String customId,
            List<String> values) {
        return sendComponent(userId, channelId, messageId, customId, 3, values);
    }

    private String sendComponent(String userId, String channelId, String messageId, String customId,
            int componentType, List<String> values) {
        requireClient();
        Interaction i = newInteraction(3, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            payload = interactionEnvelope(i, "en-US");
            ObjectNode data = payload.putObject("data");
            data.put("custom_id", customId);
            data.put("component_type", componentType);
            if (values != null) {
                ArrayNode vs = data.putArray("values");
                values.forEach(vs::add);
            }
            ObjectNode message = messages.get(messageId);
            if (message == null) {
                message = newMessage(messageId, channelId, userJson(BOT_ID), nodes.objectNode(), List.of());
                messages.put(messageId, message);
            }
            originals.put(i.token(), message);
            payload.set("message", message.deepCopy());
        }
        dispatchInteraction(payload);
        return i.id();
    }

    /**
     * Dispatches a modal submit (type 5). Each field becomes a Label (type 18) wrapping a text input (type 4) with
     * that custom id and value, which is what JDA 6 maps to {@code ModalMapping}s.
     */
    public String sendModalSubmit(String userId, String channelId, String customId, Map<String, String> fields) {
        requireClient();
        Interaction i = newInteraction(5, userId, channelId);
        ObjectNode payload;
        synchronized (lock) {
            payload = interactionEnvelope(i, "en-US");
            ObjectNode data = payload.putObject("data");
            data.put("custom_id", customId);
            ArrayNode components = data.putArray("components");
            int uid = 1;
            for (Map.Entry<String, String> f : fields.entrySet()) {
                ObjectNode label = components.addObject();
                label.put("type", 18);
                label.put("id", uid++);
                ObjectNode input = label.putObject("component");
                input.put("type", 4);
                input.put("id", uid++);
                input.put("custom_id", f.getKey());
                input.put("value", f.getValue());
            }
        }
        dispatchInteraction(payload);
        return i.id();
    }

    // ================================================================ user-side events

    /** A user posts a message in a channel, thread or DM; dispatches MESSAGE_CREATE. Returns the message id. */
    public String sendMessageCreate(String channelId, String userId, String content) {
        ObjectNode event;
        synchronized (lock) {
            if (channelFor(channelId, userId) == null) {
                throw new IllegalArgumentException("Unknown channel " + channelId);
            }
            ObjectNode body = nodes.objectNode().put("content", content);
            ObjectNode msg = newMessage(newSnowflake(), channelId, userJson(userId), body, List.of());
            storeMessage(msg);
            event = gatewayMessage(msg);
        }
        dispatchFiltered("MESSAGE_CREATE", event);
        return event.get("id").asText();
    }

    /** A user sends the bot a direct message (MESSAGE_CREATE in {@link #dmChannelOf}); returns the message id. */
    public String sendDirectMessage(String userId, String content) {
        return sendMessageCreate(dmChannelOf(userId), userId, content);
    }

    /** A user edits a message; dispatches MESSAGE_UPDATE with the full new message. */
    public void sendMessageUpdate(String channelId, String messageId, String newContent) {
        ObjectNode event;
        synchronized (lock) {
            ObjectNode msg = messages.get(messageId);
            if (msg == null) {
                throw new IllegalArgumentException("Unknown message " + messageId);
            }
            msg.put("content", newContent);
            msg.put("edited_timestamp", now());
            fillMentions(msg);
            event = gatewayMessage(msg);
        }
        dispatchFiltered("MESSAGE_UPDATE", event);
    }

    /** A message is deleted; dispatches MESSAGE_DELETE. */
    public void sendMessageDelete(String channelId, String messageId) {
        ObjectNode event = nodes.objectNode();
        synchronized (lock) {
            messages.remove(messageId);
            event.put("id", messageId);
            event.put("channel_id", channelId);
            if (isGuildChannel(channelId)) {
                event.put("guild_id", GUILD_ID);
            }
        }
        dispatchFiltered("MESSAGE_DELETE", event);
    }

    /**
     * A user creates a thread (a forum post when the parent is a forum); the fake stores it and dispatches
     * THREAD_CREATE (so JDA caches it) and, when {@code starterContent} is not null, MESSAGE_CREATE for the starter
     * message (whose id equals the thread id for forum posts). Returns the thread id.
     */
    public String createThread(String parentChannelId, String ownerUserId, String name, List<String> appliedTagIds,
            String starterContent) {
        ObjectNode threadEvent;
        ObjectNode starterEvent = null;
        synchronized (lock) {
            ObjectNode parent = channels.get(parentChannelId);
            if (parent == null) {
                throw new IllegalArgumentException("Unknown parent channel " + parentChannelId);
            }
            String threadId = newSnowflake();
            boolean postContainer = isPostContainer(parent);
            ObjectNode thread = threadObject(threadId, parentChannelId, 11, name, ownerUserId, 4320,
                    appliedTagIds == null ? List.of() : appliedTagIds, false);
            channels.put(threadId, thread);
            if (starterContent != null) {
                String messageId = postContainer ? threadId : newSnowflake();
                ObjectNode msg = newMessage(messageId, threadId, userJson(ownerUserId),
                        nodes.objectNode().put("content", starterContent), List.of());
                storeMessage(msg);
                starterEvent = gatewayMessage(msg);
            }
            threadEvent = thread.deepCopy();
            threadEvent.put("newly_created", true);
        }
        dispatch("THREAD_CREATE", threadEvent);
        if (starterEvent != null) {
            dispatchFiltered("MESSAGE_CREATE", starterEvent);
        }
        return threadEvent.get("id").asText();
    }

    private static boolean isPostContainer(JsonNode channel) {
        int type = channel.get("type").asInt();
        return type == 15 || type == 16;
    }

    private ObjectNode threadObject(String id, String parentId, int type, String name, String ownerId,
            int autoArchive, List<String> tags, boolean botIsMember) {
        ObjectNode t = nodes.objectNode();
        t.put("id", id);
        t.put("type", type);
        t.put("guild_id", GUILD_ID);
        t.put("parent_id", parentId);
        t.put("owner_id", ownerId);
        t.put("name", name);
        t.putNull("last_message_id");
        t.put("rate_limit_per_user", 0);
        t.put("flags", 0);
        t.put("member_count", 1);
        t.put("message_count", 0);
        t.put("total_message_sent", 0);
        ArrayNode at = t.putArray("applied_tags");
        tags.forEach(at::add);
        ObjectNode md = t.putObject("thread_metadata");
        md.put("archived", false);
        md.put("auto_archive_duration", autoArchive);
        md.put("archive_timestamp", now());
        md.put("locked", false);
        md.put("invitable", type == 12);
        md.put("create_timestamp", now());
        if (botIsMember) {
            ObjectNode member = t.putObject("member");
            member.put("id", id);
            member.put("user_id", BOT_ID);
            member.put("join_timestamp", now());
            member.put("flags", 1);
        }
        return t;
    }

    // ================================================================ messages

    /** Builds a message object; caller holds lock. */
    private ObjectNode newMessage(String id, String channelId, ObjectNode author, JsonNode body,
            List<RecordedRequest.Part> files) {
        ObjectNode m = nodes.objectNode();
        m.put("id", id);
        m.put("channel_id", channelId);
        m.set("author", author);
        m.put("type", body.hasNonNull("message_reference") ? 19 : 0);
        m.put("content", body.path("content").asText(""));
        m.put("timestamp", now());
        m.putNull("edited_timestamp");
        m.put("tts", body.path("tts").asBoolean(false));
        m.put("mention_everyone", false);
        m.put("pinned", false);
        m.put("flags", body.path("flags").asInt(0) & (4 | FLAG_EPHEMERAL | 4096 | 32768));
        m.set("attachments", attachments(channelId, body.path("attachments"), files, nodes.arrayNode()));
        m.set("embeds", normalizeEmbeds(body.path("embeds")));
        m.set("components", normalizeComponents(body.path("components"), m.get("attachments")));
        if (body.hasNonNull("nonce")) {
            m.set("nonce", body.get("nonce").deepCopy());
        }
        if (body.hasNonNull("message_reference")) {
            ObjectNode ref = body.get("message_reference").deepCopy();
            if (!ref.has("channel_id")) {
                ref.put("channel_id", channelId);
            }
            ref.put("type", ref.path("type").asInt(0));
            m.set("message_reference", ref);
            ObjectNode referenced = messages.get(ref.path("message_id").asText());
            if (referenced != null) {
                m.set("referenced_message", referenced.deepCopy());
            }
        }
        if (body.hasNonNull("poll")) {
            m.set("poll", poll(body.get("poll")));
        }
        fillMentions(m);
        return m;
    }

    private void fillMentions(ObjectNode m) {
        String content = m.path("content").asText("");
        ArrayNode mentions = m.putArray("mentions");
        Set<String> seen = new LinkedHashSet<>();
        Matcher um = USER_MENTION.matcher(content);
        while (um.find()) {
            if (seen.add(um.group(1)) && users.containsKey(um.group(1))) {
                mentions.add(userJson(um.group(1)));
            }
        }
        ArrayNode roleMentions = m.putArray("mention_roles");
        Matcher rm = ROLE_MENTION.matcher(content);
        while (rm.find()) {
            if (roles.containsKey(rm.group(1))) {
                roleMentions.add(rm.group(1));
            }
        }
        m.put("mention_everyone", content.contains("@everyone") || content.contains("@here"));
    }

    private ArrayNode attachments(String channelId, JsonNode requested, List<RecordedRequest.Part> files,
            ArrayNode existing) {
        ArrayNode out = nodes.arrayNode();
        Map<String, RecordedRequest.Part> byIndex = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            RecordedRequest.Part part = files.get(i);
            String idx = String.valueOf(i);
            if (part.name() != null && part.name().startsWith("files[") && part.name().endsWith("]")) {
                idx = part.name().substring(6, part.name().length() - 1);
            }
            byIndex.put(idx, part);
        }
        if (requested.isArray() && !requested.isEmpty()) {
            for (JsonNode a : requested) {
                String id = a.path("id").asText();
                RecordedRequest.Part part = byIndex.remove(id);
                if (part != null) {
                    out.add(attachment(channelId, part, a));
                } else {
                    for (JsonNode old : existing) {
                        if (old.path("id").asText().equals(id)) {
                            out.add(old.deepCopy());
                        }
                    }
                }
            }
        }
        byIndex.values().forEach(part -> out.add(attachment(channelId, part, nodes.objectNode())));
        return out;
    }

    private ObjectNode attachment(String channelId, RecordedRequest.Part part, JsonNode meta) {
        String id = newSnowflake();
        String filename = meta.path("filename").asText(part.filename());
        ObjectNode a = nodes.objectNode();
        a.put("id", id);
        a.put("filename", filename);
        a.put("size", part.content().getBytes(StandardCharsets.UTF_8).length);
        a.put("url", "https://cdn.discordapp.com/attachments/" + channelId + "/" + id + "/" + filename);
        a.put("proxy_url", "https://media.discordapp.net/attachments/" + channelId + "/" + id + "/" + filename);
        a.put("content_type", part.contentType() == null ? "application/octet-stream" : part.contentType());
        if (meta.hasNonNull("description")) {
            a.put("description", meta.get("description").asText());
        }
        return a;
    }

    private ArrayNode normalizeEmbeds(JsonNode embeds) {
        ArrayNode out = nodes.arrayNode();
        for (JsonNode e : embeds) {
            ObjectNode copy = objectOrEmpty(e, nodes).deepCopy();
            if (!copy.hasNonNull("type")) {
                copy.put("type", "rich");
            }
            for (String media : List.of("image", "thumbnail")) {
                if (copy.get(media) instanceof ObjectNode mo && mo.hasNonNull("url") && !mo.has("proxy_url")) {
                    mo.put("proxy_url", mo.get("url").asText());
                }
            }
            out.add(copy);
        }
        return out;
    }

    /** Copies components, resolving attachment:// urls and adding the proxy_url JDA requires on media. */
    private ArrayNode normalizeComponents(JsonNode components, JsonNode attachments) {
        ArrayNode out = nodes.arrayNode();
        for (JsonNode c : components) {
            JsonNode copy = c.deepCopy();
            fixMedia(copy, attachments);
            out.add(copy);
        }
        return out;
    }

    private void fixMedia(JsonNode node, JsonNode attachments) {
        if (node instanceof ObjectNode o) {
            for (String key : List.of("media", "file")) {
                if (o.get(key) instanceof ObjectNode media && media.hasNonNull("url")) {
                    String url = media.get("url").asText();
                    if (url.startsWith("attachment://")) {
                        String name = url.substring("attachment://".length());
                        String resolved = "https://cdn.discordapp.com/attachments/0/0/" + name;
                        for (JsonNode a : attachments) {
                            if (name.equals(a.path("filename").asText())) {
                                resolved = a.path("url").asText();
                            }
                        }
                        media.put("url", resolved);
                    }
                    if (!media.hasNonNull("proxy_url")) {
                        media.put("proxy_url", media.get("url").asText());
                    }
                }
            }
            o.elements().forEachRemaining(child -> fixMedia(child, attachments));
        } else if (node instanceof ArrayNode a) {
            a.forEach(child -> fixMedia(child, attachments));
        }
    }

    private ObjectNode poll(JsonNode request) {
        ObjectNode p = nodes.objectNode();
        p.set("question", request.path("question").deepCopy());
        ArrayNode answers = p.putArray("answers");
        int n = 1;
        for (JsonNode a : request.path("answers")) {
            ObjectNode answer = answers.addObject();
            answer.put("answer_id", n++);
            answer.set("poll_media", a.path("poll_media").deepCopy());
        }
        int hours = request.path("duration").asInt(24);
        p.put("expiry", timestamp(OffsetDateTime.now(ZoneOffset.UTC).plusHours(hours)));
        p.put("allow_multiselect", request.path("allow_multiselect").asBoolean(false));
        p.put("layout_type", request.path("layout_type").asInt(1));
        p.putObject("results").put("is_finalized", false).putArray("answer_counts");
        return p;
    }

    /** Stores a message and updates channel counters; caller holds lock. */
    private void storeMessage(ObjectNode msg) {
        String id = msg.get("id").asText();
        messages.put(id, msg);
        createdMessages.add(msg);
        ObjectNode channel = channelOrNull(msg.get("channel_id").asText());
        if (channel != null) {
            channel.put("last_message_id", id);
            if (isThreadType(channel.get("type").asInt())) {
                channel.put("message_count", channel.path("message_count").asInt() + 1);
                channel.put("total_message_sent", channel.path("total_message_sent").asInt() + 1);
            }
        }
    }

    /** Message as a gateway event: adds guild_id and member for guild channels; caller holds lock. */
    private ObjectNode gatewayMessage(ObjectNode msg) {
        ObjectNode e = msg.deepCopy();
        String channelId = msg.get("channel_id").asText();
        if (isGuildChannel(channelId)) {
            e.put("guild_id", GUILD_ID);
            String authorId = msg.path("author").path("id").asText();
            if (isMember(authorId) && !msg.has("webhook_id")) {
                e.set("member", memberJsonWithoutUser(authorId));
            }
        }
        return e;
    }

    private void echo(String event, ObjectNode msg) {
        if (!echoBotMessages || (msg.path("flags").asInt() & FLAG_EPHEMERAL) != 0) {
            return;
        }
        ObjectNode e;
        synchronized (lock) {
            e = gatewayMessage(msg);
        }
        dispatchFiltered(event, e);
    }

    private void mergeMessage(ObjectNode msg, JsonNode body, List<RecordedRequest.Part> files) {
        if (body.has("content")) {
            msg.put("content", body.path("content").asText(""));
        }
        if (body.has("embeds")) {
            msg.set("embeds", normalizeEmbeds(body.path("embeds")));
        }
        if (body.has("attachments") || !files.isEmpty()) {
            JsonNode requested = body.has("attachments") ? body.get("attachments") : msg.path("attachments");
            msg.set("attachments", attachments(msg.get("channel_id").asText(), requested, files,
                    (ArrayNode) msg.get("attachments")));
        }
        if (body.has("components")) {
            msg.set("components", normalizeComponents(body.path("components"), msg.get("attachments")));
        }
        if (body.has("flags")) {
            int keep = msg.path("flags").asInt() & (FLAG_EPHEMERAL | 32768);
            msg.put("flags", keep | (body.path("flags").asInt() & (4 | 32768)));
        }
        msg.put("flags", msg.path("flags").asInt() & ~FLAG_LOADING);
        msg.put("edited_timestamp", now());
        fillMentions(msg);
    }

    // ================================================================ REST

    private void on(String method, String template, BiFunction<RecordedRequest, Matcher, Reply> handler) {
        String regex = Pattern.quote(template).replace("{}", "\\E([^/]+)\\Q");
        routes.add(new RestRoute(method, Pattern.compile(regex), handler));
    }

    private void registerRoutes() {
        on("GET", "/gateway", (r, m) -> Reply.json(nodes.objectNode().put("url", gatewayUrl())));
        on("GET", "/gateway/bot", (r, m) -> gatewayBot());
        on("GET", "/users/@me", (r, m) -> Reply.json(withLock(() -> userJson(BOT_ID).put("verified", true)
                .put("mfa_enabled", false).put("flags", 0))));
        on("GET", "/users/{}", (r, m) -> withLock(() -> users.containsKey(m.group(1))
                ? Reply.json(userJson(m.group(1))) : notFound("User", 10013)));
        on("GET", "/oauth2/applications/@me", (r, m) -> Reply.json(applicationInfo()));
        on("GET", "/applications/@me", (r, m) -> Reply.json(applicationInfo()));
        on("POST", "/users/@me/channels", (r, m) -> openDm(r));

        // commands
        on("PUT", "/applications/{}/commands", (r, m) -> putCommands(r, null));
        on("PUT", "/applications/{}/guilds/{}/commands", (r, m) -> putCommands(r, m.group(2)));
        on("GET", "/applications/{}/commands", (r, m) -> Reply.json(commandsCopy(null)));
        on("GET", "/applications/{}/guilds/{}/commands", (r, m) -> Reply.json(commandsCopy(m.group(2))));
        on("POST", "/applications/{}/commands", (r, m) -> upsertCommand(r, null));
        on("POST", "/applications/{}/guilds/{}/commands", (r, m) -> upsertCommand(r, m.group(2)));
        on("PATCH", "/applications/{}/commands/{}", (r, m) -> editCommand(r, null, m.group(2)));
        on("PATCH", "/applications/{}/guilds/{}/commands/{}", (r, m) -> editCommand(r, m.group(2), m.group(3)));
        on("DELETE", "/applications/{}/commands/{}", (r, m) -> deleteCommand(null, m.group(2)));
        on("DELETE", "/applications/{}/guilds/{}/commands/{}", (r, m) -> deleteCommand(m.group(2), m.group(3)));

        // interactions
        on("POST", "/interactions/{}/{}/callback", (r, m) -> interactionCallback(r, m.group(1), m.group(2)));
        on("POST", "/webhooks/{}/{}", (r, m) -> followup(r, m.group(2)));
        on("GET", "/webhooks/{}/{}/messages/{}", (r, m) -> webhookMessage(r, m.group(2), m.group(3)));
        on("PATCH", "/webhooks/{}/{}/messages/{}", (r, m) -> webhookMessage(r, m.group(2), m.group(3)));
        on("DELETE", "/webhooks/{}/{}/messages/{}", (r, m) -> webhookMessage(r, m.group(2), m.group(3)));

        // channels and messages
        on("GET", "/channels/{}", (r, m) -> withLock(() -> {
            ObjectNode c = channelOrNull(m.group(1));
            return c == null ? notFound("Channel", 10003) : Reply.json(c.deepCopy());
        }));
        on("PATCH", "/channels/{}", (r, m) -> patchChannel(r, m.group(1)));
        on("DELETE", "/channels/{}", (r, m) -> deleteChannel(m.group(1)));
        on("POST", "/channels/{}/messages", (r, m) -> postMessage(r, m.group(1)));
        on("GET", "/channels/{}/messages", (r, m) -> listMessages(r, m.group(1)));
        on("GET", "/channels/{}/messages/{}", (r, m) -> withLock(() -> {
            ObjectNode msg = messages.get(m.group(2));
            return msg == null || !msg.get("channel_id").asText().equals(m.group(1))
                    ? notFound("Message", 10008) : Reply.json(msg.deepCopy());
        }));
        on("PATCH", "/channels/{}/messages/{}", (r, m) -> editMessage(r, m.group(1), m.group(2)));
        on("DELETE", "/channels/{}/messages/{}", (r, m) -> deleteMessage(m.group(1), m.group(2)));
        on("POST", "/channels/{}/messages/bulk-delete", (r, m) -> Reply.noContent());
        on("POST", "/channels/{}/typing", (r, m) -> Reply.noContent());
        on("PUT", "/channels/{}/messages/{}/reactions/{}/@me", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/messages/{}/reactions/{}/{}", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/messages/{}/reactions/{}", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/messages/{}/reactions", (r, m) -> Reply.noContent());
        on("GET", "/channels/{}/messages/{}/reactions/{}", (r, m) -> Reply.json(nodes.arrayNode()));
        on("PUT", "/channels/{}/pins/{}", (r, m) -> setPinned(m.group(2), true));
        on("DELETE", "/channels/{}/pins/{}", (r, m) -> setPinned(m.group(2), false));
        on("PUT", "/channels/{}/messages/pins/{}", (r, m) -> setPinned(m.group(2), true));
        on("DELETE", "/channels/{}/messages/pins/{}", (r, m) -> setPinned(m.group(2), false));
        on("PUT", "/channels/{}/permissions/{}", (r, m) -> putOverwrite(r, m.group(1), m.group(2)));
        on("DELETE", "/channels/{}/permissions/{}", (r, m) -> deleteOverwrite(m.group(1), m.group(2)));
        on("POST", "/channels/{}/threads", (r, m) -> createThreadRest(r, m.group(1), null));
        on("POST", "/channels/{}/messages/{}/threads", (r, m) -> createThreadRest(r, m.group(1), m.group(2)));
        on("PUT", "/channels/{}/thread-members/{}", (r, m) -> Reply.noContent());
        on("DELETE", "/channels/{}/thread-members/{}", (r, m) -> Reply.noContent());
        on("GET", "/channels/{}/thread-members", (r, m) -> Reply.json(nodes.arrayNode()));
        on("GET", "/channels/{}/threads/archived/public", (r, m) -> threadList(m.group(1), true, 11));
        on("GET", "/channels/{}/threads/archived/private", (r, m) -> threadList(m.group(1), true, 12));
        on("GET", "/channels/{}/users/@me/threads/archived/private", (r, m) -> threadList(m.group(1), true, 12));
        on("GET", "/guilds/{}/threads/active", (r, m) -> guildOnly(m.group(1), () -> threadList(null, false, 0)));

        // guild
        on("GET", "/guilds/{}", (r, m) -> guildOnly(m.group(1), () -> Reply.json(guildJson(false))));
        on("GET", "/guilds/{}/channels", (r, m) -> guildOnly(m.group(1), () -> {
            ArrayNode a = nodes.arrayNode();
            channels.values().stream().filter(c -> !isThreadType(c.get("type").asInt()))
                    .forEach(c -> a.add(c.deepCopy()));
            return Reply.json(a);
        }));
        on("POST", "/guilds/{}/channels", (r, m) -> createGuildChannel(r, m.group(1)));
        on("GET", "/guilds/{}/roles", (r, m) -> guildOnly(m.group(1), () -> Reply.json(nodes.arrayNode()
                .addAll(roles.values().stream().map(ObjectNode::deepCopy).toList()))));
        on("GET", "/guilds/{}/members", (r, m) -> guildOnly(m.group(1), () -> {
            ArrayNode a = nodes.arrayNode();
            memberRoles.keySet().forEach(id -> a.add(memberJson(id)));
            return Reply.json(a);
        }));
        on("GET", "/guilds/{}/members/{}", (r, m) -> guildOnly(m.group(1), () -> isMember(m.group(2))
                ? Reply.json(memberJson(m.group(2))) : notFound("Member", 10007)));
        on("PATCH", "/guilds/{}/members/{}", (r, m) -> patchMember(r, m.group(1), m.group(2)));
        on("PUT", "/guilds/{}/members/{}/roles/{}", (r, m) -> changeRole(m.group(1), m.group(2), m.group(3), true));
        on("DELETE", "/guilds/{}/members/{}/roles/{}",
                (r, m) -> changeRole(m.group(1), m.group(2), m.group(3), false));
        on("GET", "/guilds/{}/scheduled-events", (r, m) -> guildOnly(m.group(1), () -> Reply.json(nodes.arrayNode()
                .addAll(scheduledEvents.values().stream().map(ObjectNode::deepCopy).toList()))));
        on("POST", "/guilds/{}/scheduled-events", (r, m) -> createEvent(r, m.group(1)));
        on("GET", "/guilds/{}/scheduled-events/{}", (r, m) -> guildOnly(m.group(1), () -> {
            ObjectNode e = scheduledEvents.get(m.group(2));
            return e == null ? notFound("Guild Scheduled Event", 10070) : Reply.json(e.deepCopy());
        }));
        on("PATCH", "/guilds/{}/scheduled-events/{}", (r, m) -> patchEvent(r, m.group(1), m.group(2)));
        on("DELETE", "/guilds/{}/scheduled-events/{}", (r, m) -> deleteEvent(m.group(1), m.group(2)));
    }

    private <T> T withLock(Supplier<T> supplier) {
        synchronized (lock) {
            return supplier.get();
        }
    }

    private Reply guildOnly(String guildId, Supplier<Reply> supplier) {
        if (!GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        return withLock(supplier);
    }

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
            RecordedRequest req = new RecordedRequest(ex.getRequestMethod().toUpperCase(), path, query,
                    Collections.unmodifiableMap(headers), new String(bytes, StandardCharsets.UTF_8));
            requests.add(req);
            java.util.function.Consumer<RecordedRequest> observer = requestObserver;
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
                serverErrors.add(e);
                reply = new Reply(500, error("fake Discord failed: " + e, 0), null);
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
            byte[] out = reply.body() == null ? new byte[0] : toJson(reply.body()).getBytes(StandardCharsets.UTF_8);
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
            answered.add(req);
        } catch (Throwable t) {
            serverErrors.add(t);
            ex.close();
        } finally {
            signalRecorded(); // the answer, and what it published (callback, echoes), is visible now
        }
    }

    private Reply route(RecordedRequest req, boolean api) {
        boolean publicRoute = req.path().equals("/gateway");
        String auth = req.header("Authorization");
        if (api && !publicRoute && (auth == null || !auth.startsWith("Bot ") || !tokenAccepted(auth.substring(4)))) {
            return new Reply(401, error("401: Unauthorized", 0), null);
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
        unhandled.add(req);
        return new Reply(404, error("Unknown route (fake Discord): " + req.method() + " " + req.path(), 0), null);
    }

    private Reply gatewayBot() {
        ObjectNode o = nodes.objectNode();
        o.put("url", gatewayUrl());
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
            a.set("owner", userJson(ORGANIZER_ID));
            a.putNull("team");
            a.put("verify_key", "0000");
            a.put("flags", 0);
            a.set("bot", userJson(BOT_ID));
            return a;
        }
    }

    private Reply openDm(RecordedRequest r) {
        String userId = r.jsonBody().path("recipient_id").asText();
        if (userId.isEmpty()) {
            return new Reply(400, error("Invalid Form Body", 50035), null);
        }
        synchronized (lock) {
            return Reply.json(ensureDmChannel(userId).deepCopy());
        }
    }

    /** The DM channel with a user, created on first use; caller holds lock. */
    private ObjectNode ensureDmChannel(String userId) {
        String id = dmChannelOf(userId);
        ObjectNode dm = dmChannels.get(id);
        if (dm == null) {
            dm = nodes.objectNode();
            dm.put("id", id);
            dm.put("type", 1);
            dm.putNull("last_message_id");
            dm.put("flags", 0);
            dm.putArray("recipients").add(userJson(userId));
            dmChannels.put(id, dm);
        }
        return dm;
    }

    /** Known channel, or the user's DM channel when {@code channelId == dmChannelOf(userId)}; caller holds lock. */
    private ObjectNode channelFor(String channelId, String userId) {
        ObjectNode channel = channelOrNull(channelId);
        if (channel == null && channelId.equals(dmChannelOf(userId))) {
            channel = ensureDmChannel(userId);
        }
        return channel;
    }

    // ------------------------------------------------------------ commands

    private Reply putCommands(RecordedRequest r, String guildId) {
        if (guildId != null && !GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        JsonNode body = r.jsonBody();
        if (!body.isArray()) {
            return new Reply(400, error("Invalid Form Body", 50035), null);
        }
        synchronized (lock) {
            ArrayNode echoed = nodes.arrayNode();
            for (JsonNode c : body) {
                echoed.add(completeCommand(objectOrEmpty(c, nodes).deepCopy(), guildId));
            }
            if (guildId == null) {
                globalCommands = echoed;
            } else {
                guildCommands.put(guildId, echoed);
            }
            lastPutCommands = echoed;
            return Reply.json(echoed.deepCopy());
        }
    }

    private ObjectNode completeCommand(ObjectNode c, String guildId) {
        int type = c.path("type").asInt(1);
        String name = c.path("name").asText();
        c.put("id", commandIds.computeIfAbsent((guildId == null ? "global" : guildId) + "/" + type + "/" + name,
                k -> newSnowflake()));
        c.put("application_id", BOT_ID);
        c.put("version", newSnowflake());
        c.put("type", type);
        if (guildId != null) {
            c.put("guild_id", guildId);
        }
        if (!c.has("default_member_permissions")) {
            c.putNull("default_member_permissions");
        }
        if (!c.has("description")) {
            c.put("description", "");
        }
        if (!c.has("nsfw")) {
            c.put("nsfw", false);
        }
        return c;
    }

    private ArrayNode commandsCopy(String guildId) {
        synchronized (lock) {
            ArrayNode a = guildId == null ? globalCommands : guildCommands.get(guildId);
            return a == null ? nodes.arrayNode() : a.deepCopy();
        }
    }

    private Reply upsertCommand(RecordedRequest r, String guildId) {
        synchronized (lock) {
            ObjectNode c = completeCommand(objectOrEmpty(r.jsonBody(), nodes).deepCopy(), guildId);
            ArrayNode list = guildId == null ? globalCommands : guildCommands.get(guildId);
            if (list == null) {
                list = nodes.arrayNode();
                if (guildId == null) {
                    globalCommands = list;
                } else {
                    guildCommands.put(guildId, list);
                }
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).path("id").asText().equals(c.get("id").asText())) {
                    list.remove(i);
                    break;
                }
            }
            list.add(c);
            return Reply.json(c.deepCopy());
        }
    }

    private Reply editCommand(RecordedRequest r, String guildId, String commandId) {
        synchronized (lock) {
            ArrayNode list = guildId == null ? globalCommands : guildCommands.get(guildId);
            if (list != null) {
                for (JsonNode c : list) {
                    if (c.path("id").asText().equals(commandId)) {
                        ((ObjectNode) c).setAll(objectOrEmpty(r.jsonBody(), nodes));
                        ((ObjectNode) c).put("version", newSnowflake());
                        return Reply.json(c.deepCopy());
                    }
                }
            }
            return notFound("application command", 10063);
        }
    }

    private Reply deleteCommand(String guildId, String commandId) {
        synchronized (lock) {
            ArrayNode list = guildId == null ? globalCommands : guildCommands.get(guildId);
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).path("id").asText().equals(commandId)) {
                        list.remove(i);
                        return Reply.noContent();
                    }
                }
            }
            return notFound("application command", 10063);
        }
    }

    private static JsonNode findCommand(ArrayNode list, String name) {
        if (list == null) {
            return null;
        }
        for (JsonNode c : list) {
            if (name.equals(c.path("name").asText()) && c.path("type").asInt(1) == 1) {
                return c;
            }
        }
        return null;
    }

    private String commandIdFor(String name, boolean guildCommand) {
        JsonNode c = guildCommand ? findCommand(guildCommands.get(GUILD_ID), name) : findCommand(globalCommands, name);
        if (c != null) {
            return c.get("id").asText();
        }
        return commandIds.computeIfAbsent("unregistered/1/" + name, k -> newSnowflake());
    }

    // ------------------------------------------------------------ interaction responses

    private Reply interactionCallback(RecordedRequest r, String interactionId, String token) {
        Interaction i = interactionsById.get(interactionId);
        if (i == null || !i.token().equals(token)) {
            return notFound("interaction", 10062);
        }
        JsonNode body = r.jsonBody();
        if (!acknowledged.add(interactionId)) {
            return new Reply(400, error("Interaction has already been acknowledged.", 40060), null);
        }
        int type = body.path("type").asInt();
        JsonNode data = body.path("data");
        boolean ephemeral = (data.path("flags").asInt() & FLAG_EPHEMERAL) != 0;

        ObjectNode response = nodes.objectNode();
        ObjectNode interaction = response.putObject("interaction");
        interaction.put("id", interactionId);
        interaction.put("type", i.type());
        interaction.putNull("activity_instance_id");
        ObjectNode resource = response.putObject("resource");
        resource.put("type", type);
        Runnable after = null;

        synchronized (lock) {
            switch (type) {
                case 4, 5 -> {
                    ObjectNode msg = interactionMessage(i, type == 4 ? data : nodes.objectNode(), r.files(), true);
                    if (type == 5) {
                        msg.put("flags", FLAG_LOADING | (ephemeral ? FLAG_EPHEMERAL : 0));
                    }
                    originals.put(token, msg);
                    storeMessage(msg);
                    interaction.put("response_message_id", msg.get("id").asText());
                    interaction.put("response_message_loading", type == 5);
                    interaction.put("response_message_ephemeral", ephemeral);
                    resource.set("message", msg.deepCopy());
                    if (type == 4) {
                        after = () -> echo("MESSAGE_CREATE", msg);
                    }
                }
                case 7 -> {
                    ObjectNode msg = originals.get(token);
                    if (msg == null) {
                        msg = interactionMessage(i, data, r.files(), false);
                        originals.put(token, msg);
                        storeMessage(msg);
                    } else {
                        mergeMessage(msg, data, r.files());
                    }
                    interaction.put("response_message_id", msg.get("id").asText());
                    interaction.put("response_message_loading", false);
                    interaction.put("response_message_ephemeral", (msg.path("flags").asInt() & FLAG_EPHEMERAL) != 0);
                    resource.set("message", msg.deepCopy());
                    ObjectNode finalMsg = msg;
                    after = () -> echo("MESSAGE_UPDATE", finalMsg);
                }
                default -> {
                    // 1 pong, 6 deferred update, 8 autocomplete result, 9 modal, 10/12: nothing to build
                }
            }
        }
        Runnable echoAfter = after;
        return Reply.json(response).then(() -> {
            callbacks.put(interactionId, body);
            if (echoAfter != null) {
                echoAfter.run();
            }
        });
    }

    private ObjectNode interactionMessage(Interaction i, JsonNode data, List<RecordedRequest.Part> files,
            boolean original) {
        ObjectNode msg = newMessage(newSnowflake(), i.channelId(), userJson(BOT_ID), data, files);
        msg.put("webhook_id", BOT_ID);
        msg.put("application_id", BOT_ID);
        if (original && i.type() == 2 && !data.hasNonNull("message_reference")) {
            msg.put("type", 20);
        }
        ObjectNode meta = msg.putObject("interaction_metadata");
        meta.put("id", i.id());
        meta.put("type", i.type());
        meta.set("user", userJson(i.userId()));
        meta.putObject("authorizing_integration_owners").put("0", i.guildId() == null ? "0" : GUILD_ID);
        return msg;
    }

    private Reply followup(RecordedRequest r, String token) {
        Interaction i = interactionsByToken.get(token);
        if (i == null) {
            return notFound("Webhook", 10015);
        }
        ObjectNode msg;
        synchronized (lock) {
            msg = interactionMessage(i, r.jsonBody(), r.files(), false);
            storeMessage(msg);
        }
        ObjectNode finalMsg = msg;
        return Reply.json(msg.deepCopy()).then(() -> echo("MESSAGE_CREATE", finalMsg));
    }

    private Reply webhookMessage(RecordedRequest r, String token, String messageId) {
        Interaction i = interactionsByToken.get(token);
        if (i == null) {
            return notFound("Webhook", 10015);
        }
        synchronized (lock) {
            boolean isOriginal = "@original".equals(messageId);
            ObjectNode msg = isOriginal ? originals.get(token) : messages.get(messageId);
            switch (r.method()) {
                case "GET" -> {
                    return msg == null ? notFound("Message", 10008) : Reply.json(msg.deepCopy());
                }
                case "DELETE" -> {
                    if (msg == null) {
                        return notFound("Message", 10008);
                    }
                    messages.remove(msg.get("id").asText());
                    if (isOriginal) {
                        originals.remove(token);
                    }
                    return Reply.noContent();
                }
                default -> {
                    if (msg == null) {
                        if (!isOriginal) {
                            return notFound("Message", 10008);
                        }
                        msg = interactionMessage(i, r.jsonBody(), r.files(), true);
                        originals.put(token, msg);
                        storeMessage(msg);
                    } else {
                        mergeMessage(msg, r.jsonBody(), r.files());
                    }
                    ObjectNode finalMsg = msg;
                    return Reply.json(msg.deepCopy()).then(() -> echo("MESSAGE_UPDATE", finalMsg));
                }
            }
        }
    }

    // ------------------------------------------------------------ channel messages

    private Reply postMessage(RecordedRequest r, String channelId) {
        ObjectNode msg;
        synchronized (lock) {
            ObjectNode channel = channelOrNull(channelId);
            if (channel == null) {
                return notFound("Channel", 10003);
            }
            int type = channel.get("type").asInt();
            if (type == 4 || type == 15 || type == 16) {
                return new Reply(400, error("Cannot send messages in a non-text channel", 50008), null);
            }
            if (type == 1) {
                String recipient = channel.path("recipients").path(0).path("id").asText();
                if (closedDms.contains(recipient)) {
                    return new Reply(403, error("Cannot send messages to this user", 50007), null);
                }
            }
            if (isThreadType(type) && channel.path("thread_metadata").path("locked").asBoolean()) {
                return new Reply(403, error("Thread is locked", 160005), null);
            }
            // enforce_nonce: the earlier message comes back, nothing is created or dispatched (see MessageLog)
            ObjectNode earlier = createdMessages.earlierWithNonce(channelId, BOT_ID, r.jsonBody());
            if (earlier != null) {
                return messages.containsKey(earlier.get("id").asText())
                        ? Reply.json(earlier.deepCopy()) : notFound("Message", 10008);
            }
            msg = newMessage(newSnowflake(), channelId, userJson(BOT_ID), r.jsonBody(), r.files());
            storeMessage(msg);
        }
        ObjectNode finalMsg = msg;
        return Reply.json(msg.deepCopy()).then(() -> echo("MESSAGE_CREATE", finalMsg));
    }

    private Reply listMessages(RecordedRequest r, String channelId) {
        int limit = 50;
        Matcher lm = Pattern.compile("(?:^|&)limit=(\\d+)").matcher(r.query());
        if (lm.find()) {
            limit = Integer.parseInt(lm.group(1));
        }
        synchronized (lock) {
            if (channelOrNull(channelId) == null) {
                return notFound("Channel", 10003);
            }
            List<ObjectNode> inChannel = messages.values().stream()
                    .filter(m -> m.get("channel_id").asText().equals(channelId))
                    .filter(m -> (m.path("flags").asInt() & FLAG_EPHEMERAL) == 0)
                    .toList();
            ArrayNode out = nodes.arrayNode();
            for (int i = inChannel.size() - 1; i >= 0 && out.size() < limit; i--) {
                out.add(inChannel.get(i).deepCopy());
            }
            return Reply.json(out);
        }
    }

    private Reply editMessage(RecordedRequest r, String channelId, String messageId) {
        ObjectNode msg;
        synchronized (lock) {
            msg = messages.get(messageId);
            if (msg == null || !msg.get("channel_id").asText().equals(channelId)) {
                return notFound("Message", 10008);
            }
            mergeMessage(msg, r.jsonBody(), r.files());
        }
        ObjectNode finalMsg = msg;
        return Reply.json(msg.deepCopy()).then(() -> echo("MESSAGE_UPDATE", finalMsg));
    }

    private Reply deleteMessage(String channelId, String messageId) {
        synchronized (lock) {
            ObjectNode msg = messages.get(messageId);
            if (msg == null || !msg.get("channel_id").asText().equals(channelId)) {
                return notFound("Message", 10008);
            }
            messages.remove(messageId);
        }
        ObjectNode event = nodes.objectNode().put("id", messageId).put("channel_id", channelId);
        synchronized (lock) {
            if (isGuildChannel(channelId)) {
                event.put("guild_id", GUILD_ID);
            }
        }
        return Reply.noContent().then(() -> dispatchFiltered("MESSAGE_DELETE", event));
    }

    private Reply setPinned(String messageId, boolean pinned) {
        synchronized (lock) {
            ObjectNode msg = messages.get(messageId);
            if (msg == null) {
                return notFound("Message", 10008);
            }
            msg.put("pinned", pinned);
            return Reply.noContent();
        }
    }

    // ------------------------------------------------------------ threads and channels

    private Reply createThreadRest(RecordedRequest r, String parentId, String fromMessageId) {
        JsonNode body = r.jsonBody();
        ObjectNode response;
        ObjectNode threadEvent;
        ObjectNode starter = null;
        synchronized (lock) {
            ObjectNode parent = channels.get(parentId);
            if (parent == null || isThreadType(parent.get("type").asInt())) {
                return notFound("Channel", 10003);
            }
            boolean postContainer = isPostContainer(parent);
            if (postContainer && fromMessageId != null) {
                return new Reply(400, error("Cannot start a thread from a message in a forum", 50024), null);
            }
            if (fromMessageId != null && messages.get(fromMessageId) == null) {
                return notFound("Message", 10008);
            }
            String threadId = fromMessageId != null ? fromMessageId : newSnowflake();
            int type = fromMessageId != null ? (parent.get("type").asInt() == 5 ? 10 : 11)
                    : postContainer ? 11 : body.path("type").asInt(11);
            List<String> tags = new ArrayList<>();
            body.path("applied_tags").forEach(t -> tags.add(t.asText()));
            int autoArchive = body.path("auto_archive_duration")
                    .asInt(parent.path("default_auto_archive_duration").asInt(4320));
            ObjectNode thread = threadObject(threadId, parentId, type, body.path("name").asText(), BOT_ID,
                    autoArchive, tags, true);
            if (body.has("rate_limit_per_user")) {
                thread.put("rate_limit_per_user", body.path("rate_limit_per_user").asInt());
            }
            if (type == 12 && body.has("invitable")) {
                ((ObjectNode) thread.get("thread_metadata")).put("invitable", body.path("invitable").asBoolean());
            }
            channels.put(threadId, thread);
            if (fromMessageId != null) {
                ObjectNode source = messages.get(fromMessageId);
                ObjectNode threadRef = thread.deepCopy();
                threadRef.remove("member");
                source.set("thread", threadRef);
            }
            if (postContainer) {
                starter = newMessage(threadId, threadId, userJson(BOT_ID), body.path("message"), r.files());
                storeMessage(starter);
            }
            response = thread.deepCopy();
            if (starter != null) {
                response.set("message", starter.deepCopy());
            }
            threadEvent = thread.deepCopy();
            threadEvent.put("newly_created", true);
        }
        ObjectNode finalStarter = starter;
        return Reply.json(response).then(() -> {
            dispatch("THREAD_CREATE", threadEvent);
            if (finalStarter != null) {
                echo("MESSAGE_CREATE", finalStarter);
            }
        });
    }

    /** {@code {"threads":[...],"members":[],"has_more":false}} for a parent (or all parents when null). */
    /**
     * Archives a thread as Discord does after it idles: the stored thread is marked archived and
     * THREAD_UPDATE is dispatched, so JDA drops it from its cache.
     */
    public void archiveThread(String threadId) {
        ObjectNode copy;
        synchronized (lock) {
            ObjectNode c = channels.get(threadId);
            if (c == null || !c.has("thread_metadata")) {
                throw new IllegalArgumentException("Unknown thread " + threadId);
            }
            ((ObjectNode) c.get("thread_metadata")).put("archived", true);
            copy = c.deepCopy();
        }
        dispatch("THREAD_UPDATE", copy);
    }

    private Reply threadList(String parentId, boolean archived, int type) {
        synchronized (lock) {
            ObjectNode out = nodes.objectNode();
            ArrayNode threads = out.putArray("threads");
            for (ObjectNode c : channels.values()) {
                int t = c.get("type").asInt();
                if (isThreadType(t) && (type == 0 || t == type)
                        && (parentId == null || parentId.equals(c.path("parent_id").asText()))
                        && c.path("thread_metadata").path("archived").asBoolean() == archived) {
                    threads.add(c.deepCopy());
                }
            }
            out.putArray("members");
            out.put("has_more", false);
            return Reply.json(out);
        }
    }

    private Reply patchChannel(RecordedRequest r, String channelId) {
        JsonNode body = r.jsonBody();
        ObjectNode updated;
        String event;
        synchronized (lock) {
            ObjectNode c = channels.get(channelId);
            if (c == null) {
                return notFound("Channel", 10003);
            }
            boolean thread = isThreadType(c.get("type").asInt());
            Set<String> metadataFields = Set.of("archived", "locked", "auto_archive_duration", "invitable");
            for (Map.Entry<String, JsonNode> f : iterable(body)) {
                String key = f.getKey();
                if (thread && metadataFields.contains(key)) {
                    ObjectNode md = (ObjectNode) c.get("thread_metadata");
                    if ("archived".equals(key) && md.path("archived").asBoolean() != f.getValue().asBoolean()) {
                        md.put("archive_timestamp", now());
                    }
                    md.set(key, f.getValue().deepCopy());
                } else if ("available_tags".equals(key)) {
                    ArrayNode tags = nodes.arrayNode();
                    for (JsonNode t : f.getValue()) {
                        ObjectNode tag = tag(t.hasNonNull("id") ? t.get("id").asText() : newSnowflake(),
                                t.path("name").asText());
                        tag.put("moderated", t.path("moderated").asBoolean(false));
                        tag.set("emoji_id", t.has("emoji_id") ? t.get("emoji_id") : nodes.nullNode());
                        tag.set("emoji_name", t.has("emoji_name") ? t.get("emoji_name") : nodes.nullNode());
                        tags.add(tag);
                    }
                    c.set("available_tags", tags);
                } else {
                    c.set(key, f.getValue().deepCopy());
                }
            }
            updated = c.deepCopy();
            event = thread ? "THREAD_UPDATE" : "CHANNEL_UPDATE";
        }
        return Reply.json(updated).then(() -> dispatch(event, updated));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private Reply deleteChannel(String channelId) {
        ObjectNode removed;
        String event;
        synchronized (lock) {
            ObjectNode c = channels.remove(channelId);
            if (c == null) {
                return notFound("Channel", 10003);
            }
            removed = c;
            event = isThreadType(c.get("type").asInt()) ? "THREAD_DELETE" : "CHANNEL_DELETE";
        }
        return Reply.json(removed.deepCopy()).then(() -> dispatch(event, removed));
    }

    // ------------------------------------------------------------ guild channels and permission overwrites

    private Reply missingPermissions() {
        return new Reply(403, error("Missing Permissions", 50013), null);
    }

    private Reply invalidForm(String field, String message) {
        ObjectNode e = error("Invalid Form Body", 50035);
        e.putObject("errors").putObject(field).putArray("_errors").addObject().put("code", "BASE_TYPE_INVALID")
                .put("message", message);
        return new Reply(400, e, null);
    }

    /**
     * {@code POST /guilds/{id}/channels}: text (0) and category (4) channels. Needs Manage Channels (and Manage Roles
     * when overwrites come with it), else 403 50013. A text channel's name is stored as Discord stores it: lower case,
     * spaces as dashes, runs of dashes as one. Answers 201 with the channel and dispatches CHANNEL_CREATE.
     */
    private Reply createGuildChannel(RecordedRequest r, String guildId) {
        if (!GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        JsonNode body = objectOrEmpty(r.jsonBody(), nodes);
        ObjectNode created;
        synchronized (lock) {
            long bot = permissionsOf(BOT_ID);
            JsonNode overwrites = body.path("permission_overwrites");
            if ((bot & PERM_MANAGE_CHANNELS) == 0
                    || (overwrites.isArray() && !overwrites.isEmpty() && (bot & PERM_MANAGE_ROLES) == 0)) {
                return missingPermissions();
            }
            String name = body.path("name").asText("");
            if (name.isBlank() || name.length() > 100) {
                return invalidForm("name", "Must be between 1 and 100 in length.");
            }
            int type = body.hasNonNull("type") ? body.get("type").asInt() : 0;
            if (type != 0 && type != 4) {
                return invalidForm("type", "The fake creates text (0) and category (4) channels only.");
            }
            String parentId = body.hasNonNull("parent_id") ? body.get("parent_id").asText() : null;
            if (parentId != null) {
                ObjectNode parent = channels.get(parentId);
                if (type == 4 || parent == null || parent.get("type").asInt() != 4) {
                    return invalidForm("parent_id", "Category does not exist or is not a category.");
                }
            }
            String id = newSnowflake();
            ObjectNode c;
            if (type == 0) {
                c = textChannel(id, storedTextName(name), nextPosition(), body.path("topic").asText(null));
                if (body.has("nsfw")) {
                    c.put("nsfw", body.path("nsfw").asBoolean());
                }
            } else {
                c = baseChannel(id, 4, name, nextPosition());
                c.put("nsfw", false);
                c.put("flags", 0);
            }
            if (parentId != null) {
                c.put("parent_id", parentId);
            }
            for (JsonNode o : overwrites) {
                String target = o.path("id").asText("");
                if (target.isEmpty()) {
                    return invalidForm("permission_overwrites", "Each overwrite needs an id.");
                }
                int kind = o.hasNonNull("type") ? o.get("type").asInt() : roles.containsKey(target) ? 0 : 1;
                if (kind != 0 && kind != 1) {
                    return invalidForm("permission_overwrites", "Overwrite type must be 0 (role) or 1 (member).");
                }
                overwrite(c, target, kind, bits(o.get("allow")), bits(o.get("deny")));
            }
            addChannel(c);
            created = c.deepCopy();
        }
        return new Reply(201, created, null).then(() -> dispatch("CHANNEL_CREATE", created.deepCopy()));
    }

    /** Discord's form of a text channel name. */
    static String storedTextName(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", "-").replaceAll("-{2,}", "-");
    }

    /** The guild channel an overwrite request is about, or why not (caller holds the lock). */
    private Reply overwriteRefusal(ObjectNode c) {
        if (c == null) {
            return notFound("Channel", 10003);
        }
        if (isThreadType(c.get("type").asInt())) {
            return new Reply(400, error("Cannot execute action on this channel type", 50024), null);
        }
        return (permissionsOf(BOT_ID) & PERM_MANAGE_ROLES) == 0 ? missingPermissions() : null;
    }

    /** {@code PUT /channels/{id}/permissions/{overwrite}}: sets one overwrite; 204 and CHANNEL_UPDATE. */
    private Reply putOverwrite(RecordedRequest r, String channelId, String overwriteId) {
        JsonNode body = objectOrEmpty(r.jsonBody(), nodes);
        ObjectNode updated;
        synchronized (lock) {
            ObjectNode c = channels.get(channelId);
            Reply refused = overwriteRefusal(c);
            if (refused != null) {
                return refused;
            }
            int type = body.path("type").asInt(-1);
            if (type != 0 && type != 1) {
                return invalidForm("type", "Overwrite type must be 0 (role) or 1 (member).");
            }
            overwrite(c, overwriteId, type, bits(body.get("allow")), bits(body.get("deny")));
            updated = c.deepCopy();
        }
        return Reply.noContent().then(() -> dispatch("CHANNEL_UPDATE", updated));
    }

    /** {@code DELETE /channels/{id}/permissions/{overwrite}}: 204 whether or not there was one; CHANNEL_UPDATE if there was. */
    private Reply deleteOverwrite(String channelId, String overwriteId) {
        ObjectNode updated = null;
        synchronized (lock) {
            ObjectNode c = channels.get(channelId);
            Reply refused = overwriteRefusal(c);
            if (refused != null) {
                return refused;
            }
            ArrayNode list = (ArrayNode) c.get("permission_overwrites");
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).path("id").asText().equals(overwriteId)) {
                    list.remove(i);
                    updated = c.deepCopy();
                    break;
                }
            }
        }
        ObjectNode event = updated;
        return event == null ? Reply.noContent() : Reply.noContent().then(() -> dispatch("CHANNEL_UPDATE", event));
    }

    // ------------------------------------------------------------ members

    private Reply patchMember(RecordedRequest r, String guildId, String userId) {
        if (!GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        JsonNode body = r.jsonBody();
        ObjectNode event;
        synchronized (lock) {
            if (!isMember(userId)) {
                return notFound("Member", 10007);
            }
            if (body.has("roles")) {
                List<String> newRoles = new ArrayList<>();
                body.get("roles").forEach(x -> newRoles.add(x.asText()));
                memberRoles.put(userId, List.copyOf(newRoles));
            }
            event = memberJson(userId);
            if (body.has("nick")) {
                event.set("nick", body.get("nick"));
            }
            event.put("guild_id", GUILD_ID);
        }
        ObjectNode response = event.deepCopy();
        response.remove("guild_id");
        return Reply.json(response).then(() -> dispatchFiltered("GUILD_MEMBER_UPDATE", event));
    }

    private Reply changeRole(String guildId, String userId, String roleId, boolean add) {
        if (!GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        ObjectNode event;
        synchronized (lock) {
            if (!isMember(userId)) {
                return notFound("Member", 10007);
            }
            if (!roles.containsKey(roleId)) {
                return notFound("Role", 10011);
            }
            List<String> current = new ArrayList<>(memberRoles.get(userId));
            if (add && !current.contains(roleId)) {
                current.add(roleId);
            } else if (!add) {
                current.remove(roleId);
            }
            memberRoles.put(userId, List.copyOf(current));
            event = memberJson(userId);
            event.put("guild_id", GUILD_ID);
        }
        return Reply.noContent().then(() -> dispatchFiltered("GUILD_MEMBER_UPDATE", event));
    }

    // ------------------------------------------------------------ scheduled events

    private Reply createEvent(RecordedRequest r, String guildId) {
        if (!GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        ObjectNode ev = objectOrEmpty(r.jsonBody(), nodes).deepCopy();
        synchronized (lock) {
            ev.put("id", newSnowflake());
            ev.put("guild_id", GUILD_ID);
            ev.put("creator_id", BOT_ID);
            ev.set("creator", userJson(BOT_ID));
            ev.put("status", 1);
            ev.put("user_count", 0);
            ev.putNull("entity_id");
            for (String f : List.of("description", "scheduled_end_time", "channel_id", "entity_metadata", "image")) {
                if (!ev.has(f)) {
                    ev.putNull(f);
                }
            }
            if (!ev.has("privacy_level")) {
                ev.put("privacy_level", 2);
            }
            if (ev.get("image").isTextual()) {
                ev.put("image", "fakeimagehash");
            }
            scheduledEvents.put(ev.get("id").asText(), ev);
        }
        ObjectNode copy = ev.deepCopy();
        return Reply.json(copy).then(() -> dispatchFiltered("GUILD_SCHEDULED_EVENT_CREATE", copy.deepCopy()));
    }

    private Reply patchEvent(RecordedRequest r, String guildId, String eventId) {
        if (!GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        ObjectNode copy;
        synchronized (lock) {
            ObjectNode ev = scheduledEvents.get(eventId);
            if (ev == null) {
                return notFound("Guild Scheduled Event", 10070);
            }
            ev.setAll(objectOrEmpty(r.jsonBody(), nodes));
            if (ev.get("image") != null && ev.get("image").isTextual()) {
                ev.put("image", "fakeimagehash");
            }
            copy = ev.deepCopy();
        }
        return Reply.json(copy).then(() -> dispatchFiltered("GUILD_SCHEDULED_EVENT_UPDATE", copy.deepCopy()));
    }

    private Reply deleteEvent(String guildId, String eventId) {
        if (!GUILD_ID.equals(guildId)) {
            return notFound("Guild", 10004);
        }
        ObjectNode removed;
        synchronized (lock) {
            removed = scheduledEvents.remove(eventId);
        }
        if (removed == null) {
            return notFound("Guild Scheduled Event", 10070);
        }
        return Reply.noContent().then(() -> dispatchFiltered("GUILD_SCHEDULED_EVENT_DELETE", removed));
    }

    // ================================================================ created messages

    /** Copies of every message created with this nonce (any channel or author, deleted ones included), oldest first. */
    public List<JsonNode> messagesWithNonce(String nonce) {
        return createdMessages.matching(m -> m.hasNonNull("nonce") && m.get("nonce").asText().equals(nonce));
    }

    /**
     * How many messages were created (channel posts, DMs, interaction replies and follow-ups, forum starters, user
     * messages sent through the fake; deleted ones included) that match the predicate, which sees Discord message
     * objects ({@code id}, {@code channel_id}, {@code author}, {@code content}, {@code nonce}, ...).
     */
    public long countMessagesBy(Predicate<JsonNode> predicate) {
        return createdMessages.count(predicate);
    }

    /** Copies of the messages created in a channel, thread or DM channel ({@link #dmChannelOf}), oldest first. */
    public List<JsonNode> createdMessagesIn(String channelId) {
        return createdMessages.matching(m -> m.path("channel_id").asText().equals(channelId));
    }

    /** Every message the bot created (channels, threads, DMs), in order of creation. */
    public List<JsonNode> botMessages() {
        return createdMessages.matching(m -> BOT_ID.equals(m.path("author").path("id").asText()));
    }

    /** Number of created messages per channel id (DM channels included), in order of first creation. */
    public Map<String, Long> createdMessageCountsByChannel() {
        return createdMessages.countsByChannel();
    }

    /**
     * Waits until at least {@code count} created messages match the predicate (woken by each creation, no polling);
     * returns copies of them. AssertionError on timeout.
     */
    public List<JsonNode> awaitCreatedMessages(Predicate<JsonNode> predicate, int count, Duration timeout) {
        return createdMessages.await(predicate, count, timeout, "created message(s)");
    }

    // ================================================================ query helpers

    /** All recorded REST requests, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Recorded requests with this method whose path (without /api/v10) fully matches {@code pathRegex}. */
    public List<RecordedRequest> requests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream()
                .filter(r -> r.method().equalsIgnoreCase(method) && p.matcher(r.path()).matches())
                .toList();
    }

    /** Requests no route answered (they got a 404). */
    public List<RecordedRequest> unhandledRequests() {
        return List.copyOf(unhandled);
    }

    /** Exceptions inside the fake (bugs in the fake or unparseable payloads); should stay empty. */
    public List<Throwable> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** Forgets recorded requests (not state such as messages or threads). */
    public void clearRequests() {
        requests.clear();
        unhandled.clear();
        answered.clear();
    }

    /**
     * Waits for the first recorded request matching the predicate to be answered (its effects on the fake's state
     * applied, the response sent; re-checked whenever the fake answers a request); throws AssertionError on timeout.
     */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> predicate, Duration timeout) {
        RecordedRequest[] found = new RecordedRequest[1];
        await(() -> {
            for (RecordedRequest r : requests) {
                if (predicate.test(r)) {
                    found[0] = r;
                    return answered.contains(r);
                }
            }
            return false;
        }, timeout, () -> "a matching request. Requests so far:\n" + describeRequests());
        return found[0];
    }

    /** Waits for a request with this method and a path fully matching {@code pathRegex}. */
    public RecordedRequest awaitRequest(String method, String pathRegex, Duration timeout) {
        Pattern p = Pattern.compile(pathRegex);
        return awaitRequest(r -> r.method().equalsIgnoreCase(method) && p.matcher(r.path()).matches(), timeout);
    }

    /**
     * Waits for the interaction's callback and returns its JSON ({@code {"type":4,"data":{...}}}, the
     * {@code payload_json} part for multipart callbacks). Visible once the fake has answered it.
     */
    public JsonNode callbackFor(String interactionId, Duration timeout) {
        awaitCondition(() -> callbacks.containsKey(interactionId), timeout,
                () -> "a callback for interaction " + interactionId + ". Requests so far:\n" + describeRequests());
        return callbacks.get(interactionId);
    }

    /** The interaction's callback JSON if the fake has answered it yet, else null (no waiting). */
    public JsonNode callbackOrNull(String interactionId) {
        return callbacks.get(interactionId);
    }

    /** JSON bodies of follow-up messages ({@code POST /webhooks/{app}/{token}}) for an interaction. */
    public List<JsonNode> followupsFor(String interactionId) {
        return followupRequests(interactionId).stream()
                .map(RecordedRequest::jsonBody)
                .toList();
    }

    private List<RecordedRequest> followupRequests(String interactionId) {
        Interaction i = interactionsById.get(interactionId);
        if (i == null) {
            return List.of();
        }
        return requests("POST", "/webhooks/[^/]+/" + Pattern.quote(i.token()));
    }

    /** Waits until at least {@code count} follow-ups were sent (and answered) for the interaction; returns them all. */
    public List<JsonNode> awaitFollowups(String interactionId, int count, Duration timeout) {
        awaitCondition(() -> answeredCount(followupRequests(interactionId)) >= count, timeout,
                () -> count + " follow-up(s) for interaction " + interactionId);
        return followupsFor(interactionId);
    }

    /** JSON bodies of edits to the original response ({@code PATCH .../messages/@original}) of an interaction. */
    public List<JsonNode> originalEditsFor(String interactionId) {
        return originalEditRequests(interactionId).stream()
                .map(RecordedRequest::jsonBody)
                .toList();
    }

    private List<RecordedRequest> originalEditRequests(String interactionId) {
        Interaction i = interactionsById.get(interactionId);
        if (i == null) {
            return List.of();
        }
        return requests("PATCH", "/webhooks/[^/]+/" + Pattern.quote(i.token()) + "/messages/@original");
    }

    /**
     * The message the fake holds as the interaction's original response (for a command: the reply or deferred
     * message; for a component interaction: the message carrying the component), as JDA last saw it; null if none.
     */
    public JsonNode originalResponse(String interactionId) {
        Interaction i = interactionsById.get(interactionId);
        if (i == null) {
            return null;
        }
        synchronized (lock) {
            ObjectNode m = originals.get(i.token());
            return m == null ? null : m.deepCopy();
        }
    }

    /** JSON bodies the bot POSTed to {@code /channels/{channelId}/messages}, oldest first. */
    public List<JsonNode> messagesPostedTo(String channelId) {
        return messagePosts(channelId).stream()
                .map(RecordedRequest::jsonBody)
                .toList();
    }

    private List<RecordedRequest> messagePosts(String channelId) {
        return requests("POST", "/channels/" + Pattern.quote(channelId) + "/messages");
    }

    /** Waits until the bot posted at least {@code count} messages to the channel (and got answers); returns them all. */
    public List<JsonNode> awaitMessagesPostedTo(String channelId, int count, Duration timeout) {
        awaitCondition(() -> answeredCount(messagePosts(channelId)) >= count, timeout,
                () -> count + " message(s) posted to channel " + channelId + ". Requests so far:\n" + describeRequests());
        return messagesPostedTo(channelId);
    }

    /** JSON bodies of the DMs the bot sent to a user. */
    public List<JsonNode> dmsTo(String userId) {
        return messagesPostedTo(dmChannelOf(userId));
    }

    /** The command array of the last PUT (global or guild), with the fields Discord adds; null if none yet. */
    public JsonNode registeredCommands() {
        ArrayNode a = lastPutCommands;
        return a == null ? null : a.deepCopy();
    }

    /** Current global commands (empty array if none). */
    public JsonNode registeredGlobalCommands() {
        return commandsCopy(null);
    }

    /** Current guild commands of the fake guild (empty array if none). */
    public JsonNode registeredGuildCommands() {
        return commandsCopy(GUILD_ID);
    }

    private String describeRequests() {
        StringBuilder sb = new StringBuilder();
        for (RecordedRequest r : requests) {
            sb.append("  ").append(r).append('\n');
        }
        return sb.toString();
    }

    private void awaitCondition(Supplier<Boolean> condition, Duration timeout, Supplier<String> what) {
        await(condition::get, timeout, what);
    }

    /** Open gateway connections (for diagnostics). */
    Collection<WebSocket> gatewayConnections() {
        return gateway.getConnections();
    }

    // ================================================================ waiting on what the fake records

    /**
     * Signalled whenever the fake has answered a REST request (its callback, echoed events and stored state are
     * visible then) and when a gateway connection opens, identifies, resumes or closes.
     */
    private final Object recorded = new Object();
    /** Bumped on every signal (guarded by {@link #recorded}): a waiter can tell whether anything happened since it looked. */
    private long recordedVersion;
    /** Recorded requests the fake has answered: their effects on its state are applied (by identity). */
    private final Set<RecordedRequest> answered = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private long answeredCount(List<RecordedRequest> rs) {
        return rs.stream().filter(answered::contains).count();
    }

    private void signalRecorded() {
        synchronized (recorded) {
            recordedVersion++;
            recorded.notifyAll();
        }
    }

    /**
     * Waits until {@code condition} holds, checking it again each time the fake records something (see above), not on
     * a timer; throws AssertionError naming {@code what} after {@code timeout}. The condition should depend only on
     * what the fake records (requests, callbacks, stored state, gateway connections).
     */
    public void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (recorded) {
                seen = recordedVersion;
            }
            // Checked outside the monitor, so a condition may take other locks (the state lock) freely.
            if (condition.getAsBoolean()) {
                return;
            }
            synchronized (recorded) {
                while (recordedVersion == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(recorded, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted", e);
                    }
                }
            }
        }
    }

    /** Gateway connections opened since start (each got a HELLO). */
    public int gatewayConnectionCount() {
        return gateway.opened.get();
    }

    /** RESUME payloads (op 6) received since start, accepted or not. */
    public int resumeCount() {
        return gateway.resumes.get();
    }

    /** Sessions resumed since start: RESUME accepted, RESUMED sent, the session ready for dispatches again. */
    public int resumedCount() {
        return gateway.resumed.get();
    }

    /** Waits until at least {@code count} sessions were resumed since start (see {@link #resumedCount()}). */
    public void awaitResumed(int count, Duration timeout) {
        await(() -> resumedCount() >= count, timeout, () -> count + " resumed gateway session(s); "
                + resumeCount() + " RESUME(s) received, " + gatewayConnectionCount() + " connection(s) opened");
    }

    /** Waits until at least {@code count} edits to the interaction's original response were answered; returns them all. */
    public List<JsonNode> awaitOriginalEdits(String interactionId, int count, Duration timeout) {
        await(() -> answeredCount(originalEditRequests(interactionId)) >= count, timeout,
                () -> count + " edit(s) of the original response of interaction " + interactionId);
        return originalEditsFor(interactionId);
    }
}
