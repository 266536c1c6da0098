package org.campops.departures;

import java.util.List;
import java.util.UUID;
import org.campops.delivery.DeliveryKey;

/**
 * The delivery key of the organizers' notice that a member left, {@code member-left:<user>:<uuid>}: formatted and
 * parsed only here.
 */
public record DepartureKey(String userId, UUID notice) implements DeliveryKey {
    private static final String PREFIX = "member-left";

    @Override
    public String text() {
        return DeliveryKey.join(PREFIX, userId, notice);
    }

    /** The key of a stored text; IllegalArgumentException when it is not a departure's. */
    public static DepartureKey parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() != 3 || !p.get(0).equals(PREFIX)) {
            throw new IllegalArgumentException("not a departure key: " + text);
        }
        return new DepartureKey(p.get(1), UUID.fromString(p.get(2)));
    }
}
