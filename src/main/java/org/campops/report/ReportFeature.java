package org.campops.report;

import org.campops.discussion.DiscussionService;
import org.campops.feature.Context;
import org.campops.feature.Feature;

/**
 * The weekly operations report: the scheduled post to the organizers' channel ({@link ReportPart}), {@code /report
 * week} and {@code campops export report}.
 */
public final class ReportFeature {
    private ReportFeature() {}

    public static Feature create(Context ctx) {
        ReportFigures figures = ctx.provide(
                ReportFigures.class,
                new ReportFigures(ctx.db(), ctx.service(DiscussionService.class), ctx.config(), ctx.clock()));
        Reports reports = ctx.provide(Reports.class, new Reports(figures, ctx.config()));
        return Feature.named("report")
                .command(new ReportCommands(reports).spec())
                .programPart(new ReportPart(reports, ctx.outbox(), ctx.config()))
                .export(ReportExport.export(reports, ctx.config()))
                .build();
    }
}
