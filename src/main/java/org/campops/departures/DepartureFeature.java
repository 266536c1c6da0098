package org.campops.departures;

import org.campops.calendar.CalendarService;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.teams.TeamService;

/** Members who leave the camp's server (left, kicked, banned) lose what the camp gave them; organizers are told. */
public final class DepartureFeature {
    private DepartureFeature() {}

    public static Feature create(Context ctx) {
        Departures departures = new Departures(
                ctx.db(),
                ctx.outbox(),
                ctx.config(),
                ctx.service(TeamService.class),
                ctx.service(CalendarService.class));
        return Feature.named("departures").memberListener(departures).build();
    }
}
