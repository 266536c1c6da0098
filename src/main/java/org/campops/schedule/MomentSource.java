package org.campops.schedule;

import java.util.List;

/**
 * A feature whose rows plan moments. On fire the feature re-reads the row, skips what is stale or
 * superseded, and queues its posts in the outbox in the same transaction (so a re-fired trigger, a
 * restart or a second instance finds the delivery keys taken and posts nothing twice).
 */
public interface MomentSource {
    /** The feature name that prefixes its moments' trigger groups. */
    String feature();

    /** The moments row {@code rowId} plans now (empty when it was cancelled or is over). */
    List<Moment> planned(long rowId);

    /** Every row's moments that should still fire (used at start to restore missing triggers). */
    List<Moment> allPlanned();

    /** Fires {@code moment} (its {@code due} is the one the trigger was planned for). */
    void fire(Moment moment);
}
