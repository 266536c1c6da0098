package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.campops.testing.CapturedLogs;
import org.junit.jupiter.api.Test;

class CommandRouterTest {
    private final CommandRouter router = new CommandRouter(List.of(
            CommandSpec.group(
                    "remind",
                    CommandSpec.leaf(
                            "set",
                            Role.EVERYONE,
                            inv -> Reply.visible("set " + inv.options().get("when")),
                            OptionSpec.text("when", true, 10)),
                    CommandSpec.leaf(
                            "cancel",
                            Role.EVERYONE,
                            inv -> {
                                throw new UserError("remind.error.notFound", 7L);
                            },
                            OptionSpec.integer("id", true))),
            CommandSpec.leaf("boss", Role.ORGANIZER, inv -> Reply.visible("ok")),
            CommandSpec.leaf("boom", Role.EVERYONE, inv -> {
                throw new IllegalStateException("bug");
            })));

    private static Invocation inv(String path, Map<String, String> opts, Role... roles) {
        return new Invocation(path, new Caller("u1", "u", Set.of(roles)), "c1", opts, Locale.ENGLISH);
    }

    @Test
    void routesToTheHandler() {
        assertThat(router.route(inv("remind set", Map.of("when", "in 1m"))).text())
                .isEqualTo("set in 1m");
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
        assertThat(router.route(inv("remind set", Map.of("when", "x".repeat(11))))
                        .text())
                .contains("at most 10");
        assertThat(router.route(inv("remind set", Map.of("when", "x", "zzz", "1")))
                        .text())
                .contains("no option 'zzz'");
        assertThat(router.route(inv("remind cancel", Map.of("id", "abc"))).text())
                .contains("whole number");
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
    void channelAndMemberOptionsAreIdsOrConsoleNamesAndMentionsAreUnwrapped() {
        CommandRouter ids = new CommandRouter(List.of(CommandSpec.leaf(
                "pick",
                Role.EVERYONE,
                inv -> Reply.visible(
                        inv.options().get("where") + " " + inv.options().get("who")),
                OptionSpec.channel("where", true),
                OptionSpec.user("who", false))));
        assertThat(ids.route(inv("pick", Map.of("where", "123456789012345678", "who", "223456789012345678")))
                        .text())
                .isEqualTo("123456789012345678 223456789012345678");
        assertThat(ids.route(inv("pick", Map.of("where", "<#123>", "who", "<@!456>")))
                        .text())
                .isEqualTo("123 456");
        assertThat(ids.route(inv("pick", Map.of("where", "#mentors", "who", "@console-user")))
                        .text())
                .isEqualTo("mentors console-user");
        assertThat(ids.route(inv("pick", Map.of("where", "x".repeat(33)))).text())
                .startsWith("'where' takes a channel: its id")
                .contains("/pick where:<where> [who:<who>]");
        assertThat(ids.route(inv("pick", Map.of("where", "general chat"))).text())
                .contains("not 'general chat'");
        assertThat(ids.route(inv("pick", Map.of("where", "a", "who", "<@x> or <@y>")))
                        .text())
                .startsWith("'who' takes a member: their id");
    }

    @Test
    void forgedButtonAndFormIdsGetAClearRefusalLoggedAtInfoWithoutAStackTrace() {
        router.addComponents(
                "qa", e -> Reply.ephemeral("resolved #" + e.id().expectArgs(1).number(0)));
        router.addComponents("oh", e -> {
            throw e.id().unknownAction();
        });
        try (CapturedLogs logs = CapturedLogs.of(CommandRouter.class)) {
            assertThat(router.press(press("qa:resolve:7")).text()).isEqualTo("resolved #7");
            for (String forged :
                    List.of("qa:resolve", "qa:resolve:abc", "qa:resolve:1:2", "oh:rsvp:1", "nothing:x", "zz", "")) {
                Reply r = router.press(press(forged));
                assertThat(r.ephemeral()).as(forged).isTrue();
                assertThat(r.text())
                        .as(forged)
                        .isEqualTo(
                                "This button or form is not valid any more. Run the command again to get a new one.");
            }
            Reply ko = router.press(new ComponentEvent(
                    ButtonId.decode("qa:resolve"),
                    new Caller("u1", "u", Set.of()),
                    "c1",
                    null,
                    Map.of(),
                    Locale.KOREAN));
            assertThat(ko.text()).contains("더 이상 쓸 수 없는 버튼이나 입력 창이에요");
            assertThat(logs.events()).hasSize(8).allSatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.INFO);
                assertThat(r.getThrowableProxy()).isNull();
                assertThat(r.getFormattedMessage()).startsWith("refused a button or form");
            });
        }
    }

    /** The chat core logs through System.Logger; the bridge brings it to logback, stack trace included. */
    @Test
    void aFailingCommandReachesLogbackWithItsStackTrace() {
        try (CapturedLogs logs = CapturedLogs.of(CommandRouter.class)) {
            assertThat(router.route(inv("boom", Map.of())).ephemeral()).isTrue();
            assertThat(logs.events()).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getLoggerName()).isEqualTo(CommandRouter.class.getName());
                assertThat(e.getFormattedMessage()).isEqualTo("command /boom failed");
                assertThat(CapturedLogs.stackTrace(e))
                        .contains("java.lang.IllegalStateException: bug")
                        .contains("at org.campops.chat.CommandRouterTest");
            });
        }
    }

    @Test
    void controlCharactersNeverReachAHandler() {
        CommandRouter echo = new CommandRouter(List.of(CommandSpec.leaf(
                "say",
                Role.EVERYONE,
                inv -> Reply.visible(inv.options().get("text")),
                OptionSpec.text("text", true, 20))));
        assertThat(echo.route(inv("say", Map.of("text", "a\u0000b\u001b[2Jc\r\nd")))
                        .text())
                .isEqualTo("ab[2Jc\nd");
        assertThat(echo.route(inv("say", Map.of("text", "\u0000\u0001"))).text())
                .contains("'text' is required");
        List<String> seen = new ArrayList<>();
        echo.addComponents("f", e -> Reply.visible(e.fields().get("title")));
        echo.addMessageListener(new MessageListener() {
            @Override
            public void onMessage(ChatMessage m) {
                seen.add(m.content());
            }

            @Override
            public void onEdit(ChatMessage m) {
                seen.add("edited " + m.content());
            }

            @Override
            public void onDelete(String channelId, String messageId) {}
        });
        assertThat(echo.press(new ComponentEvent(
                                ButtonId.decode("f:x"),
                                new Caller("u1", "u", Set.of()),
                                "c1",
                                null,
                                Map.of("title", "t\u0000itle"),
                                Locale.ENGLISH))
                        .text())
                .isEqualTo("title");
        echo.messageCreated(
                new ChatMessage("m1", "c1", "u1", "u", Set.of(), false, "hi\u0000", java.time.Instant.EPOCH));
        echo.messageEdited(
                new ChatMessage("m1", "c1", "u1", "u", Set.of(), false, "\u001bhi", java.time.Instant.EPOCH));
        assertThat(seen).containsExactly("hi", "edited hi");
    }

    private static ComponentEvent press(String rawId) {
        return new ComponentEvent(
                ButtonId.decode(rawId), new Caller("u1", "u", Set.of()), "c1", null, Map.of(), Locale.ENGLISH);
    }
}
