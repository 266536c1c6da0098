package org.campops.discord;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;
import org.campops.chat.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members leaving the camp's server (GUILD_MEMBER_REMOVE: left or kicked; GUILD_BAN_ADD: banned), handed to the
 * features' member listeners on the message thread (in order, off JDA's). Only the camp's server counts: the same
 * member leaving another server the bot is in changes nothing.
 */
final class MemberEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MemberEvents.class);

    private final CommandRouter router;
    private final String campGuildId;
    private final ExecutorService thread;
    private final BooleanSupplier accepting;

    MemberEvents(CommandRouter router, String campGuildId, ExecutorService thread, BooleanSupplier accepting) {
        this.router = router;
        this.campGuildId = campGuildId;
        this.thread = thread;
        this.accepting = accepting;
    }

    void left(Guild guild, User user, String how) {
        if (guild == null || !guild.getId().equals(campGuildId)) {
            LOG.info(
                    "member {} {} server {}, not the camp's: ignored",
                    user.getId(),
                    how,
                    guild == null ? "?" : guild.getId());
            return;
        }
        if (!accepting.getAsBoolean()) {
            return;
        }
        String userId = user.getId();
        String name = user.getName();
        LOG.info("member {} {} the camp's server", userId, how);
        try {
            thread.execute(() -> router.memberLeft(userId, name));
        } catch (RejectedExecutionException e) {
            LOG.warn("member {} {} the server while the bot was stopping; not handled", userId, how);
        }
    }
}
