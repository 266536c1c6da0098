package org.campops.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.campops.chat.ButtonId;
import org.campops.chat.Caller;
import org.campops.chat.ChatMessage;
import org.campops.chat.ComponentEvent;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.callbacks.IMessageEditCallback;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import org.campops.chat.CommandRouter;
import org.campops.chat.Invocation;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Discord interactions into {@link Invocation}s for the router and renders the replies.
 * Handlers run off JDA's event thread; if one has not answered within {@link #DEFER_AFTER_MS}
 * the interaction is deferred, so Discord's 3-second limit is always met.
 */
final class InteractionListener extends ListenerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionListener.class);
    static final long DEFER_AFTER_MS = 1500;

    private final CommandRouter router;
    private final RoleMapper roles;
    private final Locale defaultLocale;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    /** One thread, so a message's creation, edits and deletion are recorded in the order they happened. */
    private final ExecutorService messageEvents;
    private final ExecutorService autocomplete = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "campops-autocomplete");
        t.setDaemon(true);
        return t;
    });
    private final List<CommandData> commands;
    private volatile boolean accepting = true;

    /** From now on interactions are answered "restarting, try again in a minute" instead of handled. */
    void stopAccepting() {
        accepting = false;
    }

    /** Stops the autocomplete thread (its suggestions are worthless once Discord is disconnected). */
    void close() {
        accepting = false;
        autocomplete.shutdownNow();
    }

    InteractionListener(CommandRouter router, RoleMapper roles, Locale defaultLocale,
                        ExecutorService workers, ScheduledExecutorService timer, ExecutorService messageEvents) {
        this.messageEvents = messageEvents;
        this.router = router;
        this.roles = roles;
        this.defaultLocale = defaultLocale;
        this.workers = workers;
        this.timer = timer;
        this.commands = SlashCommands.of(router.commands(), router.actions());
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        register(event.getGuild());
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        register(event.getGuild());
    }

    @Override
    public void onReady(ReadyEvent event) {
        if (event.getGuildTotalCount() == 0) {
            // No guild yet: register globally so the commands appear wherever the bot is added.
            event.getJDA().updateCommands().addCommands(commands).queue(
                    ok -> LOG.info("registered {} global commands", ok.size()),
                    err -> LOG.warn("global command registration failed: {}", err.getMessage()));
        }
    }

    private void register(net.dv8tion.jda.api.entities.Guild guild) {
        guild.updateCommands().addCommands(commands).queue(
                ok -> LOG.info("registered {} commands in guild {}", ok.size(), guild.getId()),
                err -> LOG.warn("command registration in guild {} failed: {}", guild.getId(), err.getMessage()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Invocation inv = toInvocation(event);
        answer(event, "/" + inv.path(), () -> router.route(inv));
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        Message target = event.getTarget();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("message_id", target.getId());
        options.put("message_author_id", target.getAuthor().getId());
        options.put("message_content", target.getContentRaw());
        Invocation inv = new Invocation(event.getName(), caller(event.getMember(), event.getUser()),
                event.getChannelId(), options, locale(event.getUserLocale()));
        answer(event, event.getName(), () -> router.runAction(event.getName(), inv));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        ComponentEvent ce = new ComponentEvent(ButtonId.decode(event.getComponentId()),
                caller(event.getMember(), event.getUser()), event.getChannelId(), event.getMessageId(), Map.of(),
                locale(event.getUserLocale()));
        answer(event, "button " + event.getComponentId(), () -> router.press(ce));
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (ModalMapping m : event.getValues()) {
            fields.put(m.getCustomId(), m.getAsString());
        }
        ComponentEvent ce = new ComponentEvent(ButtonId.decode(event.getModalId()),
                caller(event.getMember(), event.getUser()), event.getChannelId(),
                event.getMessage() == null ? null : event.getMessage().getId(), fields, locale(event.getUserLocale()));
        answer(event, "modal " + event.getModalId(), () -> router.press(ce));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        if (!accepting) {
            return;
        }
        String path = event.getSubcommandName() == null ? event.getName() : event.getName() + " " + event.getSubcommandName();
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) {
            options.put(o.getName(), o.getAsString());
        }
        Invocation partial = new Invocation(path, caller(event.getMember(), event.getUser()), event.getChannelId(),
                options, locale(event.getUserLocale()));
        AutoCompleteQuery focused = event.getFocusedOption();
        // Its own thread: suggestions must not wait behind slow commands (Discord drops them after 3 s).
        try {
            autocomplete.execute(() -> {
                List<Command.Choice> choices = router.complete(partial, focused.getName(), focused.getValue()).stream()
                        .map(c -> new Command.Choice(clip(c.label(), 100), clip(c.value(), 100)))
                        .toList();
                event.replyChoices(choices).queue(null, err -> LOG.debug("autocomplete reply failed: {}", err.getMessage()));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("autocomplete request arrived while stopping; not answered");
        }
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (!event.isFromGuild() || event.getAuthor().isSystem()) {
            return;
        }
        ChatMessage m = chatMessage(event.getMessage(), event.getMember());
        record(() -> router.messageCreated(m));
    }

    @Override
    public void onMessageUpdate(MessageUpdateEvent event) {
        if (!event.isFromGuild()) {
            return;
        }
        ChatMessage m = chatMessage(event.getMessage(), event.getMember());
        record(() -> router.messageEdited(m));
    }

    @Override
    public void onMessageDelete(MessageDeleteEvent event) {
        String channelId = event.getChannel().getId();
        String messageId = event.getMessageId();
        record(() -> router.messageDeleted(channelId, messageId));
    }

    /** Message events are recorded in order on one thread; after an orderly stop began they are left to Discord. */
    private void record(Runnable work) {
        if (!accepting) {
            return;
        }
        try {
            messageEvents.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("message event arrived while stopping; not recorded");
        }
    }

    private ChatMessage chatMessage(Message msg, Member member) {
        String name = member != null ? member.getEffectiveName() : msg.getAuthor().getName();
        java.time.Instant at = (msg.getTimeEdited() != null ? msg.getTimeEdited() : msg.getTimeCreated()).toInstant();
        String parent = null;
        if (msg.getChannel() instanceof net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel thread) {
            try {
                parent = thread.getParentChannel().getId();
            } catch (RuntimeException e) {
                LOG.debug("parent of thread {} unknown: {}", thread.getId(), e.toString());
            }
        }
        return new ChatMessage(msg.getId(), msg.getChannel().getId(), msg.getAuthor().getId(), name,
                safeRoles(member), msg.getAuthor().isBot(), msg.getContentRaw(), at, parent);
    }

    /**
     * Runs the handler on a worker; answers directly when it is quick, otherwise acknowledges after
     * {@link #DEFER_AFTER_MS} and answers through the interaction hook later. Buttons are acknowledged
     * with a deferred edit, so a slow answer can still replace the message the button is on.
     */
    private void answer(IReplyCallback event, String what, Supplier<Reply> work) {
        if (!accepting) {
            // Shutting down: say so at once rather than start something that may not finish.
            event.reply(Messages.get(locale(event.getUserLocale()), "error.restarting")).setEphemeral(true)
                    .queue(null, err -> LOG.debug("restart notice failed: {}", err.getMessage()));
            return;
        }
        boolean button = event instanceof ButtonInteractionEvent;
        // 0 = open, 1 = deferred, 2 = answered directly
        AtomicInteger state = new AtomicInteger();
        timer.schedule(() -> {
            if (state.compareAndSet(0, 1)) {
                if (button) {
                    ((ButtonInteractionEvent) event).deferEdit().queue(null, err -> LOG.warn("defer failed: {}", err.getMessage()));
                } else {
                    event.deferReply(true).queue(null, err -> LOG.warn("defer failed: {}", err.getMessage()));
                }
            }
        }, DEFER_AFTER_MS, TimeUnit.MILLISECONDS);
        workers.execute(() -> {
            try {
                respond(event, what, work, button, state);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Stopping: the work is committed, but Discord is being disconnected; the member may retry.
                LOG.info("answer to {} not sent: the bot is stopping", what);
            }
        });
    }

    private void respond(IReplyCallback event, String what, Supplier<Reply> work, boolean button, AtomicInteger state) {
        Reply reply = work.get();
        List<MessageCreateData> parts = ReplyRenderer.render(reply);
        if (state.compareAndSet(0, 2)) {
            if (reply.modal() != null && event instanceof IModalCallback modalCallback) {
                modalCallback.replyModal(ReplyRenderer.modal(reply.modal())).queue(null,
                        err -> LOG.warn("modal for {} failed: {}", what, err.getMessage()));
            } else if (reply.editsMessage() && event instanceof IMessageEditCallback editCallback) {
                editCallback.editMessage(ReplyRenderer.edit(reply)).queue(null,
                        err -> LOG.warn("edit for {} failed: {}", what, err.getMessage()));
            } else {
                event.reply(parts.get(0)).setEphemeral(reply.ephemeral()).queue(
                        ok -> followUps(event, parts, reply.ephemeral()),
                        err -> LOG.warn("reply to {} failed: {}", what, err.getMessage()));
            }
            return;
        }
        if (reply.modal() != null) {
            // A form must be the first answer; too late now.
            Reply late = Reply.ephemeral(Messages.get(locale(event.getUserLocale()), "error.formTooLate"));
            event.getHook().sendMessage(ReplyRenderer.render(late).get(0)).setEphemeral(true).queue();
        } else if (button && reply.editsMessage()) {
            event.getHook().editOriginal(ReplyRenderer.edit(reply)).queue(null,
                    err -> LOG.warn("deferred edit for {} failed: {}", what, err.getMessage()));
        } else if (button) {
            followUps(event, parts, reply.ephemeral(), 0);
        } else {
            event.getHook().editOriginal(MessageEditData.fromCreateData(parts.get(0))).queue(
                    ok -> followUps(event, parts, reply.ephemeral()),
                    err -> LOG.warn("deferred reply to {} failed: {}", what, err.getMessage()));
        }
    }

    private static void followUps(IReplyCallback event, List<MessageCreateData> parts, boolean ephemeral) {
        followUps(event, parts, ephemeral, 1);
    }

    private static void followUps(IReplyCallback event, List<MessageCreateData> parts, boolean ephemeral, int from) {
        for (MessageCreateData part : parts.subList(from, parts.size())) {
            event.getHook().sendMessage(part).setEphemeral(ephemeral).queue();
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private Caller caller(Member member, net.dv8tion.jda.api.entities.User user) {
        String name = member != null ? member.getEffectiveName() : user.getName();
        return new Caller(user.getId(), name, safeRoles(member));
    }

    private Locale locale(DiscordLocale userLocale) {
        return Messages.supported(userLocale.getLocale(), defaultLocale);
    }

    private Invocation toInvocation(SlashCommandInteractionEvent event) {
        String path = event.getSubcommandName() == null ? event.getName()
                : event.getName() + " " + event.getSubcommandName();
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) {
            options.put(o.getName(), o.getAsString());
        }
        return new Invocation(path, caller(event.getMember(), event.getUser()), event.getChannelId(), options,
                locale(event.getUserLocale()));
    }

    private java.util.Set<org.campops.chat.Role> safeRoles(Member member) {
        try {
            return roles.rolesOf(member);
        } catch (RuntimeException e) {
            // Detached guilds (the bot is not a member) have no role cache; treat as no camp role.
            LOG.debug("cannot read roles: {}", e.getMessage());
            return java.util.Set.of();
        }
    }
}
