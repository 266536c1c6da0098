package org.campops.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.campops.chat.Caller;
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
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
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
    private final List<SlashCommandData> commands;

    InteractionListener(CommandRouter router, RoleMapper roles, Locale defaultLocale,
                        ExecutorService workers, ScheduledExecutorService timer) {
        this.router = router;
        this.roles = roles;
        this.defaultLocale = defaultLocale;
        this.workers = workers;
        this.timer = timer;
        this.commands = SlashCommands.of(router.commands());
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
        // 0 = open, 1 = deferred, 2 = answered directly
        AtomicInteger state = new AtomicInteger();
        timer.schedule(() -> {
            if (state.compareAndSet(0, 1)) {
                event.deferReply(true).queue(null, err -> LOG.warn("defer failed: {}", err.getMessage()));
            }
        }, DEFER_AFTER_MS, TimeUnit.MILLISECONDS);
        workers.execute(() -> {
            Reply reply = router.route(inv);
            List<MessageCreateData> parts = ReplyRenderer.render(reply);
            if (state.compareAndSet(0, 2)) {
                event.reply(parts.get(0)).setEphemeral(reply.ephemeral()).queue(
                        ok -> followUps(event, parts, reply.ephemeral()),
                        err -> LOG.warn("reply to /{} failed: {}", inv.path(), err.getMessage()));
            } else {
                event.getHook().editOriginal(MessageEditData.fromCreateData(parts.get(0))).queue(
                        ok -> followUps(event, parts, reply.ephemeral()),
                        err -> LOG.warn("deferred reply to /{} failed: {}", inv.path(), err.getMessage()));
            }
        });
    }

    private static void followUps(SlashCommandInteractionEvent event, List<MessageCreateData> parts, boolean ephemeral) {
        for (MessageCreateData part : parts.subList(1, parts.size())) {
            event.getHook().sendMessage(part).setEphemeral(ephemeral).queue();
        }
    }

    private Invocation toInvocation(SlashCommandInteractionEvent event) {
        String path = event.getSubcommandName() == null ? event.getName()
                : event.getName() + " " + event.getSubcommandName();
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) {
            options.put(o.getName(), o.getAsString());
        }
        Member member = event.getMember();
        String name = member != null ? member.getEffectiveName() : event.getUser().getName();
        Caller caller = new Caller(event.getUser().getId(), name, safeRoles(member));
        Locale locale = Messages.supported(event.getUserLocale().getLocale(), defaultLocale);
        return new Invocation(path, caller, event.getChannelId(), options, locale);
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
