package org.campops.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Routes every invocation (Discord, console) to its handler after the role and option checks: commands, message
 * actions, buttons and forms, autocomplete, and members' messages to the features that listen. What members typed
 * is cleaned and checked by {@link MemberInput}; how handlers end is turned into replies by {@link Outcomes}.
 */
public final class CommandRouter {
    /** The JDK's logging facade, so this package stays JDK-only; slf4j-jdk-platform-logging routes it to logback. */
    private static final System.Logger LOG = System.getLogger(CommandRouter.class.getName());
    /** Discord allows at most 25 autocomplete choices. */
    public static final int MAX_CHOICES = 25;

    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    private final Map<String, MessageActionSpec> actions = new LinkedHashMap<>();
    private final Map<String, ComponentHandler> components = new ConcurrentHashMap<>();
    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
    private final List<MemberListener> memberListeners = new CopyOnWriteArrayList<>();
    private final Outcomes outcomes = new Outcomes();

    public CommandRouter(List<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            if (commands.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("duplicate command /" + spec.name());
            }
        }
    }

    /** Adds a message context-menu action (wiring time only). */
    public CommandRouter addAction(MessageActionSpec action) {
        actions.put(action.name(), action);
        return this;
    }

    /** Routes buttons and modals whose id starts with {@code feature} (wiring time only). */
    public CommandRouter addComponents(String feature, ComponentHandler handler) {
        components.put(feature, handler);
        return this;
    }

    /** Lets a feature see members' messages (wiring time only). */
    public CommandRouter addMessageListener(MessageListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Also tells {@code o} how every invocation ended and how long its handler took (metrics, delivery). */
    public CommandRouter observe(CommandObserver o) {
        outcomes.observe(o);
        return this;
    }

    public List<MessageActionSpec> actions() {
        return List.copyOf(actions.values());
    }

    /** Lets a feature hear that members left the camp's server (wiring time only). */
    public CommandRouter addMemberListener(MemberListener listener) {
        memberListeners.add(listener);
        return this;
    }

    /** Runs a message context-menu action with the same role checks as commands. */
    public Reply runAction(String name, Invocation inv) {
        MessageActionSpec action = actions.get(name);
        if (action == null) {
            return outcomes.rejected("unknown", Reply.ephemeral(inv.text("error.unknownCommand", name)));
        }
        if (!inv.caller().has(action.requiredRole())) {
            return outcomes.rejected(
                    name,
                    Reply.ephemeral(inv.text("error.forbidden", name, roleName(action.requiredRole(), inv.locale()))));
        }
        Invocation clean = MemberInput.withoutControls(inv);
        return outcomes.observed(
                name,
                () -> Outcomes.guarded(
                        inv.locale(), name, () -> action.handler().handle(clean)));
    }

    /**
     * Routes a button press or modal submit to its feature. The id comes from the member's client, so
     * an unknown, outdated or forged one is refused with "not valid any more" and logged at INFO.
     */
    public Reply press(ComponentEvent event) {
        ComponentHandler handler =
                event.id() == null ? null : components.get(event.id().feature());
        if (handler == null) {
            return outcomes.rejected(
                    "unknown",
                    invalidComponent(
                            event,
                            event.id() == null
                                    ? "unreadable id"
                                    : "no feature '" + event.id().feature() + "'"));
        }
        ComponentEvent clean = new ComponentEvent(
                event.id(),
                event.caller(),
                event.channelId(),
                event.messageId(),
                MemberInput.withoutControls(event.fields()),
                event.locale());
        String name = "component:"
                + Objects.requireNonNull(event.id(), "checked above").feature();
        return outcomes.observed(name, () -> {
            try {
                return Outcomes.guarded(event.locale(), "component " + event.id(), () -> handler.handle(clean));
            } catch (ButtonId.Invalid e) {
                Outcomes.markRejected();
                return invalidComponent(event, e.getMessage());
            }
        });
    }

    private static Reply invalidComponent(ComponentEvent event, @Nullable String why) {
        LOG.log(
                System.Logger.Level.INFO,
                () -> "refused a button or form from user "
                        + Texts.printable(event.caller().userId(), 40) + ": " + why);
        return Reply.ephemeral(event.text("error.staleButton"));
    }

    /** Suggestions for an autocomplete option, at most {@link #MAX_CHOICES}. */
    public List<Choice> complete(Invocation partial, String option, String typed) {
        Optional<CommandSpec> leaf = resolve(partial.path());
        if (leaf.isEmpty() || !partial.caller().has(leaf.get().requiredRole())) {
            return List.of();
        }
        return leaf.get().options().stream()
                .filter(o -> o.name().equals(option) && o.completer() != null)
                .findFirst()
                .map(o -> {
                    try {
                        List<Choice> all = Objects.requireNonNull(o.completer(), "filtered on")
                                .complete(partial, typed == null ? "" : typed);
                        return all.size() > MAX_CHOICES ? List.copyOf(all.subList(0, MAX_CHOICES)) : List.copyOf(all);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "autocomplete failed for " + option, e);
                        return List.<Choice>of();
                    }
                })
                .orElse(List.of());
    }

    public void messageCreated(ChatMessage m) {
        ChatMessage clean = MemberInput.withoutControls(m);
        listeners.forEach(l -> safely(() -> l.onMessage(clean)));
    }

    public void messageEdited(ChatMessage m) {
        ChatMessage clean = MemberInput.withoutControls(m);
        listeners.forEach(l -> safely(() -> l.onEdit(clean)));
    }

    public void messageDeleted(String channelId, String messageId) {
        listeners.forEach(l -> safely(() -> l.onDelete(channelId, messageId)));
    }

    /** A member left the camp's server (the transport checked that it is the camp's). */
    public void memberLeft(String userId, String name) {
        String clean = Texts.withoutControls(name == null ? "" : name);
        memberListeners.forEach(l -> safely(() -> l.onMemberLeft(userId, clean)));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "message listener failed", e);
        }
    }

    /** All top-level commands in declaration order. */
    public List<CommandSpec> commands() {
        return List.copyOf(commands.values());
    }

    /** The leaf command for a path such as "remind set". */
    public Optional<CommandSpec> resolve(String path) {
        String[] words = path.strip().split("\\s+");
        CommandSpec top = commands.get(words[0]);
        if (top == null) {
            return Optional.empty();
        }
        if (top.subcommands().isEmpty()) {
            return words.length == 1 ? Optional.of(top) : Optional.empty();
        }
        return words.length == 2 ? Optional.ofNullable(top.subcommand(words[1])) : Optional.empty();
    }

    /** Every leaf with its path, in order; for help and registration. */
    public List<Map.Entry<String, CommandSpec>> leaves() {
        return leavesOf(commands.values());
    }

    /** The commands members type ("remind set"), each with its leaf spec, in order. */
    public static List<Map.Entry<String, CommandSpec>> leavesOf(Collection<CommandSpec> specs) {
        List<Map.Entry<String, CommandSpec>> out = new ArrayList<>();
        for (CommandSpec top : specs) {
            if (top.subcommands().isEmpty()) {
                out.add(Map.entry(top.name(), top));
            } else {
                for (CommandSpec sub : top.subcommands()) {
                    out.add(Map.entry(top.name() + " " + sub.name(), sub));
                }
            }
        }
        return out;
    }

    public Reply route(Invocation typed) {
        Invocation inv = MemberInput.withoutControls(typed);
        Optional<CommandSpec> found = resolve(inv.path());
        if (found.isEmpty()) {
            return outcomes.rejected("unknown", Reply.ephemeral(inv.text("error.unknownCommand", "/" + inv.path())));
        }
        CommandSpec leaf = found.get();
        // The declared path, words separated by one space (what was typed may differ in spacing).
        String name = String.join(" ", inv.path().strip().split("\\s+"));
        if (!inv.caller().has(leaf.requiredRole())) {
            return outcomes.rejected(
                    name,
                    Reply.ephemeral(inv.text(
                            "error.forbidden", "/" + inv.path(), roleName(leaf.requiredRole(), inv.locale()))));
        }
        Invocation checked = MemberInput.idOptions(inv, leaf);
        String problem = MemberInput.problem(checked, leaf);
        if (problem != null) {
            return outcomes.rejected(
                    name, Reply.ephemeral(problem + "\n" + inv.text("error.usage", usage(inv.path(), leaf))));
        }
        return outcomes.observed(
                name,
                () -> Outcomes.guarded(
                        inv.locale(),
                        "command /" + inv.path(),
                        () -> Objects.requireNonNull(leaf.handler(), "a leaf's handler")
                                .handle(checked)));
    }

    /** The way to type a command, e.g. {@code /remind set when:<when> text:<text> [channel:<channel>]}. */
    public static String usage(String path, CommandSpec leaf) {
        StringBuilder sb = new StringBuilder("/").append(path);
        for (OptionSpec o : leaf.options()) {
            String part = o.name() + ":<" + o.name() + ">";
            sb.append(' ').append(o.required() ? part : "[" + part + "]");
        }
        return sb.toString();
    }

    public static String roleName(Role role, Locale locale) {
        return role == Role.EVERYONE
                ? ""
                : Messages.get(locale, "role." + role.name().toLowerCase(Locale.ROOT));
    }
}
