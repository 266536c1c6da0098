package org.campops.wrapup;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.campops.csv.CsvLines;
import org.campops.duties.DutySource;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.feature.Import;
import org.campops.teams.TeamService;

/** /wrapup: wrap-up reviews after each competition, daily digests, the late report; {@code campops import wrapup}. */
public final class WrapupFeature {
    private WrapupFeature() {}

    public static Feature create(Context ctx) {
        WrapupService wrapup = ctx.provide(
                WrapupService.class,
                new WrapupService(ctx.db(), ctx.service(TeamService.class), ctx.clock(), ctx.config()));
        return Feature.named("wrapup")
                .command(new WrapupCommands(wrapup).spec())
                .programPart(new WrapupDigests(wrapup, ctx.outbox()))
                .contribute(DutySource.class, wrapup::reviewDuties)
                .importing(new Import(
                        "wrapup",
                        List.of("COMPETITION"),
                        "wrapup trash-detection wrapup.csv",
                        request -> importAssignments(wrapup, request)))
                .build();
    }

    /** One competition's review assignments (columns mentor,camper) in one transaction, or every bad line. */
    private static String importAssignments(WrapupService wrapup, Import.Request request) throws IOException {
        String competition = request.arguments().get(0);
        try (Reader in = request.open()) {
            AssignmentCsv.Result r = wrapup.importAssignments(competition, AssignmentCsv.parse(in), "import");
            return " for " + competition + ": " + r.added() + " assignments added, " + r.kept() + " already there.";
        } catch (CsvLines.Refused e) {
            throw new Import.Refused(e.problems());
        }
    }
}
