package org.campops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.campops.app.RunningBot;
import org.campops.config.CampConfig;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.campops.testing.fakediscord.FakeDiscord;

/**
 * One camp under test: the fake Discord, the real bot on it (which a test may stop and start again on the same
 * database), the bot's clock, and what end-to-end tests do with them: run a slash command, press a button, submit a
 * form, read the answer, read rows, wait for the outbox. Made and closed by {@link BotExtension}.
 *
 * <p>Interactions come from the general channel; the text helpers return what the member finally sees
 * ({@link EndToEnd#answerText}), the {@code ...Callback} ones the raw interaction callback.
 */
public final class Camp implements AutoCloseable {
    /** How long the helpers wait, unless the extension was built with another wait. */
    public static final Duration WAIT = Duration.ofSeconds(15);

    record Setup(
            CampConfig config,
            Clock clock,
            String database,
            Duration timeout,
            boolean awaitCommands,
            boolean noServerErrors) {}

    private final FakeDiscord fake;
    private final Setup setup;
    private final Path dir;
    private final String dbUrl;
    private CampConfig config;
    private RunningBot bot;

    private Camp(FakeDiscord fake, Setup setup, Path dir, String dbUrl) {
        this.fake = fake;
        this.setup = setup;
        this.dir = dir;
        this.dbUrl = dbUrl;
        this.config = setup.config();
    }

    static Camp open(Setup setup, Consumer<FakeDiscord> beforeStart) {
        Path dir = null;
        String db = setup.database();
        try {
            if (db == null) {
                dir = Files.createTempDirectory("campops-e2e-");
                db = BotHarness.fileDb(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FakeDiscord fake = FakeDiscord.start();
        Camp camp = new Camp(fake, setup, dir, db);
        try {
            beforeStart.accept(fake);
        } catch (RuntimeException | Error e) {
            camp.close();
            throw e;
        }
        return camp;
    }

    // ---------------------------------------------------------------- what runs

    public FakeDiscord fake() {
        return fake;
    }

    /** The running bot (after a {@link #restart()}, the new one). */
    public RunningBot bot() {
        if (bot == null) {
            throw new IllegalStateException("the bot is not running");
        }
        return bot;
    }

    public Clock clock() {
        return setup.clock();
    }

    /** The bot's clock, when the camp was set up with a {@link MutableClock}. */
    public MutableClock mutableClock() {
        return (MutableClock) setup.clock();
    }

    /** The JDBC URL of the bot's database (it stays after the bot stops). */
    public String dbUrl() {
        return dbUrl;
    }

    /** The config the bot runs (or last ran) with. */
    public CampConfig config() {
        return config;
    }

    public Duration waitTime() {
        return setup.timeout();
    }

    // ---------------------------------------------------------------- starting and stopping

    /** Starts the bot with the camp's config (waiting for its commands unless the camp says not to). */
    public RunningBot start() {
        return start(config);
    }

    /** Starts the bot with {@code config}, which stays the camp's config for later restarts. */
    public RunningBot start(CampConfig config) {
        if (bot != null) {
            throw new IllegalStateException("the bot is already running");
        }
        this.config = config;
        bot = BotHarness.start(fake, dbUrl, config, setup.clock());
        if (setup.awaitCommands()) {
            fake.awaitRequest("PUT", ".*/guilds/.*/commands", setup.timeout());
        }
        return bot;
    }

    /** The orderly stop of the bot; the fake and the database stay. */
    public void stop() {
        RunningBot b = bot;
        bot = null;
        if (b != null) {
            b.close();
        }
    }

    /** Stops the bot and starts a new one on the same fake, database, config and clock. */
    public RunningBot restart() {
        stop();
        return start();
    }

    /** Stops the bot and starts a new one with {@code config}. */
    public RunningBot restart(CampConfig config) {
        stop();
        return start(config);
    }

    void assertNoServerErrors() {
        if (setup.noServerErrors()) {
            assertThat(fake.serverErrors())
                    .as("the fake Discord's server errors")
                    .isEmpty();
        }
    }

    @Override
    public void close() {
        try {
            stop();
            assertNoServerErrors();
        } finally {
            fake.close();
            deleteDir();
        }
    }

    private void deleteDir() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is no test failure.
        }
    }

    // ---------------------------------------------------------------- interactions

    /** A slash command in English; what the member finally sees. */
    public String slash(String user, String command, String sub, Map<String, ?> options) {
        return slash(user, "en-US", command, sub, options);
    }

    /** A slash command in {@code locale}; what the member finally sees. */
    public String slash(String user, String locale, String command, String sub, Map<String, ?> options) {
        return answer(fake.sendSlash(user, locale, FakeDiscord.GENERAL_CHANNEL, command, sub, options));
    }

    /** A slash command in {@code locale}; the bot's interaction callback (type, flags, components, a form). */
    public JsonNode slashCallback(String user, String locale, String command, String sub, Map<String, ?> options) {
        return callback(fake.sendSlash(user, locale, FakeDiscord.GENERAL_CHANNEL, command, sub, options));
    }

    /** A press of the button {@code customId} on message {@code messageId}; what the member finally sees. */
    public String press(String user, String channelId, String messageId, String customId) {
        return answer(fake.sendButton(user, channelId, messageId, customId));
    }

    /** A press of a button; the bot's interaction callback. */
    public JsonNode pressCallback(String user, String channelId, String messageId, String customId) {
        return callback(fake.sendButton(user, channelId, messageId, customId));
    }

    /** A form (modal) {@code customId} submitted from the general channel; what the member finally sees. */
    public String submit(String user, String customId, Map<String, String> fields) {
        return answer(fake.sendModalSubmit(user, FakeDiscord.GENERAL_CHANNEL, customId, fields));
    }

    /** A form submitted; the bot's interaction callback. */
    public JsonNode submitCallback(String user, String customId, Map<String, String> fields) {
        return callback(fake.sendModalSubmit(user, FakeDiscord.GENERAL_CHANNEL, customId, fields));
    }

    /** What the member finally sees for an interaction the test sent (the bot's handler has finished then). */
    public String answer(String interactionId) {
        return EndToEnd.answerText(fake, interactionId, setup.timeout());
    }

    /** The bot's first callback to an interaction the test sent. */
    public JsonNode callback(String interactionId) {
        return fake.callbackFor(interactionId, setup.timeout());
    }

    // ---------------------------------------------------------------- state

    /** The first column of every row of {@code sql} in the bot's database, as text. */
    public List<String> rows(String sql) {
        try {
            return bot == null ? EndToEnd.rows(dbUrl, sql) : EndToEnd.rows(bot, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Waits until the scheduler planned what is due and the outbox sent everything (none left failing). */
    public void drain() throws InterruptedException {
        assertThat(bot().app().moments().awaitPlanned(setup.timeout()))
                .as("moments planned")
                .isTrue();
        assertThat(bot().app().dispatcher().drain(setup.timeout()))
                .as("outbox drained")
                .isZero();
    }

    /**
     * An organizer creates team {@code name} mentored by {@code mentor} (the bot makes its private channel) and adds
     * {@code campers}, each answer checked, the outbox drained after each step; returns the team as stored, with its
     * channel.
     */
    public Team team(String name, String mentor, String... campers) throws InterruptedException {
        assertThat(slash(
                        FakeDiscord.ORGANIZER_ID,
                        "team",
                        "create",
                        Map.of("name", name, "mentor", FakeDiscord.userOption(mentor))))
                .contains(name);
        drain();
        for (String c : campers) {
            assertThat(slash(
                            FakeDiscord.ORGANIZER_ID,
                            "team",
                            "add",
                            Map.of("team", name, "member", FakeDiscord.userOption(c))))
                    .contains("joined");
        }
        drain();
        Team t = bot().app().service(TeamService.class).byRef(name);
        assertThat(t.channelId()).as("channel of " + name).isNotNull();
        return t;
    }

    /** Waits until the bot posted a message containing {@code text} to the channel; returns its JSON body. */
    public JsonNode awaitPost(String channelId, String text) {
        return fake.awaitCreatedMessages(
                        m -> m.path("channel_id").asText().equals(channelId)
                                && m.path("content").asText().contains(text),
                        1,
                        setup.timeout())
                .get(0);
    }

    /** Waits until the bot sent the user a DM containing {@code text}; returns its JSON body. */
    public JsonNode awaitDm(String userId, String text) {
        return awaitPost(FakeDiscord.dmChannelOf(userId), text);
    }
}
