package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.EVERYONE_PERMISSIONS;
import static org.campops.testing.fakediscord.FakeDiscord.GUILD_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_VIEW_CHANNEL;

import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.campops.teams.Roster;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may see a team channel, through the real JDA client: when a team's mentor changes (by {@code /team mentor} or a
 * roster import) the new mentor's overwrite on the team channel is added and the old one's removed, unless the old
 * mentor still belongs to the team; only organizers may change a mentor. A channel given to {@code /team create} must
 * be private to the team: no other role than the organizers', no member outside the team, on the camp's server.
 */
class TeamAccessEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MENTOR2_ID = "1190000000000000211";

    @RegisterExtension
    final BotExtension extension = BotExtension.builder()
            .noServerErrors()
            .beforeStart(fake -> fake.addMember(MENTOR2_ID, "mentor2", MENTOR_ROLE))
            .build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private Team teamWithChannel() throws Exception {
        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "create",
                        Map.of("name", "CV-01", "mentor", FakeDiscord.userOption(MENTOR_ID))))
                .contains("CV-01");
        camp.drain();
        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "add",
                        Map.of("team", "CV-01", "member", FakeDiscord.userOption(CAMPER_ID))))
                .contains("joined");
        camp.drain();
        Team t = camp.bot().app().service(TeamService.class).byRef("CV-01");
        assertThat(t.channelId()).isNotNull();
        assertThat(fake.canView(MENTOR_ID, t.channelId())).isTrue();
        assertThat(fake.canView(MENTOR2_ID, t.channelId())).isFalse();
        return t;
    }

    @Test
    void teamMentorMovesTheChannelAccessFromTheOldMentorToTheNewAndOnlyOrganizersMayDoIt() throws Exception {
        Team t = teamWithChannel();
        String channel = t.channelId();

        for (String notOrganizer : new String[] {CAMPER_ID, MENTOR_ID}) {
            assertThat(camp.slash(
                            notOrganizer,
                            "team",
                            "mentor",
                            Map.of("team", "CV-01", "member", FakeDiscord.userOption(MENTOR2_ID))))
                    .contains("for organizers only");
        }
        camp.drain();
        assertThat(camp.bot().app().service(TeamService.class).byRef("CV-01").mentorId())
                .isEqualTo(MENTOR_ID);
        assertThat(fake.permissionOverwrite(channel, MENTOR2_ID)).isNull();

        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "mentor",
                        Map.of("team", "CV-01", "member", FakeDiscord.userOption(MENTOR2_ID))))
                .contains("now mentors team **CV-01**");
        camp.drain();
        assertThat(camp.bot().app().service(TeamService.class).byRef("CV-01").mentorId())
                .isEqualTo(MENTOR2_ID);
        assertThat(fake.permissionOverwrite(channel, MENTOR2_ID))
                .as("the new mentor's overwrite")
                .isNotNull();
        assertThat(fake.canView(MENTOR2_ID, channel)).isTrue();
        assertThat(fake.permissionOverwrite(channel, MENTOR_ID))
                .as("the old mentor's overwrite is gone")
                .isNull();
        assertThat(fake.canView(MENTOR_ID, channel)).isFalse();
        assertThat(fake.canView(CAMPER_ID, channel))
                .as("the campers keep theirs")
                .isTrue();

        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "mentor",
                        Map.of("team", "CV-01", "member", FakeDiscord.userOption(MENTOR2_ID))))
                .contains("already mentors");
        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "mentor",
                        Map.of("team", "CV-01", "member", FakeDiscord.userOption(CAMPER_ID))))
                .contains("is a camper in team **CV-01**");
        assertThat(camp.slash(
                        ORGANIZER_ID,
                        "team",
                        "mentor",
                        Map.of("team", "CV-99", "member", FakeDiscord.userOption(MENTOR_ID))))
                .contains("no team 'CV-99'");
        assertThat(camp.bot().app().service(TeamService.class).byRef("CV-01").mentorId())
                .isEqualTo(MENTOR2_ID);
    }

    @Test
    void aRosterImportMovesTheMentorsAccessUnlessTheOldMentorStillBelongsToTheTeam() throws Exception {
        Team t = teamWithChannel();
        String channel = t.channelId();

        camp.bot()
                .app()
                .service(TeamService.class)
                .importRoster(Roster.parse(new StringReader("CV-01," + MENTOR2_ID + ",mentor\n")), "import");
        camp.drain();
        assertThat(fake.canView(MENTOR2_ID, channel)).isTrue();
        assertThat(fake.permissionOverwrite(channel, MENTOR_ID))
                .as("the old mentor's overwrite is gone")
                .isNull();
        assertThat(fake.canView(MENTOR_ID, channel)).isFalse();

        // Back to the first mentor, while the second one stays in the team as a camper: both see the channel.
        camp.bot()
                .app()
                .service(TeamService.class)
                .importRoster(
                        Roster.parse(
                                new StringReader("CV-01," + MENTOR_ID + ",mentor\nCV-01," + MENTOR2_ID + ",camper\n")),
                        "import");
        camp.drain();
        Team now = camp.bot().app().service(TeamService.class).byRef("CV-01");
        assertThat(now.mentorId()).isEqualTo(MENTOR_ID);
        assertThat(now.members()).contains(MENTOR2_ID);
        assertThat(fake.canView(MENTOR_ID, channel)).isTrue();
        assertThat(fake.canView(MENTOR2_ID, channel))
                .as("still in the team, as a camper")
                .isTrue();
        assertThat(fake.canView(CAMPER_ID, channel)).isTrue();
    }

    private String createWith(String channelId) {
        return camp.slash(
                ORGANIZER_ID,
                "team",
                "create",
                Map.of(
                        "name",
                        "CV-05",
                        "mentor",
                        FakeDiscord.userOption(MENTOR_ID),
                        "channel",
                        FakeDiscord.channelOption(channelId)));
    }

    @Test
    void aGivenChannelIsRefusedWhenAnyoneButTheTeamAndTheOrganizerRoleMayViewItOrItIsOnAnotherServer()
            throws Exception {
        String camperReadable = "1190000000000000510";
        fake.addPrivateTextChannel(camperReadable, "camper-readable", null, ORGANIZER_ROLE, CAMPER_ROLE);
        String stranger = "1190000000000000511";
        fake.addPrivateTextChannel(stranger, "with-a-stranger", null, ORGANIZER_ROLE, MENTOR_ID);
        fake.setMemberOverwrite(stranger, CAMPER2_ID, PERM_VIEW_CHANNEL, 0);
        String otherServer = "1290000000000000512";
        fake.addOtherServerTextChannel(otherServer, "elsewhere", "1290000000000000001");
        String baseReadable = "1190000000000000513";
        fake.addTextChannel(baseReadable, "base-readable", null);
        String good = "1190000000000000514";
        fake.addPrivateTextChannel(good, "cv-05", null, ORGANIZER_ROLE, MENTOR_ID);

        assertThat(createWith(camperReadable))
                .contains("Members with <@&" + CAMPER_ROLE + "> can read that channel")
                .contains("leave out `channel:`");
        assertThat(createWith(stranger))
                .contains("<@" + CAMPER2_ID + "> can read that channel but are not in the team")
                .doesNotContain("<@" + MENTOR_ID + ">");
        assertThat(createWith(otherServer)).contains("not on the camp's server");
        // @everyone cannot see the server's channels, but the camper role's own permissions let it see this one.
        fake.setRolePermissions(GUILD_ID, EVERYONE_PERMISSIONS & ~PERM_VIEW_CHANNEL);
        fake.setRolePermissions(CAMPER_ROLE, PERM_VIEW_CHANNEL);
        assertThat(createWith(baseReadable)).contains("<@&" + CAMPER_ROLE + ">");
        fake.setRolePermissions(CAMPER_ROLE, 0);
        fake.setRolePermissions(GUILD_ID, EVERYONE_PERMISSIONS);
        assertThat(createWith(baseReadable)).contains("can be read by everyone");
        assertThat(camp.bot().app().service(TeamService.class).all()).isEmpty();

        assertThat(createWith(good)).contains("its channel is <#" + good + ">");
        camp.drain();
        Team t = camp.bot().app().service(TeamService.class).byRef("CV-05");
        assertThat(t.channelId()).isEqualTo(good);
        assertThat(fake.canView(MENTOR_ID, good)).isTrue();
    }
}
