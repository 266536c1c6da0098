package org.campops.status;

import org.campops.feature.Context;
import org.campops.feature.Feature;

/** /status: how delivery through the outbox is doing, for organizers. */
public final class StatusFeature {
    private StatusFeature() {}

    public static Feature create(Context ctx) {
        return Feature.named("status")
                .command(new StatusCommand(ctx.outbox(), ctx.clock()).spec())
                .build();
    }
}
