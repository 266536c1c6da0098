package org.campops.officehours;

import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.qa.QaService;

/** /officehours: live sessions with announcements, RSVPs, reminders and agendas of open questions. */
public final class OfficeHourFeature {
    private OfficeHourFeature() {}

    public static Feature create(Context ctx) {
        OfficeHourService officeHours = ctx.provide(
                OfficeHourService.class,
                new OfficeHourService(
                        ctx.db(),
                        ctx.moments(),
                        ctx.outbox(),
                        ctx.notifier(),
                        ctx.clock(),
                        ctx.config(),
                        ctx.service(QaService.class)));
        OfficeHourCommands commands = new OfficeHourCommands(officeHours, ctx.when(), ctx.clock());
        return Feature.named("officehours")
                .command(commands.spec())
                .components(OfficeHourCommands.FEATURE, commands::onComponent)
                .moments(officeHours.moments())
                .build();
    }
}
