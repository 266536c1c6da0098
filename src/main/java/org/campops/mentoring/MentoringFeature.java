package org.campops.mentoring;

import org.campops.duties.DutySource;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.teams.TeamCommands;
import org.campops.teams.TeamService;

/** /mentoring: weekly Zoom sessions per team, their reminders, attendance and feedback. */
public final class MentoringFeature {
    private MentoringFeature() {}

    public static Feature create(Context ctx) {
        TeamService teams = ctx.service(TeamService.class);
        MentoringService mentoring = ctx.provide(
                MentoringService.class,
                new MentoringService(ctx.db(), teams, ctx.moments(), ctx.outbox(), ctx.clock(), ctx.config()));
        MentoringCommands commands = new MentoringCommands(mentoring, teams, ctx.service(TeamCommands.class));
        return Feature.named("mentoring")
                .command(commands.spec())
                .components(MentoringCommands.FEATURE, commands::onComponent)
                .moments(mentoring.reminders())
                .contribute(DutySource.class, mentoring.overview()::sessionDuties)
                .export(MentoringExport.export(mentoring.overview(), ctx.config()))
                .atStart(mentoring.records()::prepareFeedbackKey)
                .build();
    }
}
