package org.campops.app;

import java.time.Duration;

/**
 * The gateway holder before this one, as a new holder learns it from its claim ({@link GatewayHolder.Lock#claim}):
 * whether it left the gateway in order, whether its process has certainly ended (it ran on this host and is gone:
 * {@link HolderProcess#ended}), and how long before this claim it claimed.
 */
record LastHolder(boolean leftInOrder, boolean ended, Duration claimedBefore) {
    static final LastHolder UNKNOWN = new LastHolder(false, false, Duration.ZERO);

    /**
     * How long to wait before connecting. Nothing after an orderly leave. After an ended holder, the rest of the
     * fence that began with its claim: a live holder older than it had lost the lock before that claim, so it has
     * left by then. Otherwise the whole fence.
     */
    Duration wait(Duration fence) {
        if (leftInOrder) {
            return Duration.ZERO;
        }
        if (ended) {
            Duration rest = fence.minus(claimedBefore);
            return rest.isNegative() ? Duration.ZERO : rest;
        }
        return fence;
    }

    String why() {
        return leftInOrder
                ? "the last holder left it in order"
                : ended ? "the last holder's process on this host has ended" : "time for an old holder to leave";
    }
}
