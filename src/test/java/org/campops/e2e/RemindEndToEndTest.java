package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTORS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.campops.testing.Camp;
import org.campops.testing.CampE2E;
import org.campops.testing.EndToEnd;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /help and /remind through the real JDA client against the fake Discord. */
@CampE2E(awaitCommands = false)
class RemindEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
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

        JsonNode ko = camp.slashCallback(CAMPER_ID, "ko", "help", null, Map.of());
        assertThat(ko.path("type").asInt()).isEqualTo(4);
        assertThat(ko.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(ko.path("data").path("content").asText())
                .contains("/remind set")
                .contains("쓸 수 있는 명령어");

        JsonNode en = camp.slashCallback(CAMPER_ID, "en-US", "help", null, Map.of());
        assertThat(en.path("data").path("content").asText()).contains("commands you can use");
    }

    @Test
    void personalReminderIsStoredFiredOnceAsDm() throws Exception {
        JsonNode reply = camp.slashCallback(
                CAMPER_ID, "en-US", "remind", "set", Map.of("when", "in 2s", "text", "stand up @everyone"));
        String content = reply.path("data").path("content").asText();
        assertThat(content).contains("Reminder #1").contains("<t:");
        assertThat(reply.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(camp.rows("SELECT status FROM reminder")).containsExactly("PENDING");

        RecordedRequest dm = fake.awaitRequest(
                r -> r.method().equals("POST")
                        && r.path().endsWith("/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages"),
                WAIT);
        JsonNode body = dm.jsonBody();
        assertThat(body.path("content").asText()).contains("stand up").doesNotContain("@everyone");
        assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(camp.rows("SELECT status FROM reminder")).containsExactly("SENT");
        assertThat(fake.dmsTo(CAMPER_ID)).hasSize(1);
        EndToEnd.assertContract(fake);
    }

    @Test
    void reminderSurvivesARestartAndFiresExactlyOnce() throws Exception {
        camp.slashCallback(CAMPER_ID, "ko", "remind", "set", Map.of("when", "3초 후", "text", "랩업 리포트 제출"));
        camp.restart();
        fake.awaitRequest(
                r -> r.path().endsWith("/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages"), WAIT);
        // Stopping the bot waits for running jobs; after that nothing can send. A second firing has either sent
        // by now or would still have its trigger stored.
        camp.stop();
        assertThat(fake.dmsTo(CAMPER_ID)).hasSize(1);
        assertThat(fake.dmsTo(CAMPER_ID).get(0).path("content").asText()).contains("랩업 리포트 제출");
        assertThat(camp.rows("SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'reminder-1'"))
                .isEmpty();
        assertThat(camp.rows("SELECT status FROM reminder")).containsExactly("SENT");
    }

    @Test
    void camperCannotPostChannelRemindersButMentorCan() throws Exception {
        JsonNode refused = camp.slashCallback(
                CAMPER_ID,
                "en-US",
                "remind",
                "set",
                Map.of("when", "in 1h", "text", "x", "channel", FakeDiscord.channelOption(MENTORS_CHANNEL)));
        assertThat(refused.path("data").path("content").asText()).contains("Only mentors and organizers");
        assertThat(refused.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(camp.rows("SELECT id FROM reminder")).isEmpty();

        camp.slashCallback(
                MENTOR_ID,
                "en-US",
                "remind",
                "set",
                Map.of(
                        "when",
                        "in 2s",
                        "text",
                        "staff meeting @here",
                        "channel",
                        FakeDiscord.channelOption(MENTORS_CHANNEL)));
        RecordedRequest post = fake.awaitRequest(
                r -> r.method().equals("POST") && r.path().endsWith("/channels/" + MENTORS_CHANNEL + "/messages"),
                WAIT);
        JsonNode body = post.jsonBody();
        assertThat(body.path("content").asText())
                .contains("<@" + MENTOR_ID + ">")
                .contains("staff meeting")
                .doesNotContain("@here");
        assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(body.path("allowed_mentions").path("users").toString()).contains(MENTOR_ID);
        EndToEnd.assertContract(fake);
    }

    @Test
    void channelRemindersGoOnlyToTextChannelsTheMemberCanWriteIn() throws Exception {
        JsonNode forum = camp.slashCallback(
                MENTOR_ID,
                "en-US",
                "remind",
                "set",
                Map.of(
                        "when",
                        "in 1h",
                        "text",
                        "x",
                        "channel",
                        FakeDiscord.channelOption(FakeDiscord.QA_FORUM_CHANNEL)));
        assertThat(forum.path("data").path("content").asText()).contains("text channels");
        JsonNode hidden = camp.slashCallback(
                MENTOR_ID,
                "en-US",
                "remind",
                "set",
                Map.of(
                        "when",
                        "in 1h",
                        "text",
                        "x",
                        "channel",
                        FakeDiscord.channelOption(FakeDiscord.ORGANIZERS_CHANNEL)));
        assertThat(hidden.path("data").path("content").asText()).contains("can't post in that channel");
        assertThat(camp.rows("SELECT id FROM reminder")).isEmpty();
    }

    @Test
    void badTimesAreRefusedWithExamples() throws Exception {
        JsonNode past =
                camp.slashCallback(CAMPER_ID, "ko", "remind", "set", Map.of("when", "2020-01-01 10:00", "text", "x"));
        assertThat(past.path("data").path("content").asText()).contains("이미 지났어요");
        JsonNode ambiguous = camp.slashCallback(CAMPER_ID, "ko", "remind", "set", Map.of("when", "내일 3시", "text", "x"));
        assertThat(ambiguous.path("data").path("content").asText()).contains("오전/오후");
        JsonNode junk =
                camp.slashCallback(CAMPER_ID, "en-US", "remind", "set", Map.of("when", "whenever", "text", "x"));
        assertThat(junk.path("data").path("content").asText())
                .contains("can't read")
                .contains("tomorrow 9am");
        assertThat(camp.rows("SELECT id FROM reminder")).isEmpty();
    }

    @Test
    void listAndCancel() throws Exception {
        camp.slashCallback(CAMPER_ID, "en-US", "remind", "set", Map.of("when", "tomorrow 9am", "text", "coffee chat"));
        assertThat(camp.bot().app().moments().awaitPlanned(WAIT)).isTrue();
        assertThat(camp.bot().app().moments().nextFire("reminder", 1, "due")).isNotNull();
        JsonNode list = camp.slashCallback(CAMPER_ID, "en-US", "remind", "list", Map.of());
        assertThat(list.path("data").path("content").asText()).contains("#1").contains("coffee chat");
        JsonNode cancel = camp.slashCallback(CAMPER_ID, "en-US", "remind", "cancel", Map.of("id", 1));
        assertThat(cancel.path("data").path("content").asText()).contains("cancelled");
        assertThat(camp.rows("SELECT status FROM reminder")).containsExactly("CANCELLED");
        assertThat(camp.bot().app().moments().awaitPlanned(WAIT)).isTrue();
        assertThat(camp.bot().app().moments().nextFire("reminder", 1, "due")).isNull();
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
