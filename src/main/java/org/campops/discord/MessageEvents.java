package org.campops.discord;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import org.campops.chat.ChatMessage;
import org.campops.chat.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server messages created, edited and deleted, handed to the features' message listeners in the order they happened
 * (on one thread); after an orderly stop began they are left to Discord.
 */
final class MessageEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MessageEvents.class);

    private final CommandRouter router;
    private final EventReader reader;
    /** One thread, so a message's creation, edits and deletion are recorded in the order they happened. */
    private final ExecutorService thread;
    private final BooleanSupplier accepting;

    MessageEvents(CommandRouter router, EventReader reader, ExecutorService thread, BooleanSupplier accepting) {
        this.router = router;
        this.reader = reader;
        this.thread = thread;
        this.accepting = accepting;
    }

    void created(MessageReceivedEvent event) {
        if (!event.isFromGuild() || event.getAuthor().isSystem()) {
            return;
        }
        ChatMessage m = reader.message(event.getMessage(), event.getMember());
        record(() -> router.messageCreated(m));
    }

    void edited(MessageUpdateEvent event) {
        if (!event.isFromGuild()) {
            return;
        }
        ChatMessage m = reader.message(event.getMessage(), event.getMember());
        record(() -> router.messageEdited(m));
    }

    void deleted(MessageDeleteEvent event) {
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
