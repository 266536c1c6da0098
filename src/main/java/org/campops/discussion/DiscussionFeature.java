package org.campops.discussion;

import org.campops.duties.DutySource;
import org.campops.duties.ManualDuty;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.teams.TeamService;

/** /prompt and the discussion board: weekly prompts, the mentors' weekly post. */
public final class DiscussionFeature {
    private DiscussionFeature() {}

    public static Feature create(Context ctx) {
        DiscussionService discussion = ctx.provide(
                DiscussionService.class,
                new DiscussionService(ctx.db(), ctx.clock(), ctx.config(), ctx.service(TeamService.class)));
        return Feature.named("discussion")
                .command(new PromptCommands(discussion).spec())
                .listener(discussion)
                .programPart(new PromptPart(discussion, ctx.outbox(), ctx.config()))
                .programPart(new WeeklyPostPart(discussion, ctx.outbox(), ctx.config()))
                .contribute(DutySource.class, discussion::weeklyPostDuty)
                .contribute(
                        ManualDuty.class,
                        new ManualDuty(
                                DiscussionService.WEEKLY_POST,
                                by -> discussion.markDone(by, DiscussionService.WEEKLY_POST)))
                .build();
    }
}
