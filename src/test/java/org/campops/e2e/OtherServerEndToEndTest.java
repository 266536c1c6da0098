package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.GUILD_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.OTHER_GUILD_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.OTHER_GUILD_ID;
import static org.campops.testing.fakediscord.FakeDiscord.STRANGER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campops.config.CampConfig;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.TestConfig;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One camp, one server: the bot is in the camp's server and in a stranger's, whose owner (an administrator there, and
 * administrators count as organizers in this camp) tries every command, message action, button and form the camp has.
 * None of it reaches the camp: each gets the same short ephemeral refusal, no other request goes to Discord, nothing
 * is stored, and no command is registered in the other server or globally. With the default config the bot leaves
 * such a server, at start and when added later.
 */
class OtherServerEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String REFUSAL_EN =
            "This bot serves only Test Camp. Commands work only in Test Camp's Discord server.";
    private static final String REFUSAL_KO = "이 봇은 Test Camp 전용이에요. 명령어는 Test Camp Discord 서버에서만 쓸 수 있어요.";
    /** Every table a feature writes. */
    private static final List<String> TABLES = List.of(
            "reminder",
            "question",
            "question_draft",
            "anonymity_lookup",
            "answer",
            "office_hour",
            "office_hour_rsvp",
            "outbox",
            "team",
            "team_member",
            "mentoring_series",
            "mentoring_session",
            "mentoring_attendance",
            "mentoring_feedback",
            "wrapup_assignment",
            "discussion_prompt",
            "duty_done",
            "calendar_feed");

    /** Each test starts the bot with its own config, after setting up the fake. */
    @RegisterExtension
    final BotExtension extension =
            BotExtension.builder().noBot().noCommandWait().build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    /** The test camp, but with administrators counting as organizers (the default) and {@code leaveOtherServers}. */
    private static CampConfig config(boolean leaveOtherServers) {
        CampConfig c = TestConfig.load();
        CampConfig.DiscordSettings d = c.discord();
        return c.withDiscord(new CampConfig.DiscordSettings(
                d.guildId(),
                d.roles(),
                d.channels(),
                true,
                d.messageContentIntent(),
                leaveOtherServers,
                d.serverMembersIntent()));
    }

    @Test
    void aStrangersServerCannotActOnTheCamp() throws Exception {
        fake.addOtherGuild(STRANGER_ID);
        camp.start(config(false));
        fake.await(() -> fake.registeredCommands(GUILD_ID) != null, WAIT, () -> "commands registered in the camp");

        // Something in the camp worth stealing: an anonymous question and an office hour.
        String ask = fake.sendSlash(
                CAMPER_ID,
                "en-US",
                GENERAL_CHANNEL,
                "ask",
                null,
                Map.of("title", "How do I pick a learning rate?", "anonymous", true));
        camp.answer(ask);
        String oh = fake.sendSlash(
                ORGANIZER_ID,
                "en-US",
                GENERAL_CHANNEL,
                "officehours",
                "schedule",
                Map.of("title", "Detection Q&A", "start", "in 3d", "duration", 60));
        camp.answer(oh);
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        Map<String, String> before = counts();
        int requestsBefore = fake.requests().size();

        JsonNode campCommands = fake.registeredCommands(GUILD_ID);
        List<String> attempts = new ArrayList<>();
        for (JsonNode command : campCommands) {
            String name = command.get("name").asText();
            if (command.path("type").asInt(1) == 3) {
                String target = fake.sendMessageInOtherGuild("look at this");
                attempts.add(fake.sendMessageCommand(STRANGER_ID, "en-US", OTHER_GUILD_CHANNEL, name, target));
                continue;
            }
            for (Map.Entry<String, JsonNode> leaf : leaves(command).entrySet()) {
                Map<String, Object> options = options(leaf.getValue());
                attempts.add(fake.sendSlash(STRANGER_ID, "en-US", OTHER_GUILD_CHANNEL, name, leaf.getKey(), options));
            }
        }
        for (String button : List.of(
                "qa:resolve:1",
                "qa:dupok:1",
                "qa:duppost:1",
                "oh:rsvp:1",
                "oh:confirm:1",
                "oh:discard:1",
                "mt:att:1:1",
                "mt:att:1:0",
                "mt:fb:1",
                "mt:note:1")) {
            String message = fake.sendMessageInOtherGuild("a post with buttons");
            attempts.add(fake.sendButton(STRANGER_ID, OTHER_GUILD_CHANNEL, message, button));
        }
        attempts.add(fake.sendModalSubmit(
                STRANGER_ID, OTHER_GUILD_CHANNEL, "qa:ask:0:1", Map.of("title", "stolen", "details", "x")));
        attempts.add(fake.sendModalSubmit(STRANGER_ID, OTHER_GUILD_CHANNEL, "mt:fbs:1", Map.of("rating", "1")));
        attempts.add(fake.sendModalSubmit(STRANGER_ID, OTHER_GUILD_CHANNEL, "mt:notes:1", Map.of("notes", "x")));

        assertThat(attempts).hasSizeGreaterThan(40);
        for (String id : attempts) {
            JsonNode callback = camp.callback(id);
            assertThat(callback.path("type").asInt()).as("answer to %s", id).isEqualTo(4);
            assertThat(callback.path("data").path("flags").asInt() & 64)
                    .as("ephemeral")
                    .isEqualTo(64);
            assertThat(EndToEnd.content(callback)).isEqualTo(REFUSAL_EN);
        }
        // The camp's autocomplete offers nothing there.
        String suggest = fake.sendAutocomplete(
                STRANGER_ID, "en-US", OTHER_GUILD_CHANNEL, "ask", null, Map.of("topic", "Obj"), "topic");
        JsonNode choices = camp.callback(suggest);
        assertThat(choices.path("type").asInt()).isEqualTo(8);
        assertThat(choices.path("data").path("choices")).isEmpty();
        // A camp member's DM to the bot is refused the same way, in their language.
        String dm = fake.sendSlash(CAMPER_ID, "ko", FakeDiscord.dmChannelOf(CAMPER_ID), "help", null, Map.of());
        assertThat(EndToEnd.content(camp.callback(dm))).isEqualTo(REFUSAL_KO);

        // The camp still answers (so every event before this one was handled), and nothing reached it.
        EndToEnd.awaitGatewayHandled(fake, WAIT);
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        List<RecordedRequest> after =
                fake.requests().subList(requestsBefore, fake.requests().size());
        assertThat(after)
                .allSatisfy(r -> assertThat(r.path())
                        .as(r.method() + " " + r.path())
                        .matches(".*/interactions/\\d+/[^/]+/callback"));
        assertThat(counts()).isEqualTo(before);
        assertThat(fake.registeredCommands(OTHER_GUILD_ID))
                .as("commands in the other server")
                .isNull();
        JsonNode global = fake.registeredCommands(null);
        assertThat(global == null || global.isEmpty()).as("no global commands").isTrue();
        assertThat(fake.inOtherGuild())
                .as("leaveOtherServers: false keeps the bot there")
                .isTrue();
    }

    @Test
    void leavesAnyOtherServerAtStartAndWhenAddedLater() {
        fake.addOtherGuild(CAMPER_ID);
        camp.start(config(true));
        RecordedRequest left = fake.awaitRequest("DELETE", ".*/users/@me/guilds/" + OTHER_GUILD_ID, WAIT);
        assertThat(left).isNotNull();
        fake.await(() -> !fake.inOtherGuild(), WAIT, () -> "the bot left the other server");

        fake.addOtherGuild(CAMPER_ID);
        fake.await(
                () -> fake.requests("DELETE", ".*/users/@me/guilds/" + OTHER_GUILD_ID)
                                .size()
                        == 2,
                WAIT,
                () -> "the bot left the other server again after being added");
        fake.await(() -> !fake.inOtherGuild(), WAIT, () -> "the bot left the other server");
        assertThat(fake.requests("DELETE", ".*/users/@me/guilds/" + GUILD_ID))
                .as("never leaves the camp")
                .isEmpty();
        assertThat(fake.requests("PUT", ".*/guilds/" + OTHER_GUILD_ID + "/commands"))
                .isEmpty();
        // The camp works as before.
        EndToEnd.awaitGatewayHandled(fake, WAIT);
    }

    @Test
    void aMistypedGuildIdRefusesEverythingButLeavesNothing() {
        fake.addOtherGuild(STRANGER_ID);
        CampConfig c = config(true);
        CampConfig.DiscordSettings d = c.discord();
        CampConfig wrong = c.withDiscord(
                new CampConfig.DiscordSettings("1190000000000000999", d.roles(), d.channels(), true, true, true, true));
        camp.start(wrong);
        String help = fake.sendSlash(ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "help", null, Map.of());
        assertThat(EndToEnd.content(camp.callback(help))).isEqualTo(REFUSAL_EN);
        assertThat(fake.requests("DELETE", ".*/users/@me/guilds/.*"))
                .as("no server left")
                .isEmpty();
        assertThat(fake.inOtherGuild()).isTrue();
        assertThat(fake.requests("PUT", ".*/guilds/.*/commands"))
                .as("no commands registered")
                .isEmpty();
    }

    /** The subcommand paths of a command ("" for none, "set", "group sub") with their option lists. */
    private static Map<String, JsonNode> leaves(JsonNode command) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        boolean nested = false;
        for (JsonNode o : command.path("options")) {
            int type = o.path("type").asInt();
            if (type == 1) {
                nested = true;
                out.put(o.get("name").asText(), o.path("options"));
            } else if (type == 2) {
                nested = true;
                for (JsonNode sub : o.path("options")) {
                    out.put(o.get("name").asText() + " " + sub.get("name").asText(), sub.path("options"));
                }
            }
        }
        if (!nested) {
            out.put("", command.path("options"));
        }
        return out;
    }

    /** A value for every option, as a stranger in their own server would fill it in. */
    private static Map<String, Object> options(JsonNode specs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode o : specs) {
            String name = o.get("name").asText();
            Object value = switch (o.path("type").asInt()) {
                case 4 -> 1;
                case 5 -> true;
                case 6, 9 -> FakeDiscord.userOption(STRANGER_ID);
                case 7 -> FakeDiscord.channelOption(OTHER_GUILD_CHANNEL);
                case 10 -> 1.5;
                default ->
                    o.has("choices")
                            ? o.get("choices").get(0).get("value").asText()
                            : name.contains("link") ? "https://evil.example/join" : "1";
            };
            if (o.path("type").asInt() != 8) {
                out.put(name, value);
            }
        }
        return out;
    }

    private Map<String, String> counts() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, camp.rows("SELECT COUNT(*) FROM " + table).get(0));
        }
        out.put(
                "outbox sent",
                camp.rows("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'").get(0));
        return out;
    }
}
