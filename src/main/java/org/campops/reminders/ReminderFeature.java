package org.campops.reminders;

import org.campops.feature.Context;
import org.campops.feature.Feature;

/** /remind: reminders by DM or in a channel, one scheduled moment each. */
public final class ReminderFeature {
    private ReminderFeature() {}

    public static Feature create(Context ctx) {
        ReminderService reminders = ctx.provide(
                ReminderService.class,
                new ReminderService(
                        ctx.db(),
                        ctx.moments(),
                        ctx.outbox(),
                        ctx.notifier(),
                        ctx.clock(),
                        ctx.config().reminders().maxPendingPerMember()));
        return Feature.named("reminders")
                .command(new ReminderCommands(reminders, ctx.when(), ctx.clock()).spec())
                .moments(reminders)
                .build();
    }
}
