package org.campops.duties;

import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.teams.TeamService;

/**
 * /duties and {@code campops export duties}: every mentor's week, over the {@link DutySource}s and
 * {@link ManualDuty}s the other features contribute.
 */
public final class DutiesFeature {
    private DutiesFeature() {}

    public static Feature create(Context ctx) {
        TeamService teams = ctx.service(TeamService.class);
        DutiesService duties = ctx.provide(
                DutiesService.class,
                new DutiesService(
                        teams::mentorIds,
                        ctx.contributions(DutySource.class),
                        ctx.clock(),
                        ctx.config().camp().zone()));
        return Feature.named("duties")
                .command(new DutiesCommands(duties, ctx.contributions(ManualDuty.class)).spec())
                .export(DutiesExport.export(duties, ctx.config()))
                .build();
    }
}
