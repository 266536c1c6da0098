package org.campops.discord;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import org.campops.chat.ChatMessage;
import org.campops.chat.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camp server's messages created, edited and deleted (other servers' and DMs are dropped), handed to the features' message listeners in the order they happened
 * (on one thread); after an orderly stop began they are left to Discord.
 */
final class MessageEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MessageEvents.class);

    private final CommandRouter router;
    private final EventReader reader;
    /** One thread, so a message's creation, edits and deletion are recorded in the order they happened. */
    private final ExecutorService thread;

    private final BooleanSupplier accepting;
    private final Predicate<Guild> camp;

    MessageEvents(
            CommandRouter router,
            EventReader reader,
            ExecutorService thread,
            BooleanSupplier accepting,
            Predicate<Guild> camp) {
        this.router = router;
        this.reader = reader;
        this.thread = thread;
        this.accepting = accepting;
        this.camp = camp;
    }

    void created(MessageReceivedEvent event) {
        if (!event.isFromGuild()
                || !camp.test(event.getGuild())
                || event.getAuthor().isSystem()) {
            return;
        }
        ChatMessage m = reader.message(event.getMessage(), event.getMember());
        record(() -> router.messageCreated(m));
    }

    void edited(MessageUpdateEvent event) {
        if (!event.isFromGuild() || !camp.test(event.getGuild())) {
            return;
        }
        ChatMessage m = reader.message(event.getMessage(), event.getMember());
        record(() -> router.messageEdited(m));
    }

    void deleted(MessageDeleteEvent event) {
        if (!event.isFromGuild() || !camp.test(event.getGuild())) {
            return;
        }
        String channelId = event.getChannel().getId();
        String messageId = event.getMessageId();
        record(() -> router.messageDeleted(channelId, messageId));
    }

    private void record(Runnable work) {
        if (!accepting.getAsBoolean()) {
            return;
        }
        try {
            thread.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("message event arrived while stopping; not recorded");
        }
    }
}
