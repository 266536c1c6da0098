package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.campops.chat.CommandObserver.Outcome;
import org.junit.jupiter.api.Test;

/** What the router tells its observer (the metrics of commands handled, failed and their latency). */
class CommandObserverTest {
    record Seen(String name, Outcome outcome, Duration took) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CommandRouter router = new CommandRouter(List.of(
                    CommandSpec.group(
                            "remind",
                            CommandSpec.leaf(
                                    "set",
                                    Role.EVERYONE,
                                    inv -> Reply.visible("set"),
                                    OptionSpec.text("when", true, 10)),
                            CommandSpec.leaf("cancel", Role.EVERYONE, inv -> {
                                throw new UserError("remind.error.notFound", 7L);
                            })),
                    CommandSpec.leaf("boss", Role.ORGANIZER, inv -> Reply.visible("ok")),
                    CommandSpec.leaf("boom", Role.EVERYONE, inv -> {
                        throw new IllegalStateException("bug");
                    })))
            .addAction(new MessageActionSpec(
                    "qa.markAnswer", "Mark as answer", Role.EVERYONE, inv -> Reply.ephemeral("marked")))
            .addComponents("qa", e -> {
                if (e.id().action().equals("stale")) {
                    throw new ButtonId.Invalid("stale");
                }
                return Reply.ephemeral("pressed");
            })
            .observe((name, outcome, took) -> seen.add(new Seen(name, outcome, took)));

    private static Invocation inv(String path, Map<String, String> opts, Role... roles) {
        return new Invocation(path, new Caller("u1", "u", Set.of(roles)), "c1", opts, Locale.ENGLISH);
    }

    private static ComponentEvent press(ButtonId id) {
        return new ComponentEvent(id, new Caller("u1", "u", Set.of()), "c1", "m1", Map.of(), Locale.ENGLISH);
    }

    @Test
    void everyInvocationIsToldOnceWithItsDeclaredName() {
        router.route(inv("remind  set", Map.of("when", "in 1m")));
        router.route(inv("remind cancel", Map.of()));
        router.route(inv("boom", Map.of()));
        router.route(inv("boss", Map.of(), Role.CAMPER));
        router.route(inv("remind set", Map.of()));
        router.route(inv("@everyone <script>", Map.of()));
        router.runAction("Mark as answer", inv("", Map.of()));
        router.press(press(ButtonId.of("qa", "rsvp", "1")));
        router.press(press(ButtonId.of("qa", "stale")));
        router.press(press(ButtonId.of("nothere", "x")));

        assertThat(seen)
                .extracting(Seen::name, Seen::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("remind set", Outcome.OK),
                        org.assertj.core.groups.Tuple.tuple("remind cancel", Outcome.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("boom", Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple("boss", Outcome.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("remind set", Outcome.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("unknown", Outcome.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("Mark as answer", Outcome.OK),
                        org.assertj.core.groups.Tuple.tuple("component:qa", Outcome.OK),
                        org.assertj.core.groups.Tuple.tuple("component:qa", Outcome.REJECTED),
                        org.assertj.core.groups.Tuple.tuple("unknown", Outcome.REJECTED));
        assertThat(seen).allSatisfy(s -> assertThat(s.took().isNegative()).isFalse());
    }

    @Test
    void aFailingObserverDoesNotChangeTheReply() {
        router.observe((name, outcome, took) -> {
            throw new IllegalStateException("metrics broke");
        });
        assertThat(router.route(inv("remind set", Map.of("when", "x"))).text()).isEqualTo("set");
    }
}
