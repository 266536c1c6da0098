package org.campops.chat;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A button press or modal submit. {@code messageId} is the message the button is on (null for
 * modals opened from a command); {@code fields} holds modal values.
 */
public record ComponentEvent(
        @Nullable ButtonId id,
        Caller caller,
        String channelId,
        @Nullable String messageId,
        Map<String, String> fields,
        Locale locale) {
    public ComponentEvent {
        fields = Map.copyOf(fields);
    }

    public String text(String key, @Nullable Object... args) {
        return Messages.get(locale, key, args);
    }
}
