package org.campops.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the bot answers to an invocation, a button press or a modal. Ephemeral replies are seen only
 * by the member; {@code modal} opens a form instead of answering; {@code editsMessage} replaces the
 * message a pressed button sits on.
 */
public record Reply(
        String text,
        boolean ephemeral,
        List<Button> buttons,
        @Nullable Modal modal,
        boolean editsMessage,
        List<Attachment> attachments) {

    public Reply {
        buttons = List.copyOf(buttons);
        attachments = List.copyOf(attachments);
    }

    public Reply(String text, boolean ephemeral, List<Button> buttons) {
        this(text, ephemeral, buttons, null, false, List.of());
    }

    public Reply(String text, boolean ephemeral, List<Button> buttons, @Nullable Modal modal, boolean editsMessage) {
        this(text, ephemeral, buttons, modal, editsMessage, List.of());
    }

    /** A file sent with the message (e.g. an .ics calendar). */
    public record Attachment(String fileName, String contentType, byte[] content) {
        public Attachment {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    public Reply withAttachments(List<Attachment> files) {
        return new Reply(text, ephemeral, buttons, modal, editsMessage, files);
    }

    /** A button under a reply; {@code id} is built with {@link ButtonId}. */
    public record Button(String id, String label, Style style) {
        /** Discord's button colours. */
        public enum Style {
            PRIMARY,
            SECONDARY,
            SUCCESS,
            DANGER
        }
    }

    /** A form with text fields; {@code id} is built with {@link ButtonId}. */
    public record Modal(String id, String title, List<Field> fields) {
        public Modal {
            fields = List.copyOf(fields);
        }
    }

    /** One text field of a modal. */
    public record Field(String id, String label, boolean paragraph, boolean required, int maxLength) {}

    public static Reply ephemeral(String text) {
        return new Reply(text, true, List.of());
    }

    public static Reply visible(String text) {
        return new Reply(text, false, List.of());
    }

    public static Reply modal(Modal modal) {
        return new Reply("", true, List.of(), modal, false);
    }

    /** Replaces the message the pressed button is on. */
    public static Reply edit(String text, List<Button> buttons) {
        return new Reply(text, false, buttons, null, true);
    }
}
