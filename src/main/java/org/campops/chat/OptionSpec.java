package org.campops.chat;

import org.jspecify.annotations.Nullable;

/**
 * One typed option of a command; its description comes from the bundles under
 * {@code cmd.<path>.opt.<name>}. A {@code completer} makes it an autocomplete option.
 */
public record OptionSpec(
        String name,
        OptionType type,
        boolean required,
        int maxLength,
        @Nullable Completer completer) {

    public static OptionSpec text(String name, boolean required, int maxLength) {
        return new OptionSpec(name, OptionType.STRING, required, maxLength, null);
    }

    public static OptionSpec integer(String name, boolean required) {
        return new OptionSpec(name, OptionType.INTEGER, required, 0, null);
    }

    public static OptionSpec channel(String name, boolean required) {
        return new OptionSpec(name, OptionType.CHANNEL, required, 0, null);
    }

    public static OptionSpec user(String name, boolean required) {
        return new OptionSpec(name, OptionType.USER, required, 0, null);
    }

    public static OptionSpec bool(String name, boolean required) {
        return new OptionSpec(name, OptionType.BOOLEAN, required, 0, null);
    }

    public OptionSpec completedBy(Completer c) {
        return new OptionSpec(name, type, required, maxLength, c);
    }

    public boolean autocomplete() {
        return completer != null;
    }
}
