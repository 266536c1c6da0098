package org.campops.discord;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.GuildBanEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.campops.chat.CommandRouter;
import org.campops.chat.ComponentEvent;
import org.campops.chat.Invocation;
import org.campops.config.CampConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's one JDA listener: registers the commands in the camp's server only, turns away everything from any other
 * server or a DM ({@link CampServer}), hands the camp's interactions to the router (read by
 * {@link EventReader}, answered by {@link InteractionAnswers}, suggestions by {@link Autocomplete}) and messages to
 * {@link MessageEvents}, members leaving to {@link MemberEvents}. After {@link #stopAccepting()} nothing new is started.
 */
final class InteractionListener extends ListenerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionListener.class);

    private final CommandRouter router;
    private final List<CommandData> commands;
    private final EventReader reader;
    private final InteractionAnswers answers;
    private final Autocomplete autocomplete;
    private final MessageEvents messages;
    private final CampServer camp;
    private final MemberEvents members;
    private volatile boolean accepting = true;

    InteractionListener(
            CommandRouter router,
            CampConfig config,
            ExecutorService workers,
            ScheduledExecutorService timer,
            ExecutorService messageEvents) {
        this.router = router;
        this.commands = SlashCommands.of(router.commands(), router.actions());
        this.reader =
                new EventReader(new RoleMapper(config.discord()), config.camp().locale());
        this.camp = new CampServer(config, reader);
        this.answers = new InteractionAnswers(workers, timer, reader, this::accepting);
        this.autocomplete = new Autocomplete(router, reader);
        this.messages = new MessageEvents(router, reader, messageEvents, this::accepting, camp::isCamp);
        this.members = new MemberEvents(router, config.discord().guildId(), messageEvents, this::accepting);
    }

    /** From now on interactions are answered "restarting, try again in a minute" instead of handled. */
    void stopAccepting() {
        accepting = false;
    }

    /** Stops the autocomplete thread (its suggestions are worthless once Discord is disconnected). */
    void close() {
        accepting = false;
        autocomplete.close();
    }

    private boolean accepting() {
        return accepting;
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        if (camp.isCamp(event.getGuild())) {
            register(event.getGuild());
        }
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        if (camp.isCamp(event.getGuild())) {
            register(event.getGuild());
        } else {
            camp.foreign(event.getGuild(), event.getJDA());
        }
    }

    @Override
    public void onReady(ReadyEvent event) {
        // Never global: commands exist only in the camp's server. An older version registered them globally when
        // the bot was in no server yet; an empty list takes those away.
        event.getJDA()
                .updateCommands()
                .queue(
                        ok -> LOG.debug("no global commands"),
                        err -> LOG.warn("clearing global commands failed: {}", err.getMessage()));
        // Every server is known now: the others are left (only while the camp's server is among them).
        for (Guild guild : event.getJDA().getGuilds()) {
            if (!camp.isCamp(guild)) {
                camp.foreign(guild, event.getJDA());
            }
        }
    }

    private void register(Guild guild) {
        guild.updateCommands()
                .addCommands(commands)
                .queue(
                        ok -> LOG.info("registered {} commands in guild {}", ok.size(), guild.getId()),
                        err -> LOG.warn(
                                "command registration in guild {} failed: {}", guild.getId(), err.getMessage()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!camp.isCamp(event)) {
            camp.refuse(event, "/" + event.getFullCommandName());
            return;
        }
        Invocation inv = reader.command(event);
        answers.answer(event, "/" + inv.path(), () -> router.route(inv));
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        if (!camp.isCamp(event)) {
            camp.refuse(event, event.getName());
            return;
        }
        Invocation inv = reader.messageAction(event);
        answers.answer(event, event.getName(), () -> router.runAction(event.getName(), inv));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        if (!camp.isCamp(event)) {
            camp.refuse(event, "button " + event.getComponentId());
            return;
        }
        ComponentEvent ce = reader.button(event);
        answers.answer(event, "button " + event.getComponentId(), () -> router.press(ce));
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        if (!camp.isCamp(event)) {
            camp.refuse(event, "modal " + event.getModalId());
            return;
        }
        ComponentEvent ce = reader.form(event);
        answers.answer(event, "modal " + event.getModalId(), () -> router.press(ce));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        if (!camp.isCamp(event)) {
            camp.refuse(event);
        } else if (accepting) {
            autocomplete.suggest(event);
        }
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        messages.created(event);
    }

    @Override
    public void onMessageUpdate(MessageUpdateEvent event) {
        messages.edited(event);
    }

    @Override
    public void onMessageDelete(MessageDeleteEvent event) {
        messages.deleted(event);
    }

    @Override
    public void onGuildMemberRemove(GuildMemberRemoveEvent event) {
        members.left(event.getGuild(), event.getUser(), "left (or was kicked from)");
    }

    @Override
    public void onGuildBan(GuildBanEvent event) {
        members.left(event.getGuild(), event.getUser(), "was banned from");
    }
}
