package org.campops.wrapup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.chat.Caller;
import org.campops.config.Program;
import org.campops.csv.CsvLines;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;

/**
 * Who reviews whom for a competition: one {@code wrapup_assignment} row per competition and camper,
 * made from the teams ({@code /wrapup assign}) or from a CSV ({@code campops import wrapup}), each in
 * one transaction. {@link WrapupService} checks the caller and the competition first.
 */
final class WrapupAssignments {
    private final Database db;
    private final WrapupRepository repo;
    private final TeamService teams;
    private final Clock clock;

    WrapupAssignments(Database db, WrapupRepository repo, TeamService teams, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.teams = teams;
        this.clock = clock;
    }

    /** Each mentor gets their teams' campers; campers assigned before are kept (their mentor too). */
    WrapupService.AssignResult assign(Caller by, Program.Competition comp) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Map<String, Integer> added = new LinkedHashMap<>();
            int kept = 0;
            List<String> empty = new ArrayList<>();
            for (Team t : teams.all()) {
                if (t.members().isEmpty()) {
                    empty.add(t.name());
                }
                for (String camper : t.members()) {
                    if (repo.insert(c, comp.id(), camper, t.mentorId(), t.id(), by.userId(), now)) {
                        added.merge(t.mentorId(), 1, Integer::sum);
                    } else {
                        kept++;
                    }
                }
            }
            return new WrapupService.AssignResult(comp, added, kept, empty);
        });
    }

    /** The CSV's rows, or every row that clashes with an existing assignment and nothing imported. */
    AssignmentCsv.Result importAssignments(Program.Competition comp, List<AssignmentCsv.Row> rows, String by) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Map<String, Long> teamOf = new LinkedHashMap<>();
            for (Team t : teams.all()) {
                t.members().forEach(m -> teamOf.put(m, t.id()));
            }
            List<String> problems = new ArrayList<>();
            List<AssignmentCsv.Row> toAdd = new ArrayList<>();
            int kept = 0;
            for (AssignmentCsv.Row r : rows) {
                Optional<Assignment> existing = repo.find(c, comp.id(), r.camper());
                if (existing.isEmpty()) {
                    toAdd.add(r);
                } else if (existing.get().mentorId().equals(r.mentor())) {
                    kept++;
                } else {
                    problems.add(AssignmentCsv.line(
                            r,
                            r.camper() + " is already assigned to "
                                    + existing.get().mentorId() + " for " + comp.id()));
                }
            }
            if (!problems.isEmpty()) {
                throw new CsvLines.Refused(problems);
            }
            for (AssignmentCsv.Row r : toAdd) {
                repo.insert(c, comp.id(), r.camper(), r.mentor(), teamOf.get(r.camper()), by, now);
            }
            return new AssignmentCsv.Result(toAdd.size(), kept);
        });
    }
}
