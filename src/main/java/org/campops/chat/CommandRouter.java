package org.campops.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Routes every invocation (Discord, console) to its handler after the role and option checks. */
public final class CommandRouter {
    private static final Logger LOG = Logger.getLogger(CommandRouter.class.getName());
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();

    public CommandRouter(List<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            if (commands.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("duplicate command /" + spec.name());
            }
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
        List<Map.Entry<String, CommandSpec>> out = new ArrayList<>();
        for (CommandSpec top : commands.values()) {
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

    public Reply route(Invocation inv) {
        Optional<CommandSpec> found = resolve(inv.path());
        if (found.isEmpty()) {
            return Reply.ephemeral(inv.text("error.unknownCommand", "/" + inv.path()));
        }
        CommandSpec leaf = found.get();
        if (!inv.caller().has(leaf.requiredRole())) {
            return Reply.ephemeral(inv.text("error.forbidden", "/" + inv.path(),
                    roleName(leaf.requiredRole(), inv.locale())));
        }
        String problem = checkOptions(inv, leaf);
        if (problem != null) {
            return Reply.ephemeral(problem + "\n" + inv.text("error.usage", usage(inv.path(), leaf)));
        }
        try {
            return leaf.handler().handle(inv);
        } catch (UserError e) {
            return Reply.ephemeral(inv.text(e.key(), e.args()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "command /" + inv.path() + " failed", e);
            return Reply.ephemeral(inv.text("error.internal"));
        }
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
