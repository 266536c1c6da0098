package org.campops.chat;

/** Handles the buttons and modals of one feature (the first part of their {@link ButtonId}). */
@FunctionalInterface
public interface ComponentHandler {
    Reply handle(ComponentEvent event);
}
