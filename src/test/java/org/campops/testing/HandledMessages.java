package org.campops.testing;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.campops.app.RunningBot;
import org.campops.chat.ChatMessage;
import org.campops.chat.MessageListener;

/**
 * Tells a test when the bot has finished with a member's message, edit or deletion. It listens last on the bot's
 * router: the router hands each gateway message event to its listeners one after the other, on one thread, so when
 * this one hears of a message the features (Q&A answers, the search index) are done with it.
 *
 * <p>Attach it right after the bot started, before the messages are sent.
 */
public final class HandledMessages implements MessageListener {
    /** "created:ID", "edited:ID", "deleted:ID" (guarded by this). */
    private final Set<String> handled = new HashSet<>();

    private HandledMessages() {}

    public static HandledMessages attach(RunningBot bot) {
        HandledMessages probe = new HandledMessages();
        bot.app().router().addMessageListener(probe);
        return probe;
    }

    @Override
    public void onMessage(ChatMessage message) {
        record("created:" + message.messageId());
    }

    @Override
    public void onEdit(ChatMessage message) {
        record("edited:" + message.messageId());
    }

    @Override
    public void onDelete(String channelId, String messageId) {
        record("deleted:" + messageId);
    }

    private synchronized void record(String what) {
        handled.add(what);
        notifyAll();
    }

    /** Waits until the bot has handled the creation of message {@code messageId}. */
    public void awaitCreated(String messageId, Duration wait) throws InterruptedException {
        await("created:" + messageId, wait);
    }

    /** Waits until the bot has handled an edit of message {@code messageId}. */
    public void awaitEdited(String messageId, Duration wait) throws InterruptedException {
        await("edited:" + messageId, wait);
    }

    /** Waits until the bot has handled the deletion of message {@code messageId}. */
    public void awaitDeleted(String messageId, Duration wait) throws InterruptedException {
        await("deleted:" + messageId, wait);
    }

    private synchronized void await(String what, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!handled.contains(what)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the bot did not handle message event " + what + " within " + wait);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
