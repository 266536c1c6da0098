package org.campops.teams;

import org.campops.feature.Context;
import org.campops.feature.Feature;

/** /team: teams, their campers and mentor, their private channels. */
public final class TeamFeature {
    private TeamFeature() {
    }

    public static Feature create(Context ctx) {
        TeamService teams = ctx.provide(TeamService.class, new TeamService(ctx.db(),
                new TeamChannels(ctx.outbox(), ctx.notifier(), ctx.config()), ctx.notifier(), ctx.clock()));
        TeamCommands commands = ctx.provide(TeamCommands.class, new TeamCommands(teams));
        return Feature.named("teams").command(commands.spec()).build();
    }
}
