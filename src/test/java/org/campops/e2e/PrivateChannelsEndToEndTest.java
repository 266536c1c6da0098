package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.BOT_ID;
import static org.campops.testing.fakediscord.FakeDiscord.BOT_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.GUILD_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_READ_MESSAGE_HISTORY;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_SEND_MESSAGES;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_VIEW_CHANNEL;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.campops.chat.Notifier;
import org.campops.delivery.Delivery;
import org.campops.delivery.Payload;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.TestKey;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.Faults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Private team channels through the outbox, the dispatcher, {@code JdaNotifier} and the real JDA client: the
 * channel is created once under the category, hidden from @everyone, open to the listed members and roles
 * and the bot; members are let in and out later; a create whose answer was lost is adopted, not made twice;
 * missing permissions fail for good with a reason organizers see in {@code /status}.
 */
class PrivateChannelsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TEAMS = "1190000000000000901";
    /** An organizer who is not the guild owner (the owner sees every channel whatever the overwrites say). */
    private static final String ORGANIZER2_ID = "1190000000000070001";

    private static final String CREATE = "/guilds/\\d+/channels";
    private static final long ACCESS = PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES | PERM_READ_MESSAGE_HISTORY;

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .noServerErrors()
            .beforeStart(fake -> {
                fake.addCategory(TEAMS, "Teams");
                fake.addMember(ORGANIZER2_ID, "organizer_otto", ORGANIZER_ROLE);
            })
            .build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private void enqueue(String key, Payload payload) {
        camp.bot().app().database().inTransaction(c -> camp.bot().app().outbox().enqueue(c, new TestKey(key), payload));
    }

    private Delivery awaitFinal(String key) {
        return camp.bot()
                .app()
                .outbox()
                .awaitFinal(key, WAIT)
                .orElseThrow(() -> new AssertionError(key + " not sent or failed"));
    }

    private static Notifier.PrivateChannel team(String name) {
        return new Notifier.PrivateChannel(name, TEAMS, List.of(CAMPER_ID, MENTOR_ID), List.of(ORGANIZER_ROLE));
    }

    private static long bits(JsonNode overwrite, String field) {
        return Long.parseLong(overwrite.path(field).asText());
    }

    @Test
    void aTeamChannelIsCreatedPrivateUnderTheCategoryAndMembersAreLetInAndOut() throws Exception {
        enqueue("team:1:channel", Payload.createChannel(team("Team 1")));
        Delivery created = awaitFinal("team:1:channel");
        assertThat(created.status()).isEqualTo(Delivery.Status.SENT);
        String id = created.result();

        List<JsonNode> under = fake.channelsUnder(TEAMS);
        assertThat(under).extracting(c -> c.path("id").asText()).containsExactly(id);
        assertThat(under.get(0).path("name").asText()).isEqualTo("team-1");
        assertThat(under.get(0).path("type").asInt()).isZero();
        JsonNode everyone = fake.permissionOverwrite(id, GUILD_ID);
        assertThat(bits(everyone, "deny") & PERM_VIEW_CHANNEL)
                .as("@everyone may not view")
                .isNotZero();
        for (String allowed : List.of(CAMPER_ID, MENTOR_ID, ORGANIZER_ROLE, BOT_ID)) {
            JsonNode o = fake.permissionOverwrite(id, allowed);
            assertThat(o).as("overwrite for " + allowed).isNotNull();
            assertThat(o.path("type").asInt()).isEqualTo(allowed.equals(ORGANIZER_ROLE) ? 0 : 1);
            assertThat(bits(o, "allow")).isEqualTo(ACCESS);
            assertThat(bits(o, "deny")).isZero();
        }
        assertThat(fake.permissionOverwrites(id)).hasSize(5);
        assertThat(fake.canView(CAMPER_ID, id)).isTrue();
        assertThat(fake.canView(MENTOR_ID, id)).isTrue();
        assertThat(fake.canView(ORGANIZER2_ID, id))
                .as("through the organizer role")
                .isTrue();
        assertThat(fake.canView(CAMPER2_ID, id)).isFalse();

        // Bob joins the team, Alice leaves it.
        enqueue("team:1:access:bob:1", Payload.access(id, CAMPER2_ID, true));
        enqueue("team:1:access:alice:2", Payload.access(id, CAMPER_ID, false));
        assertThat(camp.bot().app().dispatcher().drain(WAIT)).isZero();
        assertThat(awaitFinal("team:1:access:bob:1").status()).isEqualTo(Delivery.Status.SENT);
        assertThat(awaitFinal("team:1:access:alice:2").status()).isEqualTo(Delivery.Status.SENT);
        assertThat(fake.canView(CAMPER2_ID, id)).isTrue();
        assertThat(fake.canView(CAMPER_ID, id)).isFalse();
        assertThat(fake.permissionOverwrite(id, CAMPER_ID)).isNull();
        assertThat(fake.canView(MENTOR_ID, id))
                .as("the others keep their access")
                .isTrue();
        assertThat(fake.requests("PUT", "/channels/" + id + "/permissions/" + CAMPER2_ID))
                .hasSize(1);
        assertThat(fake.requests("DELETE", "/channels/" + id + "/permissions/" + CAMPER_ID))
                .hasSize(1);
        assertThat(fake.requests("PATCH", "/channels/" + id))
                .as("no whole-list rewrite of the overwrites")
                .isEmpty();

        assertThat(fake.requests("POST", CREATE)).hasSize(1);
        EndToEnd.assertContract(fake);
    }

    @Test
    void aCreateAnswered500AfterItWentThroughIsAdoptedNotMadeTwice() throws Exception {
        fake.faults().failNextAfterCreate("POST", CREATE, 500, 1);
        enqueue("team:2:channel", Payload.createChannel(team("team-2")));
        Delivery d = awaitFinal("team:2:channel");
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(fake.faults().injections(Faults.Kind.FAIL_AFTER_CREATE)).hasSize(1);
        assertThat(fake.channelsUnder(TEAMS))
                .extracting(c -> c.path("id").asText())
                .containsExactly(d.result());
        assertThat(fake.requests("POST", CREATE))
                .as("the retry found the channel")
                .hasSize(1);
    }

    @Test
    void aCreateAnswered502AfterItWentThroughIsNotSentAgainByJdaItself() throws Exception {
        fake.faults().failNextAfterCreate("POST", CREATE, 502, 1);
        enqueue("team:3:channel", Payload.createChannel(team("team-3")));
        Delivery d = awaitFinal("team:3:channel");
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.attempts())
                .as("JDA did not repeat it; the outbox's retry found the channel")
                .isEqualTo(2);
        assertThat(fake.channelsUnder(TEAMS))
                .extracting(c -> c.path("id").asText())
                .containsExactly(d.result());
        assertThat(fake.requests("POST", CREATE)).hasSize(1);
    }

    @Test
    void aCreateWhoseConnectionDroppedAfterItWentThroughIsNotMadeTwice() throws Exception {
        fake.faults().resetAfterCreate("POST", CREATE, 1);
        enqueue("team:5:channel", Payload.createChannel(team("team-5")));
        Delivery d = awaitFinal("team:5:channel");
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(fake.channelsUnder(TEAMS))
                .extracting(c -> c.path("id").asText())
                .containsExactly(d.result());
    }

    @Test
    void withoutManageChannelsTheCreateFailsForGoodAndOrganizersSeeWhy() throws Exception {
        fake.setRolePermissions(BOT_ROLE, PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES | PERM_READ_MESSAGE_HISTORY);
        enqueue("team:4:channel", Payload.createChannel(team("team-4")));
        Delivery d = awaitFinal("team:4:channel");
        assertThat(d.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastError()).contains("needs Manage Channels and Manage Roles");
        assertThat(fake.channelsUnder(TEAMS)).isEmpty();

        JsonNode status = fake.callbackFor(
                fake.sendSlash(ORGANIZER_ID, "en-US", GENERAL_CHANNEL, "status", null, Map.of()), WAIT);
        assertThat(EndToEnd.content(status))
                .contains("1 failed for good")
                .contains("CHANNEL_CREATE")
                .contains("#team-4")
                .contains("needs Manage Channels and Manage Roles");
    }
}
