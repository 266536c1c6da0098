package org.campops.chat;

import java.util.List;

/** What the bot answers to an invocation. Ephemeral replies are seen only by the member. */
public record Reply(String text, boolean ephemeral, List<Button> buttons) {

    public Reply {
        buttons = List.copyOf(buttons);
    }

    /** A button under a reply; {@code id} is built with {@link ButtonId}. */
    public record Button(String id, String label, Style style) {
        public enum Style { PRIMARY, SECONDARY, SUCCESS, DANGER }
    }

    public static Reply ephemeral(String text) {
        return new Reply(text, true, List.of());
    }

    public static Reply visible(String text) {
        return new Reply(text, false, List.of());
    }
}
