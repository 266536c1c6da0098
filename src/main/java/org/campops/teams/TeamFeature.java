package org.campops.teams;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.campops.csv.CsvLines;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.feature.Import;

/** /team: teams, their campers and mentor, their private channels; {@code campops import roster}. */
public final class TeamFeature {
    private TeamFeature() {}

    public static Feature create(Context ctx) {
        TeamService teams = ctx.provide(
                TeamService.class,
                new TeamService(
                        ctx.db(),
                        new TeamChannels(ctx.outbox(), ctx.notifier(), ctx.config()),
                        ctx.notifier(),
                        ctx.clock()));
        TeamCommands commands = ctx.provide(TeamCommands.class, new TeamCommands(teams));
        return Feature.named("teams")
                .command(commands.spec())
                .importing(
                        new Import("roster", List.of(), "roster roster.csv", request -> importRoster(teams, request)))
                .build();
    }

    /** The whole roster in one transaction, or every bad line and nothing imported. */
    private static String importRoster(TeamService teams, Import.Request request) throws IOException {
        try (Reader in = request.open()) {
            List<Roster.Row> rows = Roster.parse(in);
            Roster.Result r = teams.importRoster(rows, "import");
            return ": " + rows.size() + " rows, " + r.teamsCreated() + " new teams, " + r.membersAdded()
                    + " campers added.";
        } catch (CsvLines.Refused e) {
            throw new Import.Refused(e.problems());
        }
    }
}
