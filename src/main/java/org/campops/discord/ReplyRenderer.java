package org.campops.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/** Renders {@link Reply}s as JDA messages: at most 2,000 characters each, buttons on the last part. */
final class ReplyRenderer {
    private ReplyRenderer() {
    }

    static List<MessageCreateData> render(Reply reply) {
        List<String> parts = Texts.split(reply.text(), Texts.MAX_MESSAGE);
        List<MessageCreateData> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            MessageCreateBuilder b = new MessageCreateBuilder().setContent(parts.get(i))
                    .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
            if (i == parts.size() - 1 && !reply.buttons().isEmpty()) {
                b.setComponents(ActionRow.of(reply.buttons().stream().map(ReplyRenderer::button).toList()));
            }
            out.add(b.build());
        }
        return out;
    }

    static Button button(Reply.Button b) {
        return switch (b.style()) {
            case PRIMARY -> Button.primary(b.id(), b.label());
            case SECONDARY -> Button.secondary(b.id(), b.label());
            case SUCCESS -> Button.success(b.id(), b.label());
            case DANGER -> Button.danger(b.id(), b.label());
        };
    }
}
