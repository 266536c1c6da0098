package org.campops.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.campops.chat.Reply;
import org.campops.chat.Texts;

/** Renders {@link Reply}s as JDA messages: at most 2,000 characters each, buttons on the last part. */
final class ReplyRenderer {
    /** Discord puts at most 5 buttons in a row. */
    private static final int BUTTONS_PER_ROW = 5;

    private ReplyRenderer() {}

    static List<MessageCreateData> render(Reply reply) {
        List<String> parts = Texts.split(reply.text().isEmpty() ? "\u200b" : reply.text(), Texts.MAX_MESSAGE);
        List<MessageCreateData> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            MessageCreateBuilder b = new MessageCreateBuilder()
                    .setContent(parts.get(i))
                    .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
            if (i == parts.size() - 1 && !reply.buttons().isEmpty()) {
                b.setComponents(rows(reply.buttons()));
            }
            if (i == parts.size() - 1) {
                for (Reply.Attachment a : reply.attachments()) {
                    b.addFiles(FileUpload.fromData(a.content(), a.fileName()));
                }
            }
            out.add(b.build());
        }
        return out;
    }

    private static List<ActionRow> rows(List<Reply.Button> buttons) {
        List<ActionRow> rows = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i += BUTTONS_PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + BUTTONS_PER_ROW)).stream()
                    .map(ReplyRenderer::button)
                    .toList()));
        }
        return rows;
    }

    /** An edit that replaces text, buttons and files (a reply without files removes them). */
    static MessageEditData edit(Reply reply) {
        String text = Texts.split(reply.text().isEmpty() ? "\u200b" : reply.text(), Texts.MAX_MESSAGE)
                .get(0);
        return new MessageEditBuilder()
                .setContent(text)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .setComponents(reply.buttons().isEmpty() ? List.of() : rows(reply.buttons()))
                .setFiles(reply.attachments().stream()
                        .map(a -> FileUpload.fromData(a.content(), a.fileName()))
                        .toList())
                .build();
    }

    static Button button(Reply.Button b) {
        String label = b.label().length() > 80 ? b.label().substring(0, 79) + "…" : b.label();
        return switch (b.style()) {
            case PRIMARY -> Button.primary(b.id(), label);
            case SECONDARY -> Button.secondary(b.id(), label);
            case SUCCESS -> Button.success(b.id(), label);
            case DANGER -> Button.danger(b.id(), label);
        };
    }

    static Modal modal(Reply.Modal m) {
        Modal.Builder b = Modal.create(m.id(), m.title());
        for (Reply.Field f : m.fields()) {
            TextInput.Builder input = TextInput.create(
                            f.id(), f.paragraph() ? TextInputStyle.PARAGRAPH : TextInputStyle.SHORT)
                    .setRequired(f.required());
            if (f.maxLength() > 0) {
                input.setMaxLength(Math.min(f.maxLength(), TextInput.MAX_VALUE_LENGTH));
            }
            b.addComponents(Label.of(f.label(), input.build()));
        }
        return b.build();
    }
}
