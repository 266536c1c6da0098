package org.campops.testing;

import org.campops.delivery.DeliveryKey;

/** A delivery key of a test that queues rows of its own (the outbox's tests), not of a feature. */
public record TestKey(String text) implements DeliveryKey {}
