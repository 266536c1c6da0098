package org.campops.teams;

import java.util.List;
import java.util.UUID;
import org.campops.delivery.DeliveryKey;

/** The delivery keys of teams' private channels: formatted and parsed only here. */
public sealed interface TeamKey extends DeliveryKey {
    String PREFIX = "team";

    /** The team's private channel created: {@code team:<id>:channel}. */
    record Channel(long teamId) implements TeamKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, teamId, "channel");
        }
    }

    /** One change of a member's access: {@code team:<id>:access:<user>:grant|revoke:<uuid>}. */
    record Access(long teamId, String userId, boolean allowed, UUID change) implements TeamKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, teamId, "access", userId, allowed ? "grant" : "revoke", change);
        }
    }

    /** The key of a stored text; IllegalArgumentException when it is not one of teams'. */
    static TeamKey parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() == 3 && p.get(0).equals(PREFIX) && p.get(2).equals("channel")) {
            return new Channel(Long.parseLong(p.get(1)));
        }
        if (p.size() == 6
                && p.get(0).equals(PREFIX)
                && p.get(2).equals("access")
                && (p.get(4).equals("grant") || p.get(4).equals("revoke"))) {
            return new Access(Long.parseLong(p.get(1)), p.get(3), p.get(4).equals("grant"), UUID.fromString(p.get(5)));
        }
        throw new IllegalArgumentException("not a team key: " + text);
    }
}
