package org.campops.wrapup;

import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.teams.TeamService;

/** /wrapup: wrap-up report reviews after each competition, daily digests, the late report. */
public final class WrapupFeature {
    private WrapupFeature() {
    }

    public static Feature create(Context ctx) {
        WrapupService wrapup = ctx.provide(WrapupService.class, new WrapupService(ctx.db(), ctx.service(TeamService.class),
                ctx.clock(), ctx.config()));
        return Feature.named("wrapup")
                .command(new WrapupCommands(wrapup).spec())
                .programPart(new WrapupDigests(wrapup, ctx.outbox()))
                .duties(wrapup::reviewDuties)
                .build();
    }
}
