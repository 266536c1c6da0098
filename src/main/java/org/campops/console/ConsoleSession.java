package org.campops.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.campops.chat.ButtonId;
import org.campops.chat.Caller;
import org.campops.chat.ChatMessage;
import org.campops.chat.CommandRouter;
import org.campops.chat.ComponentEvent;
import org.campops.chat.Invocation;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The same router in a terminal: one line, one command. Console-only commands: {@code /as ROLE},
 * {@code /lang ko|en}, {@code /wait 70s} (lets scheduled posts appear in a script), {@code /quit}.
 */
public final class ConsoleSession {
    public static final String USER_ID = "console-user";
    public static final String CHANNEL_ID = "console";

    private final CommandRouter router;
    private final ConsoleOutput out;
    private final boolean interactive;
    private final java.time.Clock clock;
    private Role role;
    private String userId = USER_ID;
    private Locale locale;

    public ConsoleSession(
            CommandRouter router,
            ConsoleOutput out,
            Role role,
            Locale locale,
            boolean interactive,
            java.time.Clock clock) {
        this.clock = clock;
        this.router = router;
        this.out = out;
        this.role = role;
        this.locale = locale;
        this.interactive = interactive;
    }

    /** Reads commands until end of input or /quit. */
    public void run(BufferedReader in) throws IOException {
        if (interactive) {
            out.info(Messages.get(locale, "console.welcome", role.name().toLowerCase(Locale.ROOT)));
        }
        while (true) {
            if (interactive) {
                out.prompt("campops(" + role.name().toLowerCase(Locale.ROOT) + ")> ");
            }
            String line = in.readLine();
            if (line == null) {
                return;
            }
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (!interactive) {
                out.info("> " + Texts.withoutControls(line).strip());
            }
            if (!handle(line)) {
                return;
            }
        }
    }

    /** Handles one line; false when the session should end. */
    public boolean handle(String typed) {
        // Control characters (NUL, ESC, ...) are dropped here as the router drops them from Discord's text.
        String line = Texts.withoutControls(typed).strip();
        // Console-only commands take their argument as typed (a button id holds ':'), before option parsing.
        String word = line.startsWith("/") ? line.substring(1).split("\\s+", 2)[0] : "";
        String arg = line.startsWith("/") ? line.substring(1 + word.length()).strip() : "";
        switch (word) {
            case "quit", "exit" -> {
                return false;
            }
            case "as" -> {
                switchRole(arg);
                return true;
            }
            case "lang" -> {
                locale = Messages.supported(arg, locale);
                out.info(Messages.get(locale, "console.lang", locale.getLanguage()));
                return true;
            }
            case "press" -> {
                component(arg, null, java.util.Map.of());
                return true;
            }
            case "submit" -> {
                submit(arg);
                return true;
            }
            case "wait" -> {
                waitFor(arg);
                return true;
            }
            default -> {}
        }
        ConsoleLine parsed;
        try {
            parsed = ConsoleLine.parse(line);
        } catch (ConsoleLine.BadLine e) {
            String why = Messages.get(locale, e.key, e.args);
            out.reply(Reply.ephemeral(
                    e.fixed == null
                            ? Messages.get(locale, "console.badLine", why)
                            : Messages.get(locale, "console.badLine.fix", why, e.fixed)));
            return true;
        }
        switch (parsed.path().split(" ")[0]) {
            case "say" -> {
                say(parsed);
                return true;
            }
            case "app" -> {
                runAction(parsed);
                return true;
            }
            default -> {}
        }
        Invocation inv = new Invocation(parsed.path(), caller(), CHANNEL_ID, parsed.options(), locale);
        out.reply(router.route(inv));
        if (parsed.path().equals("help")) {
            out.info(Messages.get(locale, "console.help"));
        }
        return true;
    }

    /** {@code /submit FORM-ID field:value ...}: the form id holds ':' so it is split off before parsing. */
    private void submit(String rest) {
        String[] idAndFields = rest.split("\\s+", 2);
        if (idAndFields[0].isEmpty()) {
            out.reply(Reply.ephemeral(Messages.get(locale, "console.submitUsage")));
            return;
        }
        try {
            ConsoleLine fields = ConsoleLine.parse("/submit " + (idAndFields.length > 1 ? idAndFields[1] : ""));
            component(idAndFields[0], null, fields.options());
        } catch (ConsoleLine.BadLine e) {
            out.reply(Reply.ephemeral(
                    Messages.get(locale, e.key, e.args) + ". " + Messages.get(locale, "console.submitUsage")));
        }
    }

    private void component(String rawId, @Nullable String messageId, java.util.Map<String, String> fields) {
        // Unreadable ids (null) go to the router too, which refuses them as it does Discord's.
        out.reply(router.press(
                new ComponentEvent(ButtonId.decode(rawId), caller(), CHANNEL_ID, messageId, fields, locale)));
    }

    /** {@code /say in:THREAD text:"..."}: writes a message as a member would, e.g. a reply in a question thread. */
    private void say(ConsoleLine line) {
        String where = line.options().get("in");
        String text = line.options().get("text");
        if (where == null || text == null || !Texts.isVisible(text)) {
            out.reply(Reply.ephemeral(Messages.get(locale, "console.sayUsage")));
            return;
        }
        String id = out.newId();
        router.messageCreated(
                new ChatMessage(id, where, userId, "console", EnumSet.of(role), false, text, clock.instant()));
        out.info(Messages.get(locale, "console.said", id, where));
    }

    /** {@code /app name:"Mark as answer" in:THREAD message:ID}: a message-menu action. */
    private void runAction(ConsoleLine line) {
        String name = line.options().get("name");
        String where = line.options().get("in");
        String message = line.options().get("message");
        if (name == null
                || where == null
                || message == null
                || !Texts.isVisible(name)
                || !Texts.isVisible(where)
                || !Texts.isVisible(message)) {
            out.reply(Reply.ephemeral(Messages.get(locale, "console.appUsage")));
            return;
        }
        Invocation inv = new Invocation(name, caller(), where, java.util.Map.of("message_id", message), locale);
        out.reply(router.runAction(name, inv));
    }

    /** {@code /as ROLE [NAME]}: act in a role, and as the member called NAME (so teams can be tried here). */
    private void switchRole(String arg) {
        String[] parts = arg.strip().split("\\s+");
        try {
            if (parts.length > 2
                    || (parts.length == 2
                            && !MEMBER_NAME
                                    .matcher(parts[1].replaceFirst("^@", ""))
                                    .matches())) {
                throw new IllegalArgumentException(arg);
            }
            role = Role.held(parts[0]);
            if (parts.length == 2) {
                userId = parts[1].replaceFirst("^@", "");
            }
            out.info(Messages.get(
                    locale,
                    "console.as",
                    role.name().toLowerCase(Locale.ROOT) + (userId.equals(USER_ID) ? "" : " @" + userId)));
        } catch (IllegalArgumentException e) {
            out.reply(Reply.ephemeral(Messages.get(locale, "console.asUsage")));
        }
    }

    private static final java.util.regex.Pattern MEMBER_NAME =
            java.util.regex.Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

    /** The longest {@code /wait}: scheduled posts worth watching come sooner, and a script must not hang. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private void waitFor(String arg) {
        Duration d;
        try {
            d = Duration.parse("PT" + arg.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(MAX_WAIT) > 0) {
            out.reply(Reply.ephemeral(Messages.get(locale, "console.waitUsage", Texts.printable(arg, 40))));
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Caller caller() {
        Set<Role> roles = EnumSet.of(role);
        return new Caller(userId, userId.equals(USER_ID) ? "console" : userId, roles);
    }
}
