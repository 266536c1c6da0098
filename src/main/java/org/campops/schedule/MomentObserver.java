package org.campops.schedule;

import java.time.Duration;

/**
 * Told about every moment that fired (metrics): the feature it belongs to, how late it fired after its
 * due instant (zero when on time; measured on the camp's clock) and whether the feature's fire succeeded
 * (a failed one is tried again later). Called on the Quartz thread; must return quickly and never throw.
 */
public interface MomentObserver {
    MomentObserver NONE = (feature, lateness, ok) -> {};

    void fired(String feature, Duration lateness, boolean ok);
}
