package org.campops.discord;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IMessageEditCallback;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an interaction within Discord's 3 seconds: the handler runs on a worker; a quick answer is the reply
 * itself, a slow one is deferred after {@link #DEFER_AFTER_MS} and sent through the interaction hook later.
 * Buttons are acknowledged with a deferred edit, so a slow answer can still replace the message the button is on.
 */
final class InteractionAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionAnswers.class);
    static final long DEFER_AFTER_MS = 1500;

    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final EventReader reader;
    private final BooleanSupplier accepting;

    InteractionAnswers(
            ExecutorService workers, ScheduledExecutorService timer, EventReader reader, BooleanSupplier accepting) {
        this.workers = workers;
        this.timer = timer;
        this.reader = reader;
        this.accepting = accepting;
    }

    /** Runs {@code work} and answers {@code event} with its reply; while stopping, answers "restarting" instead. */
    void answer(IReplyCallback event, String what, Supplier<Reply> work) {
        if (!accepting.getAsBoolean()) {
            // Shutting down: say so at once rather than start something that may not finish.
            event.reply(Messages.get(reader.locale(event.getUserLocale()), "error.restarting"))
                    .setEphemeral(true)
                    .queue(null, err -> LOG.debug("restart notice failed: {}", err.getMessage()));
            return;
        }
        boolean button = event instanceof ButtonInteractionEvent;
        // 0 = open, 1 = deferred, 2 = answered directly
        AtomicInteger state = new AtomicInteger();
        ScheduledFuture<?> deferral = timer.schedule(
                () -> {
                    if (state.compareAndSet(0, 1)) {
                        if (button) {
                            ((ButtonInteractionEvent) event)
                                    .deferEdit()
                                    .queue(null, err -> LOG.warn("defer failed: {}", err.getMessage()));
                        } else {
                            event.deferReply(true).queue(null, err -> LOG.warn("defer failed: {}", err.getMessage()));
                        }
                    }
                },
                DEFER_AFTER_MS,
                TimeUnit.MILLISECONDS);
        workers.execute(() -> {
            try {
                respond(event, what, work, button, state);
                deferral.cancel(false); // answered (or deferred already): the timer need not wake for it
            } catch (RejectedExecutionException e) {
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
                modalCallback
                        .replyModal(ReplyRenderer.modal(reply.modal()))
                        .queue(null, err -> LOG.warn("modal for {} failed: {}", what, err.getMessage()));
            } else if (reply.editsMessage() && event instanceof IMessageEditCallback editCallback) {
                editCallback
                        .editMessage(ReplyRenderer.edit(reply))
                        .queue(null, err -> LOG.warn("edit for {} failed: {}", what, err.getMessage()));
            } else {
                event.reply(parts.get(0))
                        .setEphemeral(reply.ephemeral())
                        .queue(
                                ok -> followUps(event, parts, reply.ephemeral(), 1),
                                err -> LOG.warn("reply to {} failed: {}", what, err.getMessage()));
            }
            return;
        }
        if (reply.modal() != null) {
            // A form must be the first answer; too late now.
            Reply late = Reply.ephemeral(Messages.get(reader.locale(event.getUserLocale()), "error.formTooLate"));
            event.getHook()
                    .sendMessage(ReplyRenderer.render(late).get(0))
                    .setEphemeral(true)
                    .queue();
        } else if (button && reply.editsMessage()) {
            event.getHook()
                    .editOriginal(ReplyRenderer.edit(reply))
                    .queue(null, err -> LOG.warn("deferred edit for {} failed: {}", what, err.getMessage()));
        } else if (button) {
            followUps(event, parts, reply.ephemeral(), 0);
        } else {
            event.getHook()
                    .editOriginal(MessageEditData.fromCreateData(parts.get(0)))
                    .queue(
                            ok -> followUps(event, parts, reply.ephemeral(), 1),
                            err -> LOG.warn("deferred reply to {} failed: {}", what, err.getMessage()));
        }
    }

    /** The reply's parts from {@code from} on, as follow-up messages. */
    private static void followUps(IReplyCallback event, List<MessageCreateData> parts, boolean ephemeral, int from) {
        for (MessageCreateData part : parts.subList(from, parts.size())) {
            event.getHook().sendMessage(part).setEphemeral(ephemeral).queue();
        }
    }
}
