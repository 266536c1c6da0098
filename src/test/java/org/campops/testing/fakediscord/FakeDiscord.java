package org.campops.testing.fakediscord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.SessionController;

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
 * without MESSAGE_CONTENT (except DMs, messages by the bot and messages mentioning the bot).
 *
 * <p>This class is the entry tests use; the work is done by package-private sections sharing one {@link FakeState}
 * (guarded by its lock): {@link FakeRest} (HTTP, routing, faults), {@link FakeGateway} (WebSocket, sessions,
 * dispatch), {@link FakeGuild} (roles, members, scheduled events), {@link FakeChannels} (channels, permission
 * overwrites), {@link FakeThreads} (threads, forum posts), {@link FakeMessages} and {@link MessageJson} (messages),
 * {@link FakeCommands} (application commands), {@link FakeInteractions} (interactions users make),
 * {@link FakeInteractionReplies} (the bot's answers to them) and {@link FakeRecorder} (recorded requests, waiting).
 */
public final class FakeDiscord implements AutoCloseable {

    // ---------------------------------------------------------------- fixed ids

    public static final String DEFAULT_TOKEN = "test-token";
    public static final int HEARTBEAT_INTERVAL = 41250;

    public static final String GUILD_ID = "1190000000000000001";
    /** A second server (someone else's) that {@link #addOtherGuild} puts the bot in, and its one text channel. */
    public static final String OTHER_GUILD_ID = "1190000000000000901";

    public static final String OTHER_GUILD_CHANNEL = "1190000000000000902";
    /** A user outside the camp's server, e.g. the owner of the other server. */
    public static final String STRANGER_ID = "1190000000000000903";
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
    public static final String TAG_DATA_CENTRIC = "1190000000000000405";

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

    public static final long EVERYONE_PERMISSIONS = PERM_CREATE_INSTANT_INVITE
            | PERM_ADD_REACTIONS
            | PERM_VIEW_CHANNEL
            | PERM_SEND_MESSAGES
            | PERM_EMBED_LINKS
            | PERM_ATTACH_FILES
            | PERM_READ_MESSAGE_HISTORY
            | PERM_CONNECT
            | PERM_SPEAK
            | PERM_CHANGE_NICKNAME
            | PERM_USE_APPLICATION_COMMANDS
            | PERM_CREATE_PUBLIC_THREADS
            | PERM_SEND_MESSAGES_IN_THREADS;
    public static final long MENTOR_PERMISSIONS = PERM_MANAGE_MESSAGES | PERM_MANAGE_THREADS;
    public static final long ORGANIZER_PERMISSIONS = PERM_MANAGE_MESSAGES
            | PERM_MANAGE_THREADS
            | PERM_MANAGE_GUILD
            | PERM_MANAGE_ROLES
            | PERM_MANAGE_CHANNELS
            | PERM_MANAGE_EVENTS
            | PERM_CREATE_EVENTS
            | PERM_MENTION_EVERYONE
            | PERM_MODERATE_MEMBERS
            | PERM_KICK_MEMBERS;

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

    /** Deterministic DM channel id for a user (same for every fake instance). */
    public static String dmChannelOf(String userId) {
        long base = 1_400_000_000_000_000_000L;
        return Long.toUnsignedString(base + Long.remainderUnsigned(Long.parseUnsignedLong(userId), 1_000_000_000_000L));
    }

    // ---------------------------------------------------------------- sections

    private final FakeState state;
    private final FakeRecorder recorder = new FakeRecorder();
    private final Faults faults = new Faults();
    private final FakeGateway gateway;
    private final FakeGuild guild;
    private final FakeChannels channels;
    private final FakeThreads threads;
    private final FakeMessages messages;
    private final FakeCommands commands;
    private final FakeInteractions interactions;
    private final FakeInteractionReplies replies;
    private final FakeRest rest;
    private final FakeOtherGuild otherGuild;
    private final FakeGuildAdmin admin;

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
        state = new FakeState(expectedToken);
        gateway = new FakeGateway(state, recorder);
        MessageJson json = new MessageJson(state);
        guild = new FakeGuild(state, gateway);
        channels = new FakeChannels(state, gateway);
        messages = new FakeMessages(state, json, gateway, recorder);
        threads = new FakeThreads(state, json, messages, gateway);
        commands = new FakeCommands(state);
        interactions = new FakeInteractions(state, json, commands, gateway);
        replies = new FakeInteractionReplies(state, json, messages, recorder);
        guild.seed();
        channels.seed();

        otherGuild = new FakeOtherGuild(state, gateway);
        rest = new FakeRest(
                state, recorder, faults, gateway, guild, channels, threads, messages, commands, replies, otherGuild);
        admin = new FakeGuildAdmin(state, gateway, guild, channels);
        admin.register(rest);
        gateway.start();
        if (!gateway.awaitStarted()) {
            rest.stop();
            gateway.stop(0);
            throw new IllegalStateException("Fake gateway did not start: " + recorder.serverErrors());
        }
    }

    @Override
    public void close() {
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rest.stop();
    }

    /** Base URL for {@code RestConfig.setBaseUrl}, e.g. {@code http://127.0.0.1:PORT/api/v10/}. */
    public String restBaseUrl() {
        return rest.baseUrl();
    }

    /** Gateway URL for {@code SessionController.getGateway()}, e.g. {@code ws://127.0.0.1:PORT}. */
    public String gatewayUrl() {
        return gateway.url();
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

    /** A server the bot is not in yet or an empty one, forums with tags, creating roles and forums (setup). */
    public FakeGuildAdmin admin() {
        return admin;
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
        state.createdMessages.setNonceWindow(window);
    }

    /**
     * Calls {@code observer} on the HTTP thread with every request as soon as it arrived (before faults, routing and
     * the answer), e.g. to time requests; null removes it. It must be quick and must not throw.
     */
    public void observeRequests(Consumer<RecordedRequest> observer) {
        rest.observeRequests(observer);
    }

    /**
     * Which identified gateway clients get the INTERACTION_CREATE events of {@link #sendSlash} and the other
     * {@code send*} interaction helpers: {@code route.test(clientToken, interaction)} with the token the client
     * identified with (without {@code "Bot "}). Null (the default): every client, as before. Lets a second client,
     * logged in with its own token to a fake started with {@code start(null)}, answer some commands alone.
     */
    public void routeInteractions(BiPredicate<String, JsonNode> route) {
        gateway.routeInteractions(route);
    }

    /** A fresh, increasing snowflake based on the current time. */
    public String newSnowflake() {
        return state.newSnowflake();
    }

    // ================================================================ guild: members, roles, scheduled events

    /** Adds a member (or replaces its roles); dispatches GUILD_MEMBER_ADD when a client is connected. */
    public void addMember(String userId, String username, String... roleIds) {
        guild.addMember(userId, username, roleIds);
    }

    /** Sets a member's roles; dispatches GUILD_MEMBER_UPDATE. */
    public void setMemberRoles(String userId, String... roleIds) {
        guild.setMemberRoles(userId, roleIds);
    }

    /** The member leaves the server or is kicked; dispatches GUILD_MEMBER_REMOVE (members intent). */
    public void removeMember(String userId) {
        guild.removeMember(userId, false);
    }

    /** The member is banned; dispatches GUILD_BAN_ADD (moderation intent) and GUILD_MEMBER_REMOVE (members intent). */
    public void banMember(String userId) {
        guild.removeMember(userId, true);
    }

    /** GUILD_BAN_ADD and GUILD_MEMBER_REMOVE for {@code userId} with another guild's id; nothing changes here. */
    public void removeMemberElsewhere(String userId, String otherGuildId) {
        guild.removeMemberElsewhere(userId, otherGuildId);
    }

    /** Replaces a role's guild-level permissions (e.g. take Manage Channels from the bot's role); dispatches GUILD_ROLE_UPDATE. */
    public void setRolePermissions(String roleId, long permissions) {
        guild.setRolePermissions(roleId, permissions);
    }

    /** Privileged intent bits for {@link #refuseIntents}: "Server Members Intent" and "Message Content Intent". */
    public static final long INTENT_GUILD_MEMBERS = FakeIntents.GUILD_MEMBERS;

    public static final long INTENT_MESSAGE_CONTENT = FakeIntents.MESSAGE_CONTENT;

    /**
     * Switches privileged intents off in the Developer Portal: an IDENTIFY asking for one is closed with 4014, and
     * {@code GET /applications/@me} no longer lists its flag. 0 allows them all again (the default).
     */
    public void refuseIntents(long privilegedIntents) {
        state.refusedIntents = privilegedIntents;
    }

    /** An organizer removes the tag named {@code name} from a forum; dispatches CHANNEL_UPDATE. */
    public void removeForumTag(String forumId, String name) {
        new FakeForumTags(state, gateway).remove(forumId, name);
    }

    /** Scheduled events currently known to the fake (copies). */
    public List<JsonNode> scheduledEvents() {
        return guild.scheduledEvents();
    }

    // ================================================================ channels, permission overwrites, threads

    /** Current state of a channel or thread (copy), or null. */
    public JsonNode channel(String channelId) {
        return channels.channel(channelId);
    }

    /** Permission overwrites of a channel (copies, as Discord sends them: id, type 0 role / 1 member, allow, deny). */
    public List<JsonNode> permissionOverwrites(String channelId) {
        return channels.permissionOverwrites(channelId);
    }

    /** The overwrite for role or member {@code id} on a channel (a copy), or null. */
    public JsonNode permissionOverwrite(String channelId, String id) {
        return channels.permissionOverwrite(channelId, id);
    }

    /**
     * A member's permissions in a channel, computed as Discord does: the guild owner and administrators have all;
     * otherwise the guild-level permissions of @everyone and the member's roles, then the channel's @everyone
     * overwrite, then the overwrites of the member's roles (denies, then allows, of all of them together), then the
     * member's own overwrite. A thread takes its parent's overwrites. Without View Channel a member has none.
     * 0 for someone who is not a member.
     */
    public long permissionsIn(String userId, String channelId) {
        return channels.permissionsIn(userId, channelId);
    }

    /** Whether the member can see the channel (see {@link #permissionsIn}). */
    public boolean canView(String userId, String channelId) {
        return channels.canView(userId, channelId);
    }

    /** Channels (not threads) whose parent is {@code categoryId}, in creation order (copies). */
    public List<JsonNode> channelsUnder(String categoryId) {
        return channels.channelsUnder(categoryId);
    }

    /** Adds a category channel (type 4); dispatches CHANNEL_CREATE to connected clients. */
    public void addCategory(String id, String name) {
        channels.addCategory(id, name);
    }

    /** Adds a text channel everyone sees, under {@code parentId} (or none); dispatches CHANNEL_CREATE. */
    public void addTextChannel(String id, String name, String parentId) {
        channels.addTextChannel(id, name, parentId);
    }

    /**
     * Adds a text channel under {@code parentId} (or none); with {@code allowedIds} (roles or members, told apart
     * by the role table) it is private: @everyone is denied View Channel, each id is allowed View Channel, Send
     * Messages and Read Message History. Dispatches CHANNEL_CREATE.
     */
    public void addPrivateTextChannel(String id, String name, String parentId, String... allowedIds) {
        channels.addPrivateTextChannel(id, name, parentId, allowedIds);
    }

    /** Sets a role's overwrite on an existing channel (replacing an earlier one); dispatches CHANNEL_UPDATE. */
    public void setRoleOverwrite(String channelId, String roleId, long allow, long deny) {
        channels.setOverwrite(channelId, roleId, 0, allow, deny);
    }

    /** Sets a member's overwrite on an existing channel (replacing an earlier one); dispatches CHANNEL_UPDATE. */
    public void setMemberOverwrite(String channelId, String userId, long allow, long deny) {
        channels.setOverwrite(channelId, userId, 1, allow, deny);
    }

    /** A text channel of another server (the bot is not in it): only {@code GET /channels/{id}} answers for it. */
    public void addOtherServerTextChannel(String id, String name, String guildId) {
        channels.addOtherServerTextChannel(id, name, guildId);
    }

    /** Threads whose parent is the given channel, in creation order (copies). */
    public List<JsonNode> threadsIn(String parentId) {
        return threads.threadsIn(parentId);
    }

    /**
     * A user creates a thread (a forum post when the parent is a forum); the fake stores it and dispatches
     * THREAD_CREATE (so JDA caches it) and, when {@code starterContent} is not null, MESSAGE_CREATE for the starter
     * message (whose id equals the thread id for forum posts). Returns the thread id.
     */
    public String createThread(
            String parentChannelId,
            String ownerUserId,
            String name,
            List<String> appliedTagIds,
            String starterContent) {
        return threads.createThread(parentChannelId, ownerUserId, name, appliedTagIds, starterContent);
    }

    /**
     * Archives a thread as Discord does after it idles: the stored thread is marked archived and
     * THREAD_UPDATE is dispatched, so JDA drops it from its cache.
     */
    public void archiveThread(String threadId) {
        threads.archiveThread(threadId);
    }

    // ================================================================ gateway

    /** Number of open gateway connections that have completed IDENTIFY or RESUME. */
    public int connectedClients() {
        return gateway.connectedClients();
    }

    /**
     * The most gateway clients that were identified (or resumed) and connected at the same time since start: with
     * several bot instances on one token, more than one means each event reached several of them.
     */
    public int mostConnectedClients() {
        return gateway.mostConnectedClients();
    }

    /** How many IDENTIFY payloads were accepted since start. */
    public int identifyCount() {
        return gateway.identifyCount();
    }

    /** Gateway connections opened since start (each got a HELLO). */
    public int gatewayConnectionCount() {
        return gateway.connectionCount();
    }

    /** RESUME payloads (op 6) received since start, accepted or not. */
    public int resumeCount() {
        return gateway.resumeCount();
    }

    /** Waits until some open gateway connection has identified and received READY + GUILD_CREATE. */
    public void awaitReady(Duration timeout) {
        gateway.awaitReady(timeout);
    }

    /** Waits until no gateway connection is open (e.g. after {@code jda.shutdownNow()}). */
    public void awaitNoConnections(Duration timeout) {
        gateway.awaitNoConnections(timeout);
    }

    /**
     * Waits until at least {@code count} sessions were resumed since start: RESUME accepted, RESUMED sent, the session
     * ready for dispatches again.
     */
    public void awaitResumed(int count, Duration timeout) {
        gateway.awaitResumed(count, timeout);
    }

    /**
     * Closes all gateway connections with the given close code. JDA reconnects and RESUMEs (answered with RESUMED,
     * sessions are kept) for reconnectable codes such as 4009 (quiet) or 4000 (JDA logs it at ERROR); codes JDA treats
     * as fatal (4004, 4010-4014) make it shut down.
     */
    public void dropConnections(int closeCode) {
        gateway.dropConnections(closeCode);
    }

    /**
     * Takes the gateway down ({@code true}: every connection is dropped with 4000 and new ones are closed before
     * HELLO, so JDA keeps trying to reconnect) or back up (JDA's next attempt RESUMEs its session).
     */
    public void setGatewayDown(boolean down) {
        gateway.setDown(down);
    }

    // ================================================================ interactions and application commands

    /**
     * Dispatches a slash-command INTERACTION_CREATE (type 2).
     *
     * @param subcommandOrNull subcommand name, or {@code "group subcommand"}, or null
     * @param options          option name → value (String, Integer/Long, Boolean, Double or {@link OptionValue})
     * @return the interaction id
     */
    public String sendSlash(
            String userId,
            String locale,
            String channelId,
            String command,
            String subcommandOrNull,
            Map<String, ?> options) {
        return interactions.sendSlash(userId, locale, channelId, command, subcommandOrNull, options);
    }

    /** {@link #sendSlash} with locale {@code en-US}. */
    public String sendSlash(
            String userId, String channelId, String command, String subcommandOrNull, Map<String, ?> options) {
        return sendSlash(userId, "en-US", channelId, command, subcommandOrNull, options);
    }

    /**
     * Dispatches an autocomplete INTERACTION_CREATE (type 4); the option {@code focusedOption} (which must be a key of
     * {@code options}, holding what the user typed so far) is marked {@code focused: true}.
     */
    public String sendAutocomplete(
            String userId,
            String locale,
            String channelId,
            String command,
            String subcommandOrNull,
            Map<String, ?> options,
            String focusedOption) {
        return interactions.sendAutocomplete(
                userId, locale, channelId, command, subcommandOrNull, options, focusedOption);
    }

    /**
     * Dispatches a message context-menu command (INTERACTION_CREATE type 2, command type 3) on a message the fake
     * knows, with the message in {@code data.resolved.messages}; returns the interaction id.
     */
    public String sendMessageCommand(
            String userId, String locale, String channelId, String command, String targetMessageId) {
        return interactions.sendMessageCommand(userId, locale, channelId, command, targetMessageId);
    }

    /** Dispatches a button click (type 3, component_type 2) on a message; returns the interaction id. */
    public String sendButton(String userId, String channelId, String messageId, String customId) {
        return interactions.sendButton(userId, channelId, messageId, customId);
    }

    /**
     * Dispatches a modal submit (type 5). Each field becomes a Label (type 18) wrapping a text input (type 4) with
     * that custom id and value, which is what JDA 6 maps to {@code ModalMapping}s.
     */
    public String sendModalSubmit(String userId, String channelId, String customId, Map<String, String> fields) {
        return interactions.sendModalSubmit(userId, channelId, customId, fields);
    }

    /**
     * Waits for the interaction's callback and returns its JSON ({@code {"type":4,"data":{...}}}, the
     * {@code payload_json} part for multipart callbacks). Visible once the fake has answered it.
     */
    public JsonNode callbackFor(String interactionId, Duration timeout) {
        return replies.callbackFor(interactionId, timeout);
    }

    /** The interaction's callback JSON if the fake has answered it yet, else null (no waiting). */
    public JsonNode callbackOrNull(String interactionId) {
        return replies.callbackOrNull(interactionId);
    }

    /** JSON bodies of follow-up messages ({@code POST /webhooks/{app}/{token}}) for an interaction. */
    public List<JsonNode> followupsFor(String interactionId) {
        return replies.followupsFor(interactionId);
    }

    /** Waits until at least {@code count} follow-ups were sent (and answered) for the interaction; returns them all. */
    public List<JsonNode> awaitFollowups(String interactionId, int count, Duration timeout) {
        return replies.awaitFollowups(interactionId, count, timeout);
    }

    /** JSON bodies of edits to the original response ({@code PATCH .../messages/@original}) of an interaction. */
    public List<JsonNode> originalEditsFor(String interactionId) {
        return replies.originalEditsFor(interactionId);
    }

    /** Waits until at least {@code count} edits to the interaction's original response were answered; returns them all. */
    public List<JsonNode> awaitOriginalEdits(String interactionId, int count, Duration timeout) {
        return replies.awaitOriginalEdits(interactionId, count, timeout);
    }

    /**
     * The message the fake holds as the interaction's original response (for a command: the reply or deferred
     * message; for a component interaction: the message carrying the component), as JDA last saw it; null if none.
     */
    public JsonNode originalResponse(String interactionId) {
        return replies.originalResponse(interactionId);
    }

    // ================================================================ another server

    /**
     * Puts the bot in a second server ({@link #OTHER_GUILD_ID}, one channel {@link #OTHER_GUILD_CHANNEL}) owned by
     * {@code ownerId}, who holds every permission there. A connected bot gets its GUILD_CREATE at once (it was just
     * added); one that identifies later finds it in READY. Interactions sent to {@link #OTHER_GUILD_CHANNEL} come from
     * that server.
     */
    public void addOtherGuild(String ownerId) {
        otherGuild.add(ownerId);
    }

    /** Whether the bot is still in the other server (it leaves with {@code DELETE /users/@me/guilds/{id}}). */
    public boolean inOtherGuild() {
        return otherGuild.joined();
    }

    /** The other server's owner writes {@code content} in its channel; returns the message id. */
    public String sendMessageInOtherGuild(String content) {
        return otherGuild.sendMessage(content);
    }

    /** The commands registered in {@code guildId} ({@code null}: the global ones); null if never registered. */
    public JsonNode registeredCommands(String guildId) {
        return commands.registered(guildId);
    }

    /** The command array of the last PUT (global or guild), with the fields Discord adds; null if none yet. */
    public JsonNode registeredCommands() {
        return commands.registeredCommands();
    }

    // ================================================================ messages

    /** Current state of a stored message (copy), or null. */
    public JsonNode message(String messageId) {
        return messages.message(messageId);
    }

    /** A user posts a message in a channel, thread or DM; dispatches MESSAGE_CREATE. Returns the message id. */
    public String sendMessageCreate(String channelId, String userId, String content) {
        return messages.sendMessageCreate(channelId, userId, content);
    }

    /** A user sends the bot a direct message (MESSAGE_CREATE in {@link #dmChannelOf}); returns the message id. */
    public String sendDirectMessage(String userId, String content) {
        return sendMessageCreate(dmChannelOf(userId), userId, content);
    }

    /** A user edits a message; dispatches MESSAGE_UPDATE with the full new message. */
    public void sendMessageUpdate(String channelId, String messageId, String newContent) {
        messages.sendMessageUpdate(channelId, messageId, newContent);
    }

    /** A message is deleted; dispatches MESSAGE_DELETE. */
    public void sendMessageDelete(String channelId, String messageId) {
        messages.sendMessageDelete(channelId, messageId);
    }

    /** Makes {@code POST /channels/{dm}/messages} to this user fail with 50007, as when a user closed DMs. */
    public void setDmsClosed(String userId, boolean closed) {
        messages.setDmsClosed(userId, closed);
    }

    /** Copies of every message created with this nonce (any channel or author, deleted ones included), oldest first. */
    public List<JsonNode> messagesWithNonce(String nonce) {
        return messages.messagesWithNonce(nonce);
    }

    /**
     * How many messages were created (channel posts, DMs, interaction replies and follow-ups, forum starters, user
     * messages sent through the fake; deleted ones included) that match the predicate, which sees Discord message
     * objects ({@code id}, {@code channel_id}, {@code author}, {@code content}, {@code nonce}, ...).
     */
    public long countMessagesBy(Predicate<JsonNode> predicate) {
        return messages.countMessagesBy(predicate);
    }

    /** Copies of the messages created in a channel, thread or DM channel ({@link #dmChannelOf}), oldest first. */
    public List<JsonNode> createdMessagesIn(String channelId) {
        return messages.createdMessagesIn(channelId);
    }

    /** Every message the bot created (channels, threads, DMs), in order of creation. */
    public List<JsonNode> botMessages() {
        return messages.botMessages();
    }

    /** Number of created messages per channel id (DM channels included), in order of first creation. */
    public Map<String, Long> createdMessageCountsByChannel() {
        return messages.createdMessageCountsByChannel();
    }

    /**
     * Waits until at least {@code count} created messages match the predicate (woken by each creation, no polling);
     * returns copies of them. AssertionError on timeout.
     */
    public List<JsonNode> awaitCreatedMessages(Predicate<JsonNode> predicate, int count, Duration timeout) {
        return messages.awaitCreatedMessages(predicate, count, timeout);
    }

    /** JSON bodies the bot POSTed to {@code /channels/{channelId}/messages}, oldest first. */
    public List<JsonNode> messagesPostedTo(String channelId) {
        return messages.messagesPostedTo(channelId);
    }

    /** Waits until the bot posted at least {@code count} messages to the channel (and got answers); returns them all. */
    public List<JsonNode> awaitMessagesPostedTo(String channelId, int count, Duration timeout) {
        return messages.awaitMessagesPostedTo(channelId, count, timeout);
    }

    /** JSON bodies of the DMs the bot sent to a user. */
    public List<JsonNode> dmsTo(String userId) {
        return messagesPostedTo(dmChannelOf(userId));
    }

    // ================================================================ recorded requests, waiting

    /** All recorded REST requests, oldest first. */
    public List<RecordedRequest> requests() {
        return recorder.requests();
    }

    /** Recorded requests with this method whose path (without /api/v10) fully matches {@code pathRegex}. */
    public List<RecordedRequest> requests(String method, String pathRegex) {
        return recorder.requests(method, pathRegex);
    }

    /** Requests no route answered (they got a 404). */
    public List<RecordedRequest> unhandledRequests() {
        return recorder.unhandledRequests();
    }

    /** Exceptions inside the fake (bugs in the fake or unparseable payloads); should stay empty. */
    public List<Throwable> serverErrors() {
        return recorder.serverErrors();
    }

    /**
     * Waits for the first recorded request matching the predicate to be answered (its effects on the fake's state
     * applied, the response sent; re-checked whenever the fake answers a request); throws AssertionError on timeout.
     */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> predicate, Duration timeout) {
        return recorder.awaitRequest(predicate, timeout);
    }

    /** Waits for a request with this method and a path fully matching {@code pathRegex}. */
    public RecordedRequest awaitRequest(String method, String pathRegex, Duration timeout) {
        Pattern p = Pattern.compile(pathRegex);
        return awaitRequest(
                r -> r.method().equalsIgnoreCase(method) && p.matcher(r.path()).matches(), timeout);
    }

    /**
     * Waits until {@code condition} holds, checking it again each time the fake records something (see above), not on
     * a timer; throws AssertionError naming {@code what} after {@code timeout}. The condition should depend only on
     * what the fake records (requests, callbacks, stored state, gateway connections).
     */
    public void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        recorder.await(condition, timeout, what);
    }
}
