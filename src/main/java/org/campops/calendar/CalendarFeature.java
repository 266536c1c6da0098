package org.campops.calendar;

import java.util.function.Supplier;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.meetings.Meetings;
import org.campops.mentoring.MentoringService;
import org.campops.officehours.OfficeHourService;
import org.campops.teams.TeamService;

/** /calendar: each member's private iCalendar feed (served by the HTTP server). */
public final class CalendarFeature {
    private CalendarFeature() {}

    /** {@code baseUrl}: where members' calendar apps reach the HTTP server. */
    public static Feature create(Context ctx, Supplier<String> baseUrl) {
        CalendarService calendar = ctx.provide(
                CalendarService.class,
                new CalendarService(
                        ctx.db(),
                        ctx.clock(),
                        ctx.config(),
                        ctx.service(OfficeHourService.class),
                        ctx.service(TeamService.class),
                        ctx.service(MentoringService.class),
                        ctx.service(Meetings.class),
                        baseUrl));
        return Feature.named("calendar")
                .command(new CalendarCommands(calendar).spec())
                .build();
    }
}
