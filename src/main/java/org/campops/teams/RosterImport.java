package org.campops.teams;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.chat.Texts;
import org.campops.csv.CsvLines;
import org.jdbi.v3.core.Handle;

/**
 * A checked roster stored in the caller's transaction: teams are created (with their channels) when new,
 * members added, a changed mentor let into the channel and the old one taken out (unless they still belong
 * there). Conflicts with what is stored are reported by line and nothing is imported.
 */
final class RosterImport {
    private final TeamRepository repo = new TeamRepository();
    private final TeamChannels channels;

    RosterImport(TeamChannels channels) {
        this.channels = channels;
    }

    Roster.Result run(Handle c, List<Roster.Row> rows, String by, Instant now) throws SQLException {
        Map<String, String> mentorOf = new LinkedHashMap<>();
        for (Roster.Row r : rows) {
            if (r.mentor()) {
                mentorOf.put(TeamRepository.key(r.team()), r.member());
            }
        }
        Map<String, Team> existing = check(c, rows, mentorOf);
        int teams = 0;
        int members = 0;
        Map<String, Team> made = new LinkedHashMap<>();
        Map<Team, String> mentorMoved = new LinkedHashMap<>();
        for (Roster.Row r : rows) {
            String k = TeamRepository.key(r.team());
            Team t = made.get(k);
            if (t == null) {
                t = existing.get(k);
                if (t == null) {
                    long id = repo.insert(c, r.team().strip(), mentorOf.get(k), null, by, now);
                    t = repo.find(c, id).orElseThrow();
                    channels.open(c, t);
                    teams++;
                } else if (mentorOf.containsKey(k) && !mentorOf.get(k).equals(t.mentorId())) {
                    repo.setMentor(c, t.id(), mentorOf.get(k));
                    mentorMoved.put(t, mentorOf.get(k));
                }
                made.put(k, t);
            }
            if (!r.mentor() && !t.members().contains(r.member())) {
                repo.addMember(c, t.id(), r.member(), now);
                channels.grant(c, t, r.member());
                members++;
            }
        }
        // After the members: an old mentor the file keeps in the team as a camper keeps the channel.
        for (Map.Entry<Team, String> m : mentorMoved.entrySet()) {
            channels.mentorChanged(c, m.getKey(), m.getValue());
        }
        return new Roster.Result(teams, members);
    }

    /** The stored teams the rows name (by key); throws {@link CsvLines.Refused} naming every row that clashes. */
    private Map<String, Team> check(Handle c, List<Roster.Row> rows, Map<String, String> mentorOf) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, Team> existing = new LinkedHashMap<>();
        for (Roster.Row r : rows) {
            String k = TeamRepository.key(r.team());
            if (!existing.containsKey(k)) {
                Optional<Team> t = repo.findByName(c, r.team());
                t.ifPresent(x -> existing.put(k, x));
                if (t.isEmpty()) {
                    channels.sameChannelName(c, r.team())
                            .ifPresent(other -> problems.add(Roster.line(
                                    r,
                                    "team '" + Texts.printable(r.team(), 50)
                                            + "' would get the same channel name as team '" + other + "'")));
                }
                if (t.isEmpty() && !mentorOf.containsKey(k)) {
                    problems.add(Roster.line(
                            r,
                            "team '" + Texts.printable(r.team(), 50)
                                    + "' is new and has no mentor row (add a row with role mentor)"));
                    existing.put(k, null);
                }
            }
            if (!r.mentor()) {
                Optional<Team> other = repo.ofMember(c, r.member());
                if (other.isPresent() && !TeamRepository.key(other.get().name()).equals(k)) {
                    problems.add(Roster.line(
                            r,
                            r.member() + " is already in team '" + other.get().name() + "'"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CsvLines.Refused(problems);
        }
        return existing;
    }
}
