package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandRouterTest {
    private final CommandRouter router = new CommandRouter(List.of(
            CommandSpec.group("remind",
                    CommandSpec.leaf("set", null, inv -> Reply.visible("set " + inv.options().get("when")),
                            OptionSpec.text("when", true, 10)),
                    CommandSpec.leaf("cancel", null, inv -> { throw new UserError("remind.error.notFound", 7L); },
                            OptionSpec.integer("id", true))),
            CommandSpec.leaf("boss", Role.ORGANIZER, inv -> Reply.visible("ok")),
            CommandSpec.leaf("boom", null, inv -> { throw new IllegalStateException("bug"); })));

    private static Invocation inv(String path, Map<String, String> opts, Role... roles) {
        return new Invocation(path, new Caller("u1", "u", Set.of(roles)), "c1", opts, Locale.ENGLISH);
    }

    @Test
    void routesToTheHandler() {
        assertThat(router.route(inv("remind set", Map.of("when", "in 1m"))).text()).isEqualTo("set in 1m");
    }

    @Test
    void checksRolesInTheBot() {
        Reply r = router.route(inv("boss", Map.of(), Role.CAMPER));
        assertThat(r.ephemeral()).isTrue();
        assertThat(r.text()).contains("organizer");
        assertThat(router.route(inv("boss", Map.of(), Role.MENTOR)).ephemeral()).isTrue();
        assertThat(router.route(inv("boss", Map.of(), Role.ORGANIZER)).text()).isEqualTo("ok");
    }

    @Test
    void badOptionsGetUsage() {
        Reply missing = router.route(inv("remind set", Map.of()));
        assertThat(missing.ephemeral()).isTrue();
        assertThat(missing.text()).contains("'when'").contains("/remind set when:<when>");
        assertThat(router.route(inv("remind set", Map.of("when", "x".repeat(11)))).text()).contains("at most 10");
        assertThat(router.route(inv("remind set", Map.of("when", "x", "zzz", "1"))).text()).contains("no option 'zzz'");
        assertThat(router.route(inv("remind cancel", Map.of("id", "abc"))).text()).contains("whole number");
    }

    @Test
    void userErrorsAndBugsBecomeEphemeralMessages() {
        Reply r = router.route(inv("remind cancel", Map.of("id", "7")));
        assertThat(r.ephemeral()).isTrue();
        assertThat(r.text()).contains("#7");
        Reply bug = router.route(inv("boom", Map.of()));
        assertThat(bug.ephemeral()).isTrue();
        assertThat(bug.text()).contains("nothing was saved");
        assertThat(router.route(inv("nope", Map.of())).text()).contains("/help");
    }

    @Test
    void textsDefuseMassMentionsAndSplitLongOutput() {
        assertThat(Texts.defuse("hi @everyone and @here <@&123>")).doesNotContain("@everyone", "@here", "<@&");
        List<String> parts = Texts.split(("line of text\n").repeat(400), Texts.MAX_MESSAGE);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(String.join("\n", parts)).isEqualTo(("line of text\n").repeat(400));
    }
}
