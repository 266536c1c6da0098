package org.campops.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.campops.config.CampConfig;
import org.campops.config.ConfigLoader;
import org.campops.setup.SetupPort.Channel;
import org.campops.setup.SetupPort.ChannelType;
import org.campops.setup.SetupPort.NewChannel;
import org.campops.setup.SetupPort.Overwrite;
import org.campops.setup.SetupPort.Role;
import org.campops.setup.SetupPort.Server;
import org.campops.setup.SetupPort.ServerRef;
import org.junit.jupiter.api.Test;

/** The plan without Discord: found by id or by name (Korean, English), ambiguous, created; tags; permissions. */
class PlanTest {
    private static final List<String> TAGS =
            List.of("Object Detection", "Competition: Trash Detection", "unanswered", "answered");

    private static CampConfig example() throws Exception {
        return ConfigLoader.load(Path.of("config/campops.yaml"));
    }

    private static Channel text(String id, String name) {
        return new Channel(id, name, ChannelType.TEXT, List.of());
    }

    private static Plan plan(Server server) throws Exception {
        return Plan.of(server, Needs.of(example(), Map.of("cv-discussion", "300000000000000020")), TAGS);
    }

    private static Plan.Decision decision(Plan plan, String key) {
        return plan.step(key).orElseThrow().decision();
    }

    @Test
    void thingsAreFoundByTheConfiguredIdOrByAKoreanOrEnglishName() throws Exception {
        Server server = new Server(
                "1",
                "Camp",
                List.of(new Role("200000000000000001", "whatever"), new Role("11", "멘토"), new Role("12", "🛠️ Staff")),
                List.of(
                        text("21", "📢-공지사항"),
                        new Channel("22", "mentors", ChannelType.TEXT, List.of(), false),
                        text("23", "운영진"), // public: a note says how to make it private
                        text("24", "questions"),
                        new Channel("25", "Q&A", ChannelType.FORUM, List.of("answered", "object detection")),
                        new Channel("26", "TEAMS", ChannelType.CATEGORY, List.of()),
                        new Channel("27", "cv-discussion", ChannelType.FORUM, List.of())));
        Plan plan = plan(server);
        assertThat(decision(plan, "role camper")).isEqualTo(new Plan.Found("200000000000000001", "whatever", true));
        assertThat(decision(plan, "role mentor")).isEqualTo(new Plan.Found("11", "멘토", false));
        assertThat(decision(plan, "role organizer")).isEqualTo(new Plan.Found("12", "🛠️ Staff", false));
        assertThat(decision(plan, "channel announcements")).isEqualTo(new Plan.Found("21", "📢-공지사항", false));
        assertThat(decision(plan, "channel mentors")).isEqualTo(new Plan.Found("22", "mentors", false));
        assertThat(decision(plan, "channel organizers")).isEqualTo(new Plan.Found("23", "운영진", false));
        // A forum wins over a text channel of a Q&A name.
        assertThat(decision(plan, "forum qa")).isEqualTo(new Plan.Found("25", "Q&A", false));
        assertThat(decision(plan, "category teams")).isEqualTo(new Plan.Found("26", "TEAMS", false));
        assertThat(decision(plan, "board cv-discussion")).isEqualTo(new Plan.Found("27", "cv-discussion", false));
        assertThat(plan.toCreate()).isEmpty();
        // Tags are matched without regard to case; a name longer than Discord's 20 characters is left out, with a note.
        assertThat(plan.tagsToAdd()).containsExactly("unanswered");
        assertThat(plan.warnings())
                .containsExactly(
                        "운영진 (channel organizers) can be read by everyone: in its settings, Permissions, deny View"
                                + " Channel to @everyone and allow it to the organizer role (setup leaves existing"
                                + " channels as they are)",
                        "the Q&A topic 'Competition: Trash Detection' cannot be a forum tag (Discord allows 20"
                                + " characters): shorten it in qa.topics, or questions on it get no tag");
        assertThat(plan.createsAnything()).isTrue();
    }

    @Test
    void severalMatchesAreAmbiguousUntilPickedAndNoneIsCreated() throws Exception {
        Server server = new Server(
                "1",
                "Camp",
                List.of(new Role("11", "Mentors"), new Role("12", "멘토")),
                List.of(text("21", "mentors"), text("22", "멘토"), text("24", "questions")));
        Plan plan = plan(server);
        assertThat(decision(plan, "role mentor"))
                .isEqualTo(new Plan.Ambiguous(
                        List.of(new Plan.Candidate("11", "Mentors"), new Plan.Candidate("12", "멘토"))));
        assertThat(plan.ambiguous()).hasSize(2);
        assertThat(plan.lines())
                .anySatisfy(l -> assertThat(l).contains("role mentor").contains("ambiguous: 2 match, pick one"))
                .anySatisfy(l -> assertThat(l).endsWith("1) Mentors (11)"))
                .anySatisfy(l -> assertThat(l).endsWith("2) 멘토 (12)"));
        plan.choose(plan.step("role mentor").orElseThrow().need(), new Plan.Candidate("12", "멘토"));
        assertThat(decision(plan, "role mentor")).isEqualTo(new Plan.Found("12", "멘토", false));
        // Only a text channel of a Q&A name: it is used, and a text channel takes no tags.
        assertThat(decision(plan, "forum qa")).isEqualTo(new Plan.Found("24", "questions", false));
        assertThat(plan.tagsToAdd()).isEmpty();
        assertThat(plan.toCreate())
                .extracting(s -> s.need().key())
                .containsExactly(
                        "role camper",
                        "role organizer",
                        "channel announcements",
                        "channel organizers",
                        "category teams",
                        "board cv-discussion");
    }

    @Test
    void theInviteAsksForExactlyTheListedPermissions() {
        long expected = (1L << 4)
                | (1L << 10)
                | (1L << 11)
                | (1L << 14)
                | (1L << 15)
                | (1L << 16)
                | (1L << 28)
                | (1L << 33)
                | (1L << 34)
                | (1L << 35)
                | (1L << 38);
        assertThat(BotPermission.all()).isEqualTo(expected).isEqualTo(335276002320L); // the README's number
        assertThat(BotPermission.inviteUrl("777"))
                .isEqualTo("https://discord.com/oauth2/authorize?client_id=777&scope=bot+applications.commands"
                        + "&permissions=" + expected);
    }

    /** Records what setup asks Discord to create. */
    private static final class Recording implements SetupPort {
        final List<String> roles = new ArrayList<>();
        final List<NewChannel> channels = new ArrayList<>();
        final List<List<String>> tags = new ArrayList<>();
        int next = 100;

        @Override
        public String applicationId() {
            return "5";
        }

        @Override
        public String selfId() {
            return "5";
        }

        @Override
        public List<ServerRef> servers() {
            return List.of();
        }

        @Override
        public List<ServerRef> awaitServers(Duration timeout) {
            return List.of();
        }

        @Override
        public Server server(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String createRole(String serverId, String name) {
            roles.add(name);
            return Integer.toString(next++);
        }

        @Override
        public String createChannel(String serverId, NewChannel channel) {
            channels.add(channel);
            return Integer.toString(next++);
        }

        @Override
        public void addTags(String serverId, String forumId, List<String> names) {
            tags.add(names);
        }

        @Override
        public void close() {}
    }

    @Test
    void anEmptyServerGetsRolesFirstThenPrivateChannelsWithTheirOverwrites() throws Exception {
        Plan plan = plan(new Server("1", "Camp", List.of(), List.of()));
        Recording port = new Recording();
        List<String> done = new ArrayList<>();
        Map<String, String> created = Creation.run(port, plan, "5", done);

        assertThat(port.roles).containsExactly("캠퍼", "멘토", "운영진");
        assertThat(port.channels)
                .extracting(NewChannel::name)
                .containsExactly("팀", "공지", "멘토", "운영진", "질문", "cv-discussion");
        NewChannel mentors = port.channels.get(2);
        long view = BotPermission.VIEW_CHANNEL.value();
        assertThat(mentors.overwrites())
                .containsExactly(
                        new Overwrite("5", false, BotPermission.inChannel(), 0),
                        new Overwrite("1", true, 0, view),
                        new Overwrite(created.get("role mentor"), true, BotPermission.member(), 0),
                        new Overwrite(created.get("role organizer"), true, BotPermission.member(), 0));
        NewChannel organizers = port.channels.get(3);
        assertThat(organizers.overwrites()).extracting(Overwrite::id).containsExactly("5", "1", "102");
        NewChannel qa = port.channels.get(4);
        assertThat(qa.type()).isEqualTo(ChannelType.FORUM);
        assertThat(qa.tags()).containsExactly("Object Detection", "unanswered", "answered");
        assertThat(port.tags).isEmpty();
        assertThat(plan.ids(created)).hasSize(9);
        assertThat(done).hasSize(9);
    }
}
