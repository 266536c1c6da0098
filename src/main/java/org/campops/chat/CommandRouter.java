package org.campops.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Routes every invocation (Discord, console) to its handler after the role and option checks. */
public final class CommandRouter {
    /** The JDK's logging facade, so this package stays JDK-only; slf4j-jdk-platform-logging routes it to logback. */
    private static final System.Logger LOG = System.getLogger(CommandRouter.class.getName());
    /** A channel or member: Discord's numeric id, or in the console a name such as {@code mentors}. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");
    /** Discord allows at most 25 autocomplete choices. */
    public static final int MAX_CHOICES = 25;
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    private final Map<String, MessageActionSpec> actions = new LinkedHashMap<>();
    private final Map<String, ComponentHandler> components = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<MessageListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CommandObserver observer = CommandObserver.NONE;

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

    /** Tells {@code o} how every invocation ended and how long its handler took (metrics). */
    public CommandRouter observe(CommandObserver o) {
        observer = o == null ? CommandObserver.NONE : o;
        return this;
    }

    public List<MessageActionSpec> actions() {
        return List.copyOf(actions.values());
    }

    /** Runs a message context-menu action with the same role checks as commands. */
    public Reply runAction(String name, Invocation inv) {
        MessageActionSpec action = actions.get(name);
        if (action == null) {
            return rejected("unknown", Reply.ephemeral(inv.text("error.unknownCommand", name)));
        }
        if (!inv.caller().has(action.requiredRole())) {
            return rejected(name, Reply.ephemeral(inv.text("error.forbidden", name, roleName(action.requiredRole(), inv.locale()))));
        }
        Invocation clean = withoutControls(inv);
        return observed(name, () -> guarded(inv.locale(), name, () -> action.handler().handle(clean)));
    }

    /**
     * Routes a button press or modal submit to its feature. The id comes from the member's client, so
     * an unknown, outdated or forged one is refused with "not valid any more" and logged at INFO.
     */
    public Reply press(ComponentEvent event) {
        ComponentHandler handler = event.id() == null ? null : components.get(event.id().feature());
        if (handler == null) {
            return rejected("unknown", invalidComponent(event, event.id() == null ? "unreadable id"
                    : "no feature '" + event.id().feature() + "'"));
        }
        ComponentEvent clean = new ComponentEvent(event.id(), event.caller(), event.channelId(), event.messageId(),
                withoutControls(event.fields()), event.locale());
        String name = "component:" + event.id().feature();
        return observed(name, () -> {
            try {
                return guarded(event.locale(), "component " + event.id(), () -> handler.handle(clean));
            } catch (ButtonId.Invalid e) {
                OUTCOME.set(CommandObserver.Outcome.REJECTED);
                return invalidComponent(event, e.getMessage());
            }
        });
    }

    private static Reply invalidComponent(ComponentEvent event, String why) {
        LOG.log(System.Logger.Level.INFO,
                () -> "refused a button or form from user " + Texts.printable(event.caller().userId(), 40) + ": " + why);
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
                        List<Choice> all = o.completer().complete(partial, typed == null ? "" : typed);
                        return all.size() > MAX_CHOICES ? List.copyOf(all.subList(0, MAX_CHOICES)) : List.copyOf(all);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "autocomplete failed for " + option, e);
                        return List.<Choice>of();
                    }
                })
                .orElse(List.of());
    }

    public void messageCreated(ChatMessage m) {
        ChatMessage clean = withoutControls(m);
        listeners.forEach(l -> safely(() -> l.onMessage(clean)));
    }

    public void messageEdited(ChatMessage m) {
        ChatMessage clean = withoutControls(m);
        listeners.forEach(l -> safely(() -> l.onEdit(clean)));
    }

    private static ChatMessage withoutControls(ChatMessage m) {
        return new ChatMessage(m.messageId(), m.channelId(), m.authorId(), m.authorName(), m.authorRoles(),
                m.authorIsBot(), Texts.withoutControls(m.content()), m.at(), m.parentChannelId());
    }

    /** Member text enters here, from Discord and the console alike: control characters are dropped once. */
    private static Invocation withoutControls(Invocation inv) {
        return new Invocation(inv.path(), inv.caller(), inv.channelId(), withoutControls(inv.options()), inv.locale());
    }

    private static Map<String, String> withoutControls(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Texts.withoutControls(v)));
        return out;
    }

    public void messageDeleted(String channelId, String messageId) {
        listeners.forEach(l -> safely(() -> l.onDelete(channelId, messageId)));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "message listener failed", e);
        }
    }

    private static Reply guarded(Locale locale, String what, java.util.function.Supplier<Reply> work) {
        try {
            return work.get();
        } catch (ButtonId.Invalid e) {
            throw e;
        } catch (UserError e) {
            OUTCOME.set(CommandObserver.Outcome.REJECTED);
            return Reply.ephemeral(Messages.get(locale, e.key(), e.args()));
        } catch (RuntimeException e) {
            OUTCOME.set(CommandObserver.Outcome.FAILED);
            LOG.log(System.Logger.Level.ERROR, what + " failed", e);
            return Reply.ephemeral(Messages.get(locale, "error.internal"));
        }
    }

    /** How the handler running on this thread ended, when not {@code OK} (set by {@link #guarded}). */
    private static final ThreadLocal<CommandObserver.Outcome> OUTCOME = new ThreadLocal<>();

    /** Runs a handler (through {@link #guarded}) and tells the observer how it ended and how long it took. */
    private Reply observed(String name, java.util.function.Supplier<Reply> handling) {
        long started = System.nanoTime();
        OUTCOME.remove();
        try {
            return handling.get();
        } finally {
            CommandObserver.Outcome outcome = OUTCOME.get();
            OUTCOME.remove();
            tell(name, outcome == null ? CommandObserver.Outcome.OK : outcome,
                    java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Reply rejected(String name, Reply reply) {
        tell(name, CommandObserver.Outcome.REJECTED, java.time.Duration.ZERO);
        return reply;
    }

    private void tell(String name, CommandObserver.Outcome outcome, java.time.Duration took) {
        try {
            observer.finished(name, outcome, took);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "command observer failed", e);
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
    public static List<Map.Entry<String, CommandSpec>> leavesOf(java.util.Collection<CommandSpec> specs) {
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
        Invocation inv = withoutControls(typed);
        Optional<CommandSpec> found = resolve(inv.path());
        if (found.isEmpty()) {
            return rejected("unknown", Reply.ephemeral(inv.text("error.unknownCommand", "/" + inv.path())));
        }
        CommandSpec leaf = found.get();
        // The declared path, words separated by one space (what was typed may differ in spacing).
        String name = String.join(" ", inv.path().strip().split("\\s+"));
        if (!inv.caller().has(leaf.requiredRole())) {
            return rejected(name, Reply.ephemeral(inv.text("error.forbidden", "/" + inv.path(),
                    roleName(leaf.requiredRole(), inv.locale()))));
        }
        Invocation checked = idOptions(inv, leaf);
        String problem = checkOptions(checked, leaf);
        if (problem != null) {
            return rejected(name, Reply.ephemeral(problem + "\n" + inv.text("error.usage", usage(inv.path(), leaf))));
        }
        return observed(name, () -> guarded(inv.locale(), "command /" + inv.path(), () -> leaf.handler().handle(checked)));
    }

    /**
     * Discord sends channel and user options as ids; typed ones (the console) may be mentions, which are
     * unwrapped: {@code <#123>} and {@code #123} for channels, {@code <@123>}, {@code <@!123>} and
     * {@code @name} for members.
     */
    private static Invocation idOptions(Invocation inv, CommandSpec leaf) {
        Map<String, String> options = new LinkedHashMap<>(inv.options());
        for (OptionSpec opt : leaf.options()) {
            String v = options.get(opt.name());
            if (v == null) {
                continue;
            }
            String s = v.strip();
            if (opt.type() == OptionType.CHANNEL) {
                options.put(opt.name(), s.replaceFirst("^<#(.*)>$", "$1").replaceFirst("^#", ""));
            } else if (opt.type() == OptionType.USER) {
                options.put(opt.name(), s.replaceFirst("^<@!?(.*)>$", "$1").replaceFirst("^@", ""));
            }
        }
        return new Invocation(inv.path(), inv.caller(), inv.channelId(), options, inv.locale());
    }

    private static String checkOptions(Invocation inv, CommandSpec leaf) {
        for (String given : inv.options().keySet()) {
            if (leaf.options().stream().noneMatch(o -> o.name().equals(given))) {
                return inv.text("error.option.unknown", given);
            }
        }
        for (OptionSpec opt : leaf.options()) {
            Optional<String> value = inv.option(opt.name());
            if (value.isEmpty()) {
                if (opt.required()) {
                    return inv.text("error.option.missing", opt.name());
                }
                continue;
            }
            String v = value.get();
            if (opt.maxLength() > 0 && v.length() > opt.maxLength()) {
                return inv.text("error.option.tooLong", opt.name(), opt.maxLength(), v.length());
            }
            if (opt.type() == OptionType.INTEGER && !v.matches("-?\\d{1,18}")) {
                return inv.text("error.option.notNumber", opt.name(), v);
            }
            if (opt.type() == OptionType.BOOLEAN && !v.matches("(?i)true|false")) {
                return inv.text("error.option.notBoolean", opt.name(), v);
            }
            if ((opt.type() == OptionType.CHANNEL || opt.type() == OptionType.USER) && !ID.matcher(v).matches()) {
                return inv.text(opt.type() == OptionType.CHANNEL ? "error.option.notChannel" : "error.option.notUser",
                        opt.name(), Texts.printable(v, 40));
            }
        }
        return null;
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
        return role == null ? "" : Messages.get(locale, "role." + role.name().toLowerCase(Locale.ROOT));
    }
}
