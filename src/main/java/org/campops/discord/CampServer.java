package org.campops.discord;

import java.util.Locale;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.campops.chat.Messages;
import org.campops.config.CampConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camp's one server ({@code discord.guildId}). Only what happens there counts: an interaction from any other
 * server, or from a DM, gets one short ephemeral "this bot serves only the camp" and nothing else happens; messages
 * and member events from elsewhere are dropped; another server the bot finds itself in is left (unless
 * {@code discord.leaveOtherServers} is false), and no command is ever registered there.
 */
final class CampServer {
    private static final Logger LOG = LoggerFactory.getLogger(CampServer.class);

    private final String guildId;
    private final String campName;
    private final boolean leaveOthers;
    private final EventReader reader;

    CampServer(CampConfig config, EventReader reader) {
        this.guildId = config.discord().guildId();
        this.campName = config.camp().name();
        this.leaveOthers = config.discord().leaveOtherServers();
        this.reader = reader;
    }

    boolean isCamp(Guild guild) {
        return guild != null && guildId.equals(guild.getId());
    }

    /** True for an interaction made in the camp's server; false for one from another server or a DM. */
    boolean isCamp(Interaction interaction) {
        Guild guild = interaction.getGuild();
        return interaction.isFromGuild() && guild != null && guildId.equals(guild.getId());
    }

    /** The one answer an interaction from outside the camp's server gets. */
    void refuse(IReplyCallback event, String what) {
        LOG.info(
                "refused {} by user {} from {}: this bot serves only server {}",
                what,
                event.getUser().getId(),
                where(event),
                guildId);
        Locale locale = reader.locale(event.getUserLocale());
        event.reply(Messages.get(locale, "error.otherServer", campName))
                .setEphemeral(true)
                .queue(null, err -> LOG.debug("refusal failed: {}", err.getMessage()));
    }

    /** Suggestions are never offered outside the camp's server. */
    void refuse(CommandAutoCompleteInteractionEvent event) {
        event.replyChoices().queue(null, err -> LOG.debug("empty suggestions failed: {}", err.getMessage()));
    }

    /**
     * A server other than the camp's: warned about, and left unless the config says to stay (then only ignored). A bot
     * that is not in the camp's server leaves nothing: a mistyped {@code discord.guildId} must not make it walk out of
     * the real camp; it then ignores every server and says so.
     */
    void foreign(Guild guild, JDA jda) {
        if (jda.getGuildById(guildId) == null) {
            LOG.error(
                    "The bot is not in the camp's server (discord.guildId {}) but in {} ({}): everything is refused "
                            + "until discord.guildId names the camp's server. Nothing is left.",
                    guildId,
                    guild.getName(),
                    guild.getId());
        } else if (leaveOthers) {
            LOG.warn(
                    "The bot is in server {} ({}), which is not the camp's (discord.guildId {}): leaving it. "
                            + "Turn \"Public Bot\" off in the Developer Portal so nobody else can add it.",
                    guild.getName(),
                    guild.getId(),
                    guildId);
            guild.leave()
                    .queue(
                            ok -> LOG.info("left server {}", guild.getId()),
                            err -> LOG.warn("could not leave server {}: {}", guild.getId(), err.getMessage()));
        } else {
            LOG.warn(
                    "The bot is in server {} ({}), which is not the camp's (discord.guildId {}): everything from it "
                            + "is ignored (discord.leaveOtherServers is false).",
                    guild.getName(),
                    guild.getId(),
                    guildId);
        }
    }

    private static String where(Interaction interaction) {
        Guild guild = interaction.getGuild();
        return interaction.isFromGuild() && guild != null ? "server " + guild.getId() : "a direct message";
    }
}
