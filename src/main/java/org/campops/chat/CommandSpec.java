package org.campops.chat;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command as data: one declaration drives Discord registration, console help and validation.
 * {@code requiredRole} is {@link Role#EVERYONE} when any member may use it (a group's own role is EVERYONE: its
 * subcommands carry theirs). Either {@code handler} is set (a leaf) or {@code subcommands} is non-empty (a group).
 */
public record CommandSpec(
        String name,
        Role requiredRole,
        List<OptionSpec> options,
        List<CommandSpec> subcommands,
        @Nullable Handler handler) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requiredRole, "requiredRole (Role.EVERYONE when anyone may)");
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
        if ((handler == null) == subcommands.isEmpty()) {
            throw new IllegalArgumentException(name + ": a command has either a handler or subcommands");
        }
    }

    public static CommandSpec leaf(String name, Role requiredRole, Handler handler, OptionSpec... options) {
        return new CommandSpec(name, requiredRole, List.of(options), List.of(), handler);
    }

    public static CommandSpec group(String name, CommandSpec... subcommands) {
        return new CommandSpec(name, Role.EVERYONE, List.of(), List.of(subcommands), null);
    }

    /** The subcommand with that name, or null. */
    public @Nullable CommandSpec subcommand(String sub) {
        return subcommands.stream().filter(s -> s.name.equals(sub)).findFirst().orElse(null);
    }
}
