package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.campops.config.CampConfig;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The doctor while the bot runs (real JDA, fake Discord): problems found at start are posted once to the organizers'
 * channel, not again after a restart; {@code /doctor} shows them to an organizer only, in the member's language.
 */
class DoctorEndToEndTest {
    @RegisterExtension
    final BotExtension extension = BotExtension.builder().noBot().build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    /** The camp's forum without its "answered" tag, and campers allowed into the mentors' channel. */
    private void breakTheServer() {
        fake.removeForumTag(QA_FORUM_CHANNEL, "answered");
        fake.setRoleOverwrite(MENTORS_CHANNEL, CAMPER_ROLE, PERM_VIEW_CHANNEL, 0);
    }

    private List<JsonNode> doctorPosts() {
        return fake.messagesPostedTo(ORGANIZERS_CHANNEL).stream()
                .filter(m -> m.path("content").asText().contains("CampOps"))
                .toList();
    }

    @Test
    void aWellSetUpServerGetsNoPostAndDoctorSaysAllPassed() throws Exception {
        camp.start();
        camp.drain();
        assertThat(fake.messagesPostedTo(ORGANIZERS_CHANNEL)).isEmpty();
        assertThat(camp.rows("SELECT delivery_key FROM outbox WHERE delivery_key LIKE 'doctor:%'"))
                .isEmpty();

        String answer = EndToEnd.answerText(
                fake,
                fake.sendSlash(ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "doctor", null, Map.of()),
                camp.waitTime());
        assertThat(answer).matches("\\*\\*All \\d+ checks passed\\.\\*\\*");
    }

    @Test
    void problemsArePostedOnceToTheOrganizersAcrossARestart() throws Exception {
        breakTheServer();
        camp.start();

        // The camp's language is Korean.
        JsonNode post = camp.awaitPost(ORGANIZERS_CHANNEL, "CampOps가 시작하면서 설정을 이 서버와 대조했어요");
        assertThat(post.path("content").asText())
                .contains("❌ 포럼 #q-and-a에 태그 \"answered\"(qa.answeredTag)이(가) 없어요.")
                .contains("❌ 캠퍼(역할 @Camper)가 #mentors(discord.channels.mentors)을(를) 읽을 수 있어요.")
                .doesNotContain("✅");
        camp.drain();

        camp.restart();
        camp.drain();
        assertThat(doctorPosts()).as("the same problems are not posted again").hasSize(1);
        assertThat(camp.rows("SELECT delivery_key FROM outbox WHERE delivery_key LIKE 'doctor:%'"))
                .hasSize(1);

        // Another problem makes another list, posted once.
        fake.removeForumTag(QA_FORUM_CHANNEL, "unanswered");
        camp.restart();
        camp.awaitPost(ORGANIZERS_CHANNEL, "\"unanswered\"");
        camp.drain();
        assertThat(doctorPosts()).hasSize(2);
    }

    @Test
    void aLongListComesInPartsUnder2000Characters() {
        CampConfig c = camp.config();
        List<String> topics = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "Lecture " + i + ": a topic the forum has no tag for")
                .toList();
        CampConfig.QaSettings q = c.qa();
        camp.start(c.withQa(new CampConfig.QaSettings(
                q.channel(),
                topics,
                q.unansweredTag(),
                q.answeredTag(),
                q.followUpAfter(),
                q.escalateAfter(),
                q.digestEvery(),
                q.allowAnonymous(),
                q.indexFolder())));

        String asked = fake.sendSlash(ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "doctor", null, Map.of());
        String first = EndToEnd.answerText(fake, asked, camp.waitTime());
        List<String> parts = new java.util.ArrayList<>(List.of(first));
        fake.awaitFollowups(asked, 2, camp.waitTime())
                .forEach(f -> parts.add(f.path("content").asText()));
        // About 4,300 characters: the answer and two follow-ups, each under Discord's limit.
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(String.join("\n", parts))
                .startsWith("**20 problems (0 blocking) in ")
                .contains("⚠️ The forum #q-and-a has no tag \"Lecture 1: a topic the forum has no tag for\"")
                .contains("⚠️ The forum #q-and-a has no tag \"Lecture 20: a topic the forum has no tag for\"");
    }

    @Test
    void doctorShowsTheProblemsToAnOrganizerOnly() {
        breakTheServer();
        camp.start();

        String asked = fake.sendSlash(ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "doctor", null, Map.of());
        JsonNode callback = fake.callbackFor(asked, camp.waitTime());
        String answer = EndToEnd.answerText(fake, asked, camp.waitTime());
        assertThat(callback.path("data").path("flags").asInt() & 64)
                .as("ephemeral")
                .isEqualTo(64);
        assertThat(answer)
                .startsWith("**2 problems (2 blocking) in ")
                .contains("❌ The forum #q-and-a has no tag \"answered\" (qa.answeredTag). Add the tag \"answered\"")
                .contains("❌ Campers (role @Camper) can read #mentors (discord.channels.mentors). In #mentors > Edit"
                        + " Channel > Permissions, deny View Channel to @everyone and to @Camper")
                .doesNotContain("✅");
        assertThat(answer.length()).isLessThanOrEqualTo(2000);

        // Fixed while the bot runs: /doctor reads the server again.
        fake.setRoleOverwrite(MENTORS_CHANNEL, CAMPER_ROLE, 0, 0);
        EndToEnd.awaitGatewayHandled(fake, camp.waitTime());
        String again = EndToEnd.answerText(
                fake,
                fake.sendSlash(ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "doctor", null, Map.of()),
                camp.waitTime());
        assertThat(again).startsWith("**1 problem (1 blocking) in ").doesNotContain("#mentors");

        String refused = EndToEnd.answerText(
                fake, fake.sendSlash(CAMPER_ID, "en-US", GENERAL_CHANNEL, "doctor", null, Map.of()), camp.waitTime());
        assertThat(refused).isEqualTo("/doctor is for organizers only. Type /help to see the commands you can use.");
    }
}
