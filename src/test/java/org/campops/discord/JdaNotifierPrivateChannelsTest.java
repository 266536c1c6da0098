package org.campops.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campops.testing.fakediscord.FakeDiscord.BOT_ID;
import static org.campops.testing.fakediscord.FakeDiscord.BOT_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.GUILD_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTORS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_ADMINISTRATOR;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_READ_MESSAGE_HISTORY;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_SEND_MESSAGES;
import static org.campops.testing.fakediscord.FakeDiscord.PERM_VIEW_CHANNEL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import org.campops.app.RunningBot;
import org.campops.chat.Notifier;
import org.campops.testing.Await;
import org.campops.testing.BotHarness;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JdaNotifier}'s private channel calls on the bot's own JDA client (cached as {@code campops run} caches:
 * no members, no other members' overwrites) against the fake Discord.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdaNotifierPrivateChannelsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TEAMS = "1190000000000000901";
    private static final String OTHER_CATEGORY = "1190000000000000902";
    private static final String PEOPLES_CHANNEL = "1190000000000000903";

    @TempDir
    static Path dir;

    private FakeDiscord fake;
    private RunningBot bot;
    private JDA jda;
    private JdaNotifier notifier;

    @BeforeAll
    void start() {
        fake = FakeDiscord.start();
        fake.addCategory(TEAMS, "Teams");
        fake.addCategory(OTHER_CATEGORY, "Projects");
        // Made by people, with a name the bot may use too: not the bot's to adopt.
        fake.addTextChannel(PEOPLES_CHANNEL, "team-blue", TEAMS);
        bot = BotHarness.start(fake, BotHarness.fileDb(dir));
        jda = bot.discord().jda();
        notifier = new JdaNotifier(GUILD_ID);
        notifier.attach(jda);
    }

    @AfterAll
    void stop() {
        if (bot != null) {
            bot.close();
        }
        fake.close();
    }

    @Test
    void aCreatedChannelIsFoundByTheNameAsAskedOrAsDiscordStoresIt() {
        String id = notifier.createPrivateChannel(
                new Notifier.PrivateChannel("Team  Rocket", TEAMS, List.of(CAMPER_ID), List.of(ORGANIZER_ROLE)));
        assertThat(fake.channel(id).path("name").asText()).isEqualTo("team-rocket");
        assertThat(fake.channel(id).path("parent_id").asText()).isEqualTo(TEAMS);
        assertThat(notifier.findPrivateChannel("Team  Rocket", TEAMS)).contains(id);
        assertThat(notifier.findPrivateChannel("team-rocket", TEAMS)).contains(id);
        assertThat(notifier.findPrivateChannel("team-rocket", OTHER_CATEGORY)).isEmpty();
        assertThat(notifier.findPrivateChannel("team-rocket", null)).isEmpty();
        assertThat(notifier.findPrivateChannel("team-rock", TEAMS)).isEmpty();
    }

    @Test
    void aChannelPeopleMadeWithTheSameNameIsNotAdopted() {
        assertThat(jda.getTextChannelById(PEOPLES_CHANNEL)).isNotNull();
        assertThat(notifier.findPrivateChannel("team-blue", TEAMS)).isEmpty();
    }

    @Test
    void aChannelWithoutCategoryIsCreatedAndFoundAtTheTop() {
        String id =
                notifier.createPrivateChannel(new Notifier.PrivateChannel("loose-team", null, List.of(), List.of()));
        assertThat(fake.channel(id).path("parent_id").isNull()).isTrue();
        assertThat(notifier.findPrivateChannel("loose-team", null)).contains(id);
        assertThat(fake.canView(CAMPER_ID, id)).isFalse();
        assertThat(fake.permissionOverwrite(id, BOT_ID))
                .as("the bot keeps its access")
                .isNotNull();
    }

    @Test
    void everyoneListedAsARoleIsLeftOutSoTheChannelStaysPrivate() {
        String id = notifier.createPrivateChannel(
                new Notifier.PrivateChannel("team-leaky", TEAMS, List.of(MENTOR_ID), List.of(GUILD_ID)));
        assertThat(fake.canView(CAMPER2_ID, id)).isFalse();
        assertThat(fake.canView(MENTOR_ID, id)).isTrue();
        assertThat(notifier.visibleToEveryone(id)).contains(false);
    }

    @Test
    void visibleToEveryoneReadsTheOverwritesAndIsEmptyForAnUnknownChannel() {
        String id =
                notifier.createPrivateChannel(new Notifier.PrivateChannel("team-quiet", TEAMS, List.of(), List.of()));
        assertThat(notifier.visibleToEveryone(id)).contains(false);
        assertThat(notifier.visibleToEveryone(GENERAL_CHANNEL)).contains(true);
        assertThat(notifier.visibleToEveryone(MENTORS_CHANNEL)).contains(false);
        assertThat(notifier.visibleToEveryone(PEOPLES_CHANNEL)).contains(true);
        assertThat(notifier.visibleToEveryone("1190000000000099999")).isEmpty();
    }

    @Test
    void membersTheBotHasNotCachedAreLetInAndOutByIdAndRemovingTwiceIsFine() {
        String id = notifier.createPrivateChannel(
                new Notifier.PrivateChannel("team-green", TEAMS, List.of(CAMPER_ID), List.of()));
        assertThat(jda.getGuildById(GUILD_ID).getMemberById(CAMPER2_ID))
                .as("not cached by this client")
                .isNull();
        notifier.setMemberAccess(id, CAMPER2_ID, true);
        assertThat(fake.canView(CAMPER2_ID, id)).isTrue();
        assertThat(Long.parseLong(
                        fake.permissionOverwrite(id, CAMPER2_ID).path("allow").asText()))
                .isEqualTo(PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES | PERM_READ_MESSAGE_HISTORY);
        notifier.setMemberAccess(id, CAMPER2_ID, false);
        notifier.setMemberAccess(id, CAMPER2_ID, false);
        assertThat(fake.canView(CAMPER2_ID, id)).isFalse();
        assertThat(fake.canView(CAMPER_ID, id)).as("the others stay").isTrue();
        assertThat(fake.permissionOverwrite(id, BOT_ID)).isNotNull();
    }

    @Test
    void whatCannotWorkFailsForGood() {
        assertThatThrownBy(() -> notifier.createPrivateChannel(
                        new Notifier.PrivateChannel("x", GENERAL_CHANNEL, List.of(), List.of())))
                .isInstanceOfSatisfying(
                        Notifier.DeliveryFailure.class,
                        f -> assertThat(f.permanent()).isTrue())
                .hasMessageContaining("category " + GENERAL_CHANNEL);
        assertThatThrownBy(() -> notifier.createPrivateChannel(
                        new Notifier.PrivateChannel("x", TEAMS, List.of("alice"), List.of())))
                .isInstanceOfSatisfying(
                        Notifier.DeliveryFailure.class,
                        f -> assertThat(f.permanent()).isTrue());
        assertThatThrownBy(() -> notifier.setMemberAccess("1190000000000099999", CAMPER_ID, true))
                .isInstanceOfSatisfying(
                        Notifier.DeliveryFailure.class,
                        f -> assertThat(f.permanent()).isTrue())
                .hasMessageContaining("10003");
    }

    @Test
    void withoutThePermissionsTheReasonSaysWhatTheBotNeeds() throws Exception {
        String id = notifier.createPrivateChannel(new Notifier.PrivateChannel("team-red", TEAMS, List.of(), List.of()));
        try {
            fake.setRolePermissions(BOT_ROLE, PERM_VIEW_CHANNEL | PERM_SEND_MESSAGES);
            Await.until(
                    () -> !jda.getGuildById(GUILD_ID).getSelfMember().hasPermission(Permission.ADMINISTRATOR),
                    WAIT,
                    () -> "JDA to see the bot's role change");
            // JDA refuses the create by itself, from its cache
            assertThatThrownBy(() -> notifier.createPrivateChannel(
                            new Notifier.PrivateChannel("team-red-2", TEAMS, List.of(), List.of())))
                    .isInstanceOfSatisfying(
                            Notifier.DeliveryFailure.class,
                            f -> assertThat(f.permanent()).isTrue())
                    .hasMessageContaining("MANAGE_CHANNEL")
                    .hasMessageContaining("needs Manage Channels and Manage Roles");
            // an overwrite goes by id, without JDA's checks: Discord refuses it
            assertThatThrownBy(() -> notifier.setMemberAccess(id, CAMPER_ID, true))
                    .isInstanceOfSatisfying(
                            Notifier.DeliveryFailure.class,
                            f -> assertThat(f.permanent()).isTrue())
                    .hasMessageContaining("50013")
                    .hasMessageContaining("needs Manage Channels and Manage Roles");
        } finally {
            fake.setRolePermissions(BOT_ROLE, PERM_ADMINISTRATOR);
            Await.until(
                    () -> jda.getGuildById(GUILD_ID).getSelfMember().hasPermission(Permission.ADMINISTRATOR),
                    WAIT,
                    () -> "JDA to see the bot's role back");
        }
        assertThat(fake.channelsUnder(TEAMS))
                .extracting(c -> c.path("name").asText())
                .doesNotContain("team-red-2");
    }
}
