package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.campops.testing.Camp;
import org.campops.testing.CampE2E;
import org.campops.testing.EndToEnd;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.Faults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery on Discord's bad days, through the real JDA client and the whole wiring: injected 500s,
 * 502s after the message was created, 429 storms and closed DMs. Every member hears each reminder
 * exactly once; permanent failures are recorded and shown to organizers.
 */
@CampE2E
class DeliveryFaultsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DM_POST = "/channels/\\d+/messages";

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    /** {@code n} campers, each with a reminder due in a few seconds; returns their ids. */
    private List<String> campersWithReminders(int n) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.valueOf(1190000000000050000L + i);
            fake.addMember(id, "camper" + i, CAMPER_ROLE);
            users.add(id);
        }
        List<String> interactions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            interactions.add(fake.sendSlash(
                    users.get(i),
                    "en-US",
                    GENERAL_CHANNEL,
                    "remind",
                    "set",
                    Map.of("when", "in 3s", "text", "reminder " + i)));
        }
        for (String iid : interactions) {
            assertThat(EndToEnd.content(camp.callback(iid))).contains("Reminder #");
        }
        return users;
    }

    /** Waits until each member has exactly one DM with their text, and the outbox has nothing left. */
    private void assertEachHeardOnce(List<String> users) throws Exception {
        for (int i = 0; i < users.size(); i++) {
            String text = "reminder " + i;
            String channel = FakeDiscord.dmChannelOf(users.get(i));
            fake.awaitCreatedMessages(
                    m -> m.path("channel_id").asText().equals(channel)
                            && m.path("content").asText().contains(text),
                    1,
                    WAIT);
        }
        assertThat(camp.bot().app().dispatcher().drain(WAIT)).isZero();
        for (int i = 0; i < users.size(); i++) {
            String channel = FakeDiscord.dmChannelOf(users.get(i));
            assertThat(fake.createdMessagesIn(channel)).as("DMs to member " + i).hasSize(1);
        }
        assertThat(camp.rows("SELECT DISTINCT status FROM outbox WHERE delivery_key LIKE 'reminder:%'"))
                .containsExactly("SENT");
        assertThat(camp.rows("SELECT COUNT(*) FROM outbox WHERE delivery_key LIKE 'reminder:%'"))
                .containsExactly(String.valueOf(users.size()));
    }

    @Test
    void oneInFiveMessagePostsAnswered500IsRetriedUntilEveryoneHeardOnce() throws Exception {
        fake.faults().failRate("POST", DM_POST, 500, 0.2, 7);
        List<String> users = campersWithReminders(40);
        assertEachHeardOnce(users);
        assertThat(fake.faults().injections(Faults.Kind.FAIL)).isNotEmpty();
        assertThat(camp.rows("SELECT MAX(attempts) FROM outbox").get(0)).isNotEqualTo("1");
    }

    @Test
    void oneInFiveAnswered502AfterTheMessageWasCreatedNeverDoubles() throws Exception {
        fake.faults().failRateAfterCreate("POST", DM_POST, 502, 0.2, 11);
        List<String> users = campersWithReminders(40);
        assertEachHeardOnce(users);
        assertThat(fake.faults().injections(Faults.Kind.FAIL_AFTER_CREATE)).isNotEmpty();
    }

    @Test
    void aStormOf429sDelaysButLosesNothing() throws Exception {
        fake.faults().rateLimitNext("POST", DM_POST, 15, 1.0);
        List<String> users = campersWithReminders(30);
        assertEachHeardOnce(users);
        assertThat(fake.faults().rateLimited()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void closedDmsFailForGoodAreNotRetriedAndOrganizersSeeWhy() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = String.valueOf(1190000000000060000L + i);
            fake.addMember(id, "closed" + i, CAMPER_ROLE);
            users.add(id);
        }
        fake.setDmsClosed(users.get(0), true);
        for (int i = 0; i < 2; i++) {
            fake.callbackFor(
                    fake.sendSlash(
                            users.get(i),
                            "en-US",
                            GENERAL_CHANNEL,
                            "remind",
                            "set",
                            Map.of("when", "in 2s", "text", "reminder " + i)),
                    WAIT);
        }
        fake.awaitCreatedMessages(
                m -> m.path("channel_id").asText().equals(FakeDiscord.dmChannelOf(users.get(1))), 1, WAIT);
        assertThat(camp.bot().app().dispatcher().drain(WAIT)).isZero();
        assertThat(camp.rows("SELECT status || ' ' || attempts FROM outbox WHERE delivery_key = 'reminder:1'"))
                .containsExactly("FAILED 1");
        assertThat(camp.rows("SELECT last_error FROM outbox WHERE delivery_key = 'reminder:1'")
                        .get(0))
                .contains("50007");
        String seen = "SELECT CASE WHEN failure_seen_at IS NULL THEN 'unseen' ELSE 'seen' END || ' '"
                + " || CASE WHEN payload LIKE '%reminder 0%' THEN 'kept' ELSE 'cleared' END FROM outbox WHERE delivery_key = 'reminder:1'";
        assertThat(camp.rows(seen)).containsExactly("unseen kept");
        JsonNode status = fake.callbackFor(
                fake.sendSlash(ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "status", null, Map.of()), WAIT);
        assertThat(EndToEnd.content(status))
                .contains("1 failed for good")
                .contains("<@" + users.get(0) + ">")
                .contains("50007");
        // Listed to an organizer: from now on retention counts (its content stays until retention.sentDays have
        // passed).
        assertThat(camp.rows(seen)).containsExactly("seen kept");
        JsonNode refused = fake.callbackFor(
                fake.sendSlash(users.get(1), "en-US", GENERAL_CHANNEL, "status", null, Map.of()), WAIT);
        assertThat(EndToEnd.content(refused)).doesNotContain("failed for good");
    }
}
