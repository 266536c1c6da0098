package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZERS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.chat.MemberListener;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.campops.testing.Await;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Members who leave the camp's server (kicked, banned), through the real JDA client and the fake Discord's
 * GUILD_MEMBER_REMOVE and GUILD_BAN_ADD: taken out of their team and its channel, their calendar feed answers 404,
 * the organizers' channel is told once; the same member leaving another server changes nothing.
 */
class DeparturesEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MENTOR2_ID = "1190000000000000211";
    private static final String OTHER_GUILD = "1290000000000000001";
    private static final Pattern URL = Pattern.compile("<http://localhost:\\d+(/calendar/[A-Za-z0-9_-]{43}\\.ics)>");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .noServerErrors()
            .beforeStart(fake -> fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE))
            .build();

    private Camp camp;
    private FakeDiscord fake;
    /** Who the bot heard leave (it listens after the features, on the same thread: they are done when it hears). */
    private final List<String> heard = new ArrayList<>();

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
        MemberListener probe = (userId, name) -> {
            synchronized (heard) {
                heard.add(userId);
            }
        };
        camp.bot().app().router().addMemberListener(probe);
    }

    private void awaitHeard(String userId, int times) throws InterruptedException {
        Await.until(
                () -> {
                    synchronized (heard) {
                        return heard.stream().filter(userId::equals).count() >= times;
                    }
                },
                WAIT,
                () -> userId + " heard leaving " + times + " times");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + camp.bot().web().port() + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The member's feed path, made with /calendar link; it answers 200. */
    private String feed(String userId) throws Exception {
        Matcher m = URL.matcher(camp.slash(userId, "calendar", "link", Map.of()));
        assertThat(m.find()).isTrue();
        assertThat(get(m.group(1)).statusCode()).isEqualTo(200);
        return m.group(1);
    }

    private List<String> toOrganizers() {
        return fake.messagesPostedTo(ORGANIZERS_CHANNEL).stream()
                .map(m -> m.path("content").asText())
                .toList();
    }

    private void assertGone(String path) throws Exception {
        HttpResponse<String> r = get(path);
        HttpResponse<String> unknown = get("/calendar/" + "A".repeat(43) + ".ics");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo(unknown.body());
    }

    @Test
    void aKickedCamperLosesTheTeamChannelAndTheFeedAndOrganizersAreToldOnce() throws Exception {
        Team t = camp.team("CV-01", MENTOR_ID, CAMPER_ID, CAMPER2_ID);
        String path = feed(CAMPER_ID);
        assertThat(fake.permissionOverwrite(t.channelId(), CAMPER_ID)).isNotNull();

        fake.removeMember(CAMPER_ID);
        awaitHeard(CAMPER_ID, 1);
        camp.drain();
        assertThat(fake.permissionOverwrite(t.channelId(), CAMPER_ID))
                .as("the kicked camper's overwrite")
                .isNull();
        assertThat(fake.permissionOverwrite(t.channelId(), CAMPER2_ID))
                .as("the others keep theirs")
                .isNotNull();
        assertThat(fake.canView(MENTOR_ID, t.channelId())).isTrue();
        assertThat(camp.bot().app().service(TeamService.class).byRef("CV-01").members())
                .containsExactly(CAMPER2_ID);
        assertGone(path);
        assertThat(toOrganizers())
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .contains("camper_alice")
                        .contains("<@" + CAMPER_ID + ">")
                        .contains("**CV-01**")
                        .contains("캘린더 피드를 껐어요"));

        // Back on the server and kicked again with nothing left to take: nothing more is stored or posted.
        fake.addMember(CAMPER_ID, "camper_alice");
        fake.removeMember(CAMPER_ID);
        awaitHeard(CAMPER_ID, 2);
        camp.drain();
        assertThat(toOrganizers()).hasSize(1);
        assertThat(camp.rows("SELECT delivery_key FROM outbox WHERE delivery_key LIKE 'member-left:%'"))
                .hasSize(1);
    }

    @Test
    void aBannedCamperIsHandledOnceThoughDiscordSendsTheBanAndTheRemoval() throws Exception {
        Team t = camp.team("CV-02", MENTOR_ID, CAMPER2_ID);
        String path = feed(CAMPER2_ID);

        fake.banMember(CAMPER2_ID);
        awaitHeard(CAMPER2_ID, 2);
        camp.drain();
        assertThat(fake.permissionOverwrite(t.channelId(), CAMPER2_ID)).isNull();
        assertThat(camp.bot().app().service(TeamService.class).byRef("CV-02").members())
                .isEmpty();
        assertGone(path);
        assertThat(toOrganizers())
                .singleElement()
                .satisfies(text ->
                        assertThat(text).contains("<@" + CAMPER2_ID + ">").contains("**CV-02**"));
        assertThat(camp.rows("SELECT delivery_key FROM outbox WHERE kind = 'ACCESS' AND delivery_key LIKE '%"
                        + CAMPER2_ID + ":revoke%'"))
                .hasSize(1);
    }

    @Test
    void aMentorWhoLeavesIsTakenOutOfTheChannelAndOrganizersAreAskedForAnotherMentor() throws Exception {
        Team t = camp.team("CV-03", MENTOR2_ID, CAMPER_ID);
        fake.removeMember(MENTOR2_ID);
        awaitHeard(MENTOR2_ID, 1);
        camp.drain();
        assertThat(fake.permissionOverwrite(t.channelId(), MENTOR2_ID)).isNull();
        assertThat(toOrganizers())
                .singleElement()
                .satisfies(text -> assertThat(text).contains("**CV-03**").contains("/team mentor"));

        // They come back: the organizers give them the team again.
        fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE);
        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "mentor",
                        Map.of("team", "CV-03", "member", FakeDiscord.userOption(MENTOR2_ID))))
                .contains("now mentors");
        camp.drain();
        assertThat(fake.canView(MENTOR2_ID, t.channelId())).isTrue();
    }

    @Test
    void leavingAnotherServerChangesNothing() throws Exception {
        Team t = camp.team("CV-04", MENTOR_ID, CAMPER_ID);
        String path = feed(CAMPER_ID);
        fake.removeMemberElsewhere(CAMPER_ID, OTHER_GUILD);
        EndToEnd.awaitGatewayHandled(fake, WAIT);
        camp.drain();
        assertThat(fake.permissionOverwrite(t.channelId(), CAMPER_ID)).isNotNull();
        assertThat(camp.bot().app().service(TeamService.class).byRef("CV-04").members())
                .containsExactly(CAMPER_ID);
        assertThat(get(path).statusCode()).isEqualTo(200);
        assertThat(toOrganizers()).isEmpty();
        synchronized (heard) {
            assertThat(heard).isEmpty();
        }
    }
}
