package org.campops.chat;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One command as a member typed it, platform-neutral.
 *
 * @param path      command words, e.g. "remind set"
 * @param channelId where it was typed (a Discord channel id, or a console name)
 * @param options   option values as text (ids for channels and users)
 */
public record Invocation(String path, Caller caller, String channelId, Map<String, String> options, Locale locale) {

    public Invocation {
        options = Map.copyOf(options);
    }

    public Optional<String> option(String name) {
        String value = options.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** A message in the member's language. */
    public String text(String key, @Nullable Object... args) {
        return Messages.get(locale, key, args);
    }
}
