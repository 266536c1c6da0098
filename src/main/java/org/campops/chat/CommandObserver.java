package org.campops.chat;

import java.time.Duration;

/**
 * Told about every command, action, button and form the router handled (metrics). {@code name} is a
 * declared name, never member text: the command's path ({@code "remind set"}), the action's name,
 * {@code "component:<feature>"}, or {@code "unknown"}. It is called on the handler's thread and must
 * return quickly and never throw.
 */
public interface CommandObserver {
    /** How an invocation ended. */
    enum Outcome {
        /** The handler answered. */
        OK,
        /** Refused before or by the handler: unknown command, missing role, bad option, a {@link UserError}, a stale button. */
        REJECTED,
        /** The handler threw: the member saw "something went wrong". */
        FAILED
    }

    CommandObserver NONE = (name, outcome, took) -> {};

    void finished(String name, Outcome outcome, Duration took);
}
