package org.campops.chat;

/** Turns one invocation into a reply; thrown {@link UserError}s become ephemeral messages. */
@FunctionalInterface
public interface Handler {
    Reply handle(Invocation invocation);
}
