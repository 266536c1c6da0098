package org.campops.chat;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How a handler ended: a member's mistake ({@link UserError}) becomes their reply, a bug becomes "something went
 * wrong" and one ERROR line with its stack trace under the router's logger, and the {@link CommandObserver} is told
 * every outcome and how long the handler took.
 */
final class Outcomes {
    /** The JDK's logging facade, so this package stays JDK-only; slf4j-jdk-platform-logging routes it to logback. */
    private static final System.Logger LOG = System.getLogger(CommandRouter.class.getName());
    /** How the handler running on this thread ended, when not {@code OK} (set by {@link #guarded}). */
    private static final ThreadLocal<CommandObserver.Outcome> OUTCOME = new ThreadLocal<>();

    private volatile CommandObserver observer = CommandObserver.NONE;

    /** Adds {@code o}: every observer is told, in the order they were added. */
    synchronized void observe(CommandObserver o) {
        CommandObserver before = observer;
        observer = before == CommandObserver.NONE
                ? o
                : (name, outcome, took) -> {
                    before.finished(name, outcome, took);
                    o.finished(name, outcome, took);
                };
    }

    /** Runs a handler, turning what it throws into a reply; {@link ButtonId.Invalid} is left to the caller. */
    static Reply guarded(Locale locale, String what, Supplier<Reply> work) {
        try {
            return work.get();
        } catch (ButtonId.Invalid e) {
            throw e;
        } catch (UserError e) {
            OUTCOME.set(CommandObserver.Outcome.REJECTED);
            return Reply.ephemeral(Messages.get(locale, e.key(), e.args()));
        } catch (RuntimeException e) {
            OUTCOME.set(CommandObserver.Outcome.FAILED);
            LOG.log(System.Logger.Level.ERROR, what + " failed", e);
            return Reply.ephemeral(Messages.get(locale, "error.internal"));
        }
    }

    /** Marks the handler running on this thread as refused (inside {@link #observed}). */
    static void markRejected() {
        OUTCOME.set(CommandObserver.Outcome.REJECTED);
    }

    /** Runs a handler (through {@link #guarded}) and tells the observer how it ended and how long it took. */
    Reply observed(String name, Supplier<Reply> handling) {
        long started = System.nanoTime();
        OUTCOME.remove();
        try {
            return handling.get();
        } finally {
            CommandObserver.Outcome outcome = OUTCOME.get();
            OUTCOME.remove();
            tell(
                    name,
                    outcome == null ? CommandObserver.Outcome.OK : outcome,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Tells the observer {@code name} was refused before any handler ran, and returns {@code reply}. */
    Reply rejected(String name, Reply reply) {
        tell(name, CommandObserver.Outcome.REJECTED, Duration.ZERO);
        return reply;
    }

    private void tell(String name, CommandObserver.Outcome outcome, Duration took) {
        try {
            observer.finished(name, outcome, took);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "command observer failed", e);
        }
    }
}
