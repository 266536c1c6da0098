package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTORS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.campops.app.RunningBot;
import org.campops.testing.BotHarness;
import org.campops.testing.EndToEnd;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /help and /remind through the real JDA client against the fake Discord. */
class RemindEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private FakeDiscord fake;
    private RunningBot bot;

    @BeforeEach
    void start() {
        fake = FakeDiscord.start();
        bot = BotHarness.start(fake, BotHarness.fileDb(dir));
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        fake.close();
    }

    private JsonNode slash(String user, String locale, String command, String sub, Map<String, ?> options) {
        String id = fake.sendSlash(user, locale, GENERAL_CHANNEL, command, sub, options);
        return fake.callbackFor(id, WAIT);
    }

    @Test
    void registersLocalizedCommandsAndAnswersHelp() {
        fake.awaitRequest("PUT", ".*/guilds/.*/commands", WAIT);
        JsonNode commands = fake.registeredCommands();
        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.get("name").asText()));
        assertThat(names).contains("help", "remind");
        JsonNode remind = findByName(commands, "remind");
        assertThat(remind.path("description_localizations").path("ko").asText()).contains("리마인더");

        JsonNode ko = slash(CAMPER_ID, "ko", "help", null, Map.of());
        assertThat(ko.path("type").asInt()).isEqualTo(4);
        assertThat(ko.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(ko.path("data").path("content").asText()).contains("/remind set").contains("쓸 수 있는 명령어");

        JsonNode en = slash(CAMPER_ID, "en-US", "help", null, Map.of());
        assertThat(en.path("data").path("content").asText()).contains("commands you can use");
    }

    @Test
    void personalReminderIsStoredFiredOnceAsDm() throws Exception {
        JsonNode reply = slash(CAMPER_ID, "en-US", "remind", "set", Map.of("when", "in 2s", "text", "stand up @everyone"));
        String content = reply.path("data").path("content").asText();
        assertThat(content).contains("Reminder #1").contains("<t:");
        assertThat(reply.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(EndToEnd.rows(bot, "SELECT status FROM reminder")).containsExactly("PENDING");

        RecordedRequest dm = fake.awaitRequest(r -> r.method().equals("POST")
                && r.path().endsWith("/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages"), WAIT);
        JsonNode body = dm.jsonBody();
        assertThat(body.path("content").asText()).contains("stand up").doesNotContain("@everyone");
        assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(EndToEnd.rows(bot, "SELECT status FROM reminder")).containsExactly("SENT");
        assertThat(fake.dmsTo(CAMPER_ID)).hasSize(1);
        EndToEnd.assertContract(fake);
    }

    @Test
    void reminderSurvivesARestartAndFiresExactlyOnce() throws Exception {
        slash(CAMPER_ID, "ko", "remind", "set", Map.of("when", "3초 후", "text", "랩업 리포트 제출"));
        bot.close();
        bot = null;
        bot = BotHarness.start(fake, BotHarness.fileDb(dir));
        fake.awaitRequest(r -> r.path().endsWith("/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages"), WAIT);
        // Stopping the bot waits for running jobs; after that nothing can send. A second firing has either sent
        // by now or would still have its trigger stored.
        bot.close();
        bot = null;
        assertThat(fake.dmsTo(CAMPER_ID)).hasSize(1);
        assertThat(fake.dmsTo(CAMPER_ID).get(0).path("content").asText()).contains("랩업 리포트 제출");
        String db = BotHarness.fileDb(dir);
        assertThat(EndToEnd.rows(db, "SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'reminder-1'")).isEmpty();
        assertThat(EndToEnd.rows(db, "SELECT status FROM reminder")).containsExactly("SENT");
    }

    @Test
    void camperCannotPostChannelRemindersButMentorCan() throws Exception {
        JsonNode refused = slash(CAMPER_ID, "en-US", "remind", "set", Map.of("when", "in 1h", "text", "x",
                "channel", FakeDiscord.channelOption(MENTORS_CHANNEL)));
        assertThat(refused.path("data").path("content").asText()).contains("Only mentors and organizers");
        assertThat(refused.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(EndToEnd.rows(bot, "SELECT id FROM reminder")).isEmpty();

        slash(MENTOR_ID, "en-US", "remind", "set", Map.of("when", "in 2s", "text", "staff meeting @here",
                "channel", FakeDiscord.channelOption(MENTORS_CHANNEL)));
        RecordedRequest post = fake.awaitRequest(r -> r.method().equals("POST")
                && r.path().endsWith("/channels/" + MENTORS_CHANNEL + "/messages"), WAIT);
        JsonNode body = post.jsonBody();
        assertThat(body.path("content").asText()).contains("<@" + MENTOR_ID + ">").contains("staff meeting").doesNotContain("@here");
        assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(body.path("allowed_mentions").path("users").toString()).contains(MENTOR_ID);
        EndToEnd.assertContract(fake);
    }

    @Test
    void channelRemindersGoOnlyToTextChannelsTheMemberCanWriteIn() throws Exception {
        JsonNode forum = slash(MENTOR_ID, "en-US", "remind", "set", Map.of("when", "in 1h", "text", "x",
                "channel", FakeDiscord.channelOption(FakeDiscord.QA_FORUM_CHANNEL)));
        assertThat(forum.path("data").path("content").asText()).contains("text channels");
        JsonNode hidden = slash(MENTOR_ID, "en-US", "remind", "set", Map.of("when", "in 1h", "text", "x",
                "channel", FakeDiscord.channelOption(FakeDiscord.ORGANIZERS_CHANNEL)));
        assertThat(hidden.path("data").path("content").asText()).contains("can't post in that channel");
        assertThat(EndToEnd.rows(bot, "SELECT id FROM reminder")).isEmpty();
    }

    @Test
    void badTimesAreRefusedWithExamples() throws Exception {
        JsonNode past = slash(CAMPER_ID, "ko", "remind", "set", Map.of("when", "2020-01-01 10:00", "text", "x"));
        assertThat(past.path("data").path("content").asText()).contains("이미 지났어요");
        JsonNode ambiguous = slash(CAMPER_ID, "ko", "remind", "set", Map.of("when", "내일 3시", "text", "x"));
        assertThat(ambiguous.path("data").path("content").asText()).contains("오전/오후");
        JsonNode junk = slash(CAMPER_ID, "en-US", "remind", "set", Map.of("when", "whenever", "text", "x"));
        assertThat(junk.path("data").path("content").asText()).contains("can't read").contains("tomorrow 9am");
        assertThat(EndToEnd.rows(bot, "SELECT id FROM reminder")).isEmpty();
    }

    @Test
    void listAndCancel() throws Exception {
        slash(CAMPER_ID, "en-US", "remind", "set", Map.of("when", "tomorrow 9am", "text", "coffee chat"));
        assertThat(bot.app().moments().awaitPlanned(WAIT)).isTrue();
        assertThat(bot.app().moments().nextFire("reminder", 1, "due")).isNotNull();
        JsonNode list = slash(CAMPER_ID, "en-US", "remind", "list", null, Map.of());
        assertThat(list.path("data").path("content").asText()).contains("#1").contains("coffee chat");
        JsonNode cancel = slash(CAMPER_ID, "en-US", "remind", "cancel", Map.of("id", 1));
        assertThat(cancel.path("data").path("content").asText()).contains("cancelled");
        assertThat(EndToEnd.rows(bot, "SELECT status FROM reminder")).containsExactly("CANCELLED");
        assertThat(bot.app().moments().awaitPlanned(WAIT)).isTrue();
        assertThat(bot.app().moments().nextFire("reminder", 1, "due")).isNull();
    }

    private JsonNode slash(String user, String locale, String command, String sub, String ignored, Map<String, ?> options) {
        return slash(user, locale, command, sub, options);
    }

    private static JsonNode findByName(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no command " + name + " in " + array);
    }
}
