package org.campops.delivery;

/**
 * Told about every outbox row the dispatcher sent, put back for a retry (5xx, 429, network) or failed for
 * good (metrics). Called on a delivery thread; must return quickly and never throw.
 */
public interface DeliveryObserver {
    enum Result {
        SENT,
        RETRIED,
        FAILED
    }

    DeliveryObserver NONE = (kind, result) -> {};

    void delivered(Payload.Kind kind, Result result);
}
