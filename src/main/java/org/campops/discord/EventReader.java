package org.campops.discord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import org.campops.chat.ButtonId;
import org.campops.chat.Caller;
import org.campops.chat.ChatMessage;
import org.campops.chat.ComponentEvent;
import org.campops.chat.Invocation;
import org.campops.chat.Messages;
import org.campops.chat.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads JDA's events as the chat core's values: who is calling (name, camp roles, language), which command with
 * which options, which button or form, which message.
 */
final class EventReader {
    private static final Logger LOG = LoggerFactory.getLogger(EventReader.class);

    private final RoleMapper roles;
    private final Locale defaultLocale;

    EventReader(RoleMapper roles, Locale defaultLocale) {
        this.roles = roles;
        this.defaultLocale = defaultLocale;
    }

    /** A slash command, or the options typed so far when Discord asks for suggestions. */
    Invocation command(CommandInteractionPayload event) {
        String path =
                event.getSubcommandName() == null ? event.getName() : event.getName() + " " + event.getSubcommandName();
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) {
            options.put(o.getName(), o.getAsString());
        }
        return new Invocation(path, caller(event), event.getChannelId(), options, locale(event.getUserLocale()));
    }

    /** A message's context-menu action: the message is given as the options message_id, _author_id and _content. */
    Invocation messageAction(MessageContextInteractionEvent event) {
        Message target = event.getTarget();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("message_id", target.getId());
        options.put("message_author_id", target.getAuthor().getId());
        options.put("message_content", target.getContentRaw());
        return new Invocation(
                event.getName(), caller(event), event.getChannelId(), options, locale(event.getUserLocale()));
    }

    ComponentEvent button(ButtonInteractionEvent event) {
        return new ComponentEvent(
                ButtonId.decode(event.getComponentId()),
                caller(event),
                event.getChannelId(),
                event.getMessageId(),
                Map.of(),
                locale(event.getUserLocale()));
    }

    /** A submitted form, its fields by id; the message it was opened from when there is one. */
    ComponentEvent form(ModalInteractionEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (ModalMapping m : event.getValues()) {
            fields.put(m.getCustomId(), m.getAsString());
        }
        return new ComponentEvent(
                ButtonId.decode(event.getModalId()),
                caller(event),
                event.getChannelId(),
                event.getMessage() == null ? null : event.getMessage().getId(),
                fields,
                locale(event.getUserLocale()));
    }

    /** A message as the features record it: its latest text and time, and the forum post it is in, if any. */
    ChatMessage message(Message msg, Member member) {
        String name =
                member != null ? member.getEffectiveName() : msg.getAuthor().getName();
        Instant at = (msg.getTimeEdited() != null ? msg.getTimeEdited() : msg.getTimeCreated()).toInstant();
        String parent = null;
        if (msg.getChannel() instanceof ThreadChannel thread) {
            try {
                parent = thread.getParentChannel().getId();
            } catch (RuntimeException e) {
                LOG.debug("parent of thread {} unknown: {}", thread.getId(), e.toString());
            }
        }
        return new ChatMessage(
                msg.getId(),
                msg.getChannel().getId(),
                msg.getAuthor().getId(),
                name,
                safeRoles(member),
                msg.getAuthor().isBot(),
                msg.getContentRaw(),
                at,
                parent);
    }

    /** The member's language when the bot speaks it, the camp's otherwise. */
    Locale locale(DiscordLocale userLocale) {
        return Messages.supported(userLocale.getLocale(), defaultLocale);
    }

    private Caller caller(Interaction interaction) {
        Member member = interaction.getMember();
        String name = member != null
                ? member.getEffectiveName()
                : interaction.getUser().getName();
        return new Caller(interaction.getUser().getId(), name, safeRoles(member));
    }

    private Set<Role> safeRoles(Member member) {
        try {
            return roles.rolesOf(member);
        } catch (RuntimeException e) {
            // Detached guilds (the bot is not a member) have no role cache; treat as no camp role.
            LOG.debug("cannot read roles: {}", e.getMessage());
            return Set.of();
        }
    }
}
