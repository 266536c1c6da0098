package org.campops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.campops.config.CampConfig;
import org.campops.doctor.ServerFacts.Channel;
import org.campops.doctor.ServerFacts.Kind;
import org.campops.doctor.ServerFacts.Perm;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * The checks over facts written by hand, for what the fake server does not show by itself: wrong kinds, a missing
 * role, a team category, a program's discussion board, a failed login. The end-to-end tests read real facts.
 */
class ChecksTest {
    private static final CampConfig CONFIG = TestConfig.load();
    private static final String GUILD = CONFIG.discord().guildId();

    private static Set<Perm> all() {
        return EnumSet.allOf(Perm.class);
    }

    /** The test camp's server set up right: every role, the channels the config names, the bot allowed everything. */
    private static Map<String, Channel> channels() {
        Map<String, Channel> c = new LinkedHashMap<>();
        CampConfig.Channels ch = CONFIG.discord().channels();
        c.put(
                ch.announcements(),
                new Channel(ch.announcements(), "announcements", Kind.TEXT, all(), Set.of(), List.of()));
        c.put(ch.mentors(), new Channel(ch.mentors(), "mentors", Kind.TEXT, all(), Set.of(), List.of()));
        c.put(ch.organizers(), new Channel(ch.organizers(), "organizers", Kind.TEXT, all(), Set.of(), List.of()));
        List<String> tags = new java.util.ArrayList<>(CONFIG.qa().topics());
        tags.addAll(List.of("answered", "unanswered"));
        c.put(CONFIG.qa().channel(), new Channel(CONFIG.qa().channel(), "q-and-a", Kind.FORUM, all(), Set.of(), tags));
        return c;
    }

    private static Map<String, String> roles() {
        return Map.of(
                CONFIG.discord().roles().camper(), "Camper",
                CONFIG.discord().roles().mentor(), "Mentor",
                CONFIG.discord().roles().organizer(), "Organizer");
    }

    private static ServerFacts facts(Map<String, String> roles, Map<String, Channel> channels) {
        return new ServerFacts(
                ServerFacts.Login.OK,
                Set.of(),
                List.of(),
                new ServerFacts.Server(GUILD, "Camp", "CampOps", all(), roles, channels));
    }

    private static List<String> problems(CampConfig config, ServerFacts facts) {
        return Checks.run(config, facts).stream()
                .filter(Finding::isProblem)
                .map(f -> f.text(Locale.ENGLISH))
                .toList();
    }

    @Test
    void aServerSetUpRightHasNoProblem() {
        assertThat(problems(CONFIG, facts(roles(), channels()))).isEmpty();
    }

    @Test
    void wrongKindsAndMissingIdsAreNamed() {
        Map<String, Channel> channels = channels();
        String qa = CONFIG.qa().channel();
        channels.put(qa, new Channel(qa, "lecture-hall", Kind.OTHER, all(), Set.of(), List.of()));
        Map<String, String> roles = new LinkedHashMap<>(roles());
        roles.remove(CONFIG.discord().roles().mentor());

        assertThat(problems(CONFIG, facts(roles, channels)))
                .containsExactly(
                        "❌ discord.roles.mentor: " + CONFIG.discord().roles().mentor() + " is not on the server. Copy"
                                + " the id again (Discord: Developer Mode on, right-click > Copy ID) or run `campops"
                                + " setup`.",
                        "❌ qa.channel: " + qa + " (#lecture-hall) is a channel of another kind, not a forum or text"
                                + " channel. Put the id of a forum or text channel there (or run `campops setup`).");
    }

    @Test
    void aTeamCategoryAndADiscussionBoardAreCheckedWhereTheyAre() {
        org.campops.config.Program p = org.campops.config.Program.empty();
        var trash = new org.campops.config.Program.Competition(
                "trash",
                "Trash",
                java.time.LocalDate.of(2026, 11, 16),
                java.time.LocalDate.of(2026, 11, 27),
                "88",
                null);
        CampConfig config = CONFIG.withMentoring(new CampConfig.MentoringSettings(
                        "77", java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(10), 3, 12))
                .withProgram(new org.campops.config.Program(
                        p.stages(),
                        List.of(trash),
                        p.lectures(),
                        p.meetings(),
                        p.deadlines(),
                        p.prompts(),
                        p.duties()));
        Map<String, Channel> channels = channels();
        channels.put("77", new Channel("77", "teams", Kind.CATEGORY, EnumSet.of(Perm.VIEW), Set.of(), List.of()));
        ServerFacts.Server limited =
                new ServerFacts.Server(GUILD, "Camp", "CampOps", EnumSet.of(Perm.MANAGE_EVENTS), roles(), channels);

        assertThat(problems(config, new ServerFacts(ServerFacts.Login.OK, Set.of(), List.of(), limited)))
                .hasSize(2)
                .anySatisfy(t -> assertThat(t)
                        .startsWith("❌ program.yaml competitions[trash].discussion: 88 is not on the server."))
                .anySatisfy(t -> assertThat(t)
                        .startsWith(
                                "❌ The bot lacks Manage Channels, Manage Roles in #teams (mentoring.teamCategory)."));
    }

    @Test
    void aFailedLoginStopsTheChecks() {
        ServerFacts refused = new ServerFacts(ServerFacts.Login.BAD_TOKEN, Set.of(), List.of(), null);
        assertThat(Checks.run(CONFIG, refused)).extracting(Finding::key).containsExactly("token");

        ServerFacts elsewhere = new ServerFacts(ServerFacts.Login.OK, Set.of(), List.of("Other (5)"), null);
        assertThat(problems(CONFIG, elsewhere))
                .singleElement()
                .asString()
                .startsWith("❌ The bot is not in the server discord.guildId " + GUILD + " (it is in: Other (5)).");
    }
}
