package org.campops.testing.fakediscord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.PermissionOverride;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Categories, private text channels and permission overwrites in {@link FakeDiscord}: created through the real JDA
 * client (which caches what the fake dispatches) and through plain HTTP (refusals and faults, without JDA's own
 * checks and retries), and the permissions the fake computes from them as Discord does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeDiscordPrivateChannelsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TEAMS = "1190000000000000901";
    private static final String LOUNGE = "1190000000000000902";
    private static final long ACCESS = PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES | PERM_READ_MESSAGE_HISTORY;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeDiscord fake;
    private JDA jda;
    private final Events events = new Events();

    @BeforeEach
    void start() throws InterruptedException {
        fake = FakeDiscord.start();
        fake.addCategory(TEAMS, "Teams");
        jda = fake.configure(JDABuilder.createDefault(DEFAULT_TOKEN))
                .enableIntents(GatewayIntent.GUILD_MEMBERS)
                .setMemberCachePolicy(MemberCachePolicy.ALL)
                .enableCache(CacheFlag.MEMBER_OVERRIDES)
                .addEventListeners(events)
                .build()
                .awaitReady();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (jda != null) {
            jda.shutdownNow();
            jda.awaitShutdown(WAIT);
        }
        if (fake != null) {
            assertThat(fake.serverErrors()).isEmpty();
            assertThat(fake.unhandledRequests()).isEmpty();
            fake.close();
        }
    }

    private Guild guild() {
        return jda.getGuildById(GUILD_ID);
    }

    @Test
    void categoriesAndPrivateChannelsAddedByTheTestAreCachedByJdaAndComputedAsDiscordDoes() throws Exception {
        Category teams = guild().getCategoryById(TEAMS);
        assertThat(teams).as("a category seeded before the bot connected").isNotNull();
        assertThat(teams.getName()).isEqualTo("Teams");

        fake.addPrivateTextChannel(LOUNGE, "mentor-lounge", TEAMS, MENTOR_ROLE, CAMPER_ID);
        // JDA caches a created channel before it attaches the overwrites: wait for all three.
        events.await(() -> guild().getTextChannelById(LOUNGE) != null
                && guild().getTextChannelById(LOUNGE).getPermissionOverrides().size() == 3);
        TextChannel lounge = guild().getTextChannelById(LOUNGE);
        assertThat(lounge.getParentCategoryId()).isEqualTo(TEAMS);
        assertThat(fake.channelsUnder(TEAMS))
                .extracting(c -> c.path("id").asText())
                .containsExactly(LOUNGE);

        assertThat(fake.canView(CAMPER_ID, LOUNGE))
                .as("allowed by a member overwrite")
                .isTrue();
        assertThat(fake.canView(MENTOR_ID, LOUNGE))
                .as("allowed by a role overwrite")
                .isTrue();
        assertThat(fake.canView(CAMPER2_ID, LOUNGE)).as("@everyone is denied").isFalse();
        assertThat(fake.canView(ORGANIZER_ID, LOUNGE))
                .as("the guild owner sees everything")
                .isTrue();
        assertThat(fake.canView(BOT_ID, LOUNGE)).as("administrator").isTrue();
        assertThat(fake.canView("1190000000000000999", LOUNGE))
                .as("not a member")
                .isFalse();
        assertThat(fake.permissionsIn(CAMPER_ID, LOUNGE) & ACCESS).isEqualTo(ACCESS);
        assertThat(fake.permissionsIn(CAMPER2_ID, LOUNGE)).isZero();
        // JDA reads the same overwrites the same way
        assertThat(guild().getMemberById(CAMPER_ID).hasAccess(lounge)).isTrue();
        assertThat(guild().getMemberById(CAMPER2_ID).hasAccess(lounge)).isFalse();
        assertThat(guild().getPublicRole().hasPermission(lounge, Permission.VIEW_CHANNEL))
                .isFalse();

        fake.addTextChannel("1190000000000000903", "open-room", TEAMS);
        assertThat(fake.canView(CAMPER2_ID, "1190000000000000903")).isTrue();
        assertThat(fake.permissionOverwrites("1190000000000000903")).isEmpty();
    }

    @Test
    void jdaCreatesATextChannelWithOverwritesUnderACategory() throws Exception {
        Guild guild = guild();
        TextChannel created = guild.createTextChannel("Team  Rocket", guild.getCategoryById(TEAMS))
                .addPermissionOverride(guild.getPublicRole(), null, EnumSet.of(Permission.VIEW_CHANNEL))
                .addMemberPermissionOverride(Long.parseLong(CAMPER_ID), ACCESS, 0)
                .addRolePermissionOverride(Long.parseLong(MENTOR_ROLE), ACCESS, 0)
                .complete();

        assertThat(created.getName())
                .as("stored as Discord stores text channel names")
                .isEqualTo("team-rocket");
        assertThat(created.getParentCategoryId()).isEqualTo(TEAMS);
        assertThat(fake.requests("POST", "/guilds/" + GUILD_ID + "/channels")).hasSize(1);
        String id = created.getId();
        assertThat(fake.channelsUnder(TEAMS))
                .extracting(c -> c.path("id").asText())
                .containsExactly(id);
        JsonNode everyone = fake.permissionOverwrite(id, GUILD_ID);
        assertThat(everyone.path("type").asInt()).isZero();
        assertThat(Long.parseLong(everyone.path("deny").asText())).isEqualTo(PERM_VIEW_CHANNEL);
        assertThat(fake.permissionOverwrite(id, CAMPER_ID).path("type").asInt()).isEqualTo(1);
        assertThat(Long.parseLong(
                        fake.permissionOverwrite(id, MENTOR_ROLE).path("allow").asText()))
                .isEqualTo(ACCESS);
        assertThat(fake.canView(CAMPER_ID, id)).isTrue();
        assertThat(fake.canView(MENTOR_ID, id)).isTrue();
        assertThat(fake.canView(CAMPER2_ID, id)).isFalse();
        // the CHANNEL_CREATE dispatch and JDA's cache agree with the answer
        assertThat(guild.getTextChannelById(id).getPermissionOverride(guild.getMemberById(CAMPER_ID)))
                .isNotNull();
    }

    @Test
    void overwritesArePutAndDeletedOneByOneAndJdaSeesEachChange() throws Exception {
        fake.addPrivateTextChannel(LOUNGE, "team-1", TEAMS, CAMPER_ID);
        // JDA caches a created channel before it attaches the overwrites: wait for both (@everyone and the camper).
        events.await(() -> guild().getTextChannelById(LOUNGE) != null
                && guild().getTextChannelById(LOUNGE).getPermissionOverrides().size() == 2);
        TextChannel channel = guild().getTextChannelById(LOUNGE);
        Member bob = guild().getMemberById(CAMPER2_ID);
        assertThat(bob.hasAccess(channel)).isFalse();

        channel.upsertPermissionOverride(bob)
                .grant(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND)
                .complete();
        assertThat(fake.requests("PUT", "/channels/" + LOUNGE + "/permissions/" + CAMPER2_ID))
                .hasSize(1);
        assertThat(fake.canView(CAMPER2_ID, LOUNGE)).isTrue();
        events.await(() -> guild().getMemberById(CAMPER2_ID).hasAccess(guild().getTextChannelById(LOUNGE)));

        PermissionOverride override = guild().getTextChannelById(LOUNGE).getPermissionOverride(bob);
        override.delete().complete();
        assertThat(fake.requests("DELETE", "/channels/" + LOUNGE + "/permissions/" + CAMPER2_ID))
                .hasSize(1);
        assertThat(fake.canView(CAMPER2_ID, LOUNGE)).isFalse();
        assertThat(fake.permissionOverwrite(LOUNGE, CAMPER2_ID)).isNull();
        events.await(() -> !guild().getMemberById(CAMPER2_ID).hasAccess(guild().getTextChannelById(LOUNGE)));
        assertThat(fake.canView(CAMPER_ID, LOUNGE)).as("other overwrites stay").isTrue();

        // by id, as a bot does for a member it has not cached; removing what is not there is not an error
        assertThat(call(
                                "PUT",
                                "/channels/" + LOUNGE + "/permissions/" + MENTOR_ID,
                                "{\"type\":1,\"allow\":\"" + ACCESS + "\",\"deny\":0}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(fake.canView(MENTOR_ID, LOUNGE)).isTrue();
        assertThat(call("DELETE", "/channels/" + LOUNGE + "/permissions/" + MENTOR_ID, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(call("DELETE", "/channels/" + LOUNGE + "/permissions/" + MENTOR_ID, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(fake.canView(MENTOR_ID, LOUNGE)).isFalse();
    }

    @Test
    void withoutManageChannelsOrManageRolesTheBotIsRefused50013() throws Exception {
        fake.addPrivateTextChannel(LOUNGE, "team-1", TEAMS, CAMPER_ID);
        fake.setRolePermissions(BOT_ROLE, PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES);
        HttpResponse<String> create = call(
                "POST",
                "/guilds/" + GUILD_ID + "/channels",
                "{\"name\":\"team-2\",\"type\":0,\"parent_id\":\"" + TEAMS + "\"}");
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("50013");
        HttpResponse<String> put = call(
                "PUT",
                "/channels/" + LOUNGE + "/permissions/" + CAMPER2_ID,
                "{\"type\":1,\"allow\":\"1024\",\"deny\":\"0\"}");
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/channels/" + LOUNGE + "/permissions/" + CAMPER_ID, null)
                        .statusCode())
                .isEqualTo(403);

        fake.setRolePermissions(BOT_ROLE, PERM_VIEW_CHANNEL | PERM_MANAGE_CHANNELS);
        assertThat(call(
                                "POST",
                                "/guilds/" + GUILD_ID + "/channels",
                                "{\"name\":\"team-2\",\"permission_overwrites\":" + "[{\"id\":\"" + GUILD_ID
                                        + "\",\"type\":0,\"allow\":\"0\",\"deny\":\"1024\"}]}")
                        .statusCode())
                .as("overwrites need Manage Roles too")
                .isEqualTo(403);
        assertThat(call("POST", "/guilds/" + GUILD_ID + "/channels", "{\"name\":\"team-2\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(fake.channelsUnder(TEAMS)).hasSize(1);
        // the role change reached JDA, which now refuses by itself
        events.await(() -> !guild().getSelfMember().hasPermission(Permission.ADMINISTRATOR));
    }

    @Test
    void badRequestsAreRefusedAsDiscordDoes() throws Exception {
        String path = "/guilds/" + GUILD_ID + "/channels";
        assertThat(call("POST", path, "{\"name\":\"\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", path, "{\"name\":\"x\",\"parent_id\":\"" + GENERAL_CHANNEL + "\"}")
                        .body())
                .as("the parent must be a category")
                .contains("50035");
        assertThat(call("POST", "/guilds/1/channels", "{\"name\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(call("PUT", "/channels/1/permissions/" + CAMPER_ID, "{\"type\":1}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("PUT", "/channels/" + GENERAL_CHANNEL + "/permissions/" + CAMPER_ID, "{\"allow\":\"0\"}")
                        .statusCode())
                .as("type is required")
                .isEqualTo(400);
        HttpResponse<String> category = call("POST", path, "{\"name\":\"More Teams\",\"type\":4}");
        assertThat(category.statusCode()).isEqualTo(201);
        assertThat(category.body()).contains("\"type\":4").contains("\"name\":\"More Teams\"");
        assertThat(fake.channelsUnder(TEAMS)).isEmpty();
    }

    @Test
    void faultsApplyToTheNewRoutes() throws Exception {
        String path = "/guilds/" + GUILD_ID + "/channels";
        String body = "{\"name\":\"team-9\",\"type\":0,\"parent_id\":\"" + TEAMS + "\"}";
        fake.faults().failNext("POST", "/guilds/\\d+/channels", 500, 1);
        assertThat(call("POST", path, body).statusCode()).isEqualTo(500);
        assertThat(fake.channelsUnder(TEAMS)).as("not performed").isEmpty();

        fake.faults().failNextAfterCreate("POST", "/guilds/\\d+/channels", 502, 1);
        assertThat(call("POST", path, body).statusCode()).isEqualTo(502);
        assertThat(fake.channelsUnder(TEAMS)).as("performed, answer lost").hasSize(1);
        String id = fake.channelsUnder(TEAMS).get(0).path("id").asText();
        events.await(() -> guild().getTextChannelById(id) != null);

        fake.faults().failNext("PUT", "/channels/\\d+/permissions/\\d+", 503, 1);
        String grant = "{\"type\":1,\"allow\":\"" + ACCESS + "\",\"deny\":\"0\"}";
        assertThat(call("PUT", "/channels/" + id + "/permissions/" + CAMPER_ID, grant)
                        .statusCode())
                .isEqualTo(503);
        assertThat(fake.permissionOverwrite(id, CAMPER_ID)).isNull();
        assertThat(call("PUT", "/channels/" + id + "/permissions/" + CAMPER_ID, grant)
                        .statusCode())
                .isEqualTo(204);
        assertThat(fake.canView(CAMPER_ID, id)).isTrue();

        fake.faults().failNextAfterCreate("DELETE", "/channels/\\d+/permissions/\\d+", 500, 1);
        assertThat(call("DELETE", "/channels/" + id + "/permissions/" + CAMPER_ID, null)
                        .statusCode())
                .isEqualTo(500);
        assertThat(fake.permissionOverwrite(id, CAMPER_ID))
                .as("performed, answer lost")
                .isNull();
        assertThat(fake.faults().injections()).hasSize(4);
    }

    private HttpResponse<String> call(String method, String path, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.restBaseUrl() + path.substring(1)))
                .timeout(WAIT)
                .header("Authorization", "Bot " + DEFAULT_TOKEN);
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Counts the events JDA hands out (after applying each to its cache), to wait on its cache without polling. */
    private static final class Events implements EventListener {
        private long seen;

        @Override
        public synchronized void onEvent(GenericEvent event) {
            seen++;
            notifyAll();
        }

        /** Waits until {@code condition} on JDA's cache holds, checking it again after each event. */
        void await(BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                long before;
                synchronized (this) {
                    before = seen;
                }
                if (condition.getAsBoolean()) {
                    return;
                }
                synchronized (this) {
                    while (seen == before) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new AssertionError("JDA's cache did not reach the expected state within " + WAIT);
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                }
            }
        }
    }
}
