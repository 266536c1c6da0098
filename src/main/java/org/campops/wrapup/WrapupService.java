package org.campops.wrapup;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.csv.CsvLines;
import org.campops.duties.Duty;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Wrap-up reviews: after a competition each camper hands in a report link and their team's mentor
 * comments on it. Organizers assign (one row per competition and camper, in one transaction),
 * campers submit, mentors list theirs and mark each review done. The daily digests and the late
 * report are {@link WrapupDigests}, the mentors' review duties {@link ReviewDuties}, the assignment
 * itself (from the teams, from a CSV) {@link WrapupAssignments}.
 */
public final class WrapupService {
    public static final int MAX_LINK = 500;

    private final Database db;
    private final WrapupRepository repo = new WrapupRepository();
    private final TeamService teams;
    private final Clock clock;
    private final CampConfig config;
    private final ReviewDuties duties;
    private final WrapupAssignments assignments;

    public WrapupService(Database db, TeamService teams, Clock clock, CampConfig config) {
        this.db = db;
        this.teams = teams;
        this.clock = clock;
        this.config = config;
        this.duties = new ReviewDuties(db, repo, clock, config);
        this.assignments = new WrapupAssignments(db, repo, teams, clock);
    }

    Program program() {
        return config.program();
    }

    CampConfig config() {
        return config;
    }

    // ---- competitions ----

    /** The competitions of the program file. */
    public List<Program.Competition> competitions() {
        return program().competitions();
    }

    /** The competition {@code ref} (its id, any case); an unknown one is refused with the list of ids. */
    public Program.Competition competition(String ref) {
        String r = ref == null ? "" : ref.strip();
        if (competitions().isEmpty()) {
            throw new UserError("wrapup.error.noCompetitions");
        }
        return program()
                .competition(r)
                .orElseThrow(() -> new UserError(
                        "wrapup.error.unknownCompetition",
                        Texts.defuse(Texts.printable(r, 40)),
                        ids(),
                        competitions().get(0).id()));
    }

    /** {@code ref}'s competition, or without one the most recent competition that has ended. */
    public Program.Competition competitionOrLatest(@Nullable String ref) {
        if (ref != null && !ref.isBlank()) {
            return competition(ref);
        }
        if (competitions().isEmpty()) {
            throw new UserError("wrapup.error.noCompetitions");
        }
        LocalDate today = clock.instant().atZone(config.camp().zone()).toLocalDate();
        return competitions().stream()
                .filter(c -> c.end().isBefore(today))
                .max(Comparator.comparing(Program.Competition::end))
                .orElseThrow(() -> new UserError("wrapup.error.noneEnded", ids()));
    }

    private String ids() {
        return competitions().stream().map(c -> "`" + c.id() + "`").collect(Collectors.joining(", "));
    }

    /** When the competition's reviews are due (the program file's {@code wrapupDue}, by default a week after its end). */
    public static LocalDate due(Program.Competition c) {
        return c.wrapupDue() != null ? c.wrapupDue() : c.end().plusDays(7);
    }

    // ---- assign ----

    /**
     * What {@link #assign} did: campers newly assigned (per mentor, in order), how many were assigned
     * before and kept as they were, and the teams that have no campers.
     */
    public record AssignResult(
            Program.Competition competition,
            Map<String, Integer> addedPerMentor,
            int kept,
            List<String> teamsWithoutCampers) {
        public int added() {
            return addedPerMentor.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Gives each mentor their teams' campers for the competition, in one transaction. Running it again
     * adds the campers that joined a team since; existing assignments are kept (their mentor too).
     */
    public AssignResult assign(Caller by, String competitionRef) {
        requireOrganizer(by);
        return assignments.assign(by, competition(competitionRef));
    }

    /**
     * Imports an assignment CSV for the competition in one transaction (checked by {@link AssignmentCsv}):
     * a camper already assigned to the same mentor is kept, one assigned to another mentor is a problem
     * reported by line, and then nothing is imported. A camper's team is the one they are in now, if any.
     */
    public AssignmentCsv.Result importAssignments(String competitionId, List<AssignmentCsv.Row> rows, String by) {
        Optional<Program.Competition> found =
                competitionId == null ? Optional.empty() : program().competition(competitionId);
        if (found.isEmpty()) {
            throw new CsvLines.Refused(List.of("there is no competition '" + Texts.printable(competitionId, 40)
                    + "' in the program; competitions: "
                    + competitions().stream().map(Program.Competition::id).collect(Collectors.joining(", "))));
        }
        return assignments.importAssignments(found.get(), rows, by);
    }

    // ---- submit ----

    /** A report link handed in ({@code replaced}: it replaced an earlier link). */
    public record Submitted(Program.Competition competition, Assignment assignment, boolean replaced) {}

    /** A camper hands in (or replaces) their report link for the competition; only assigned campers may. */
    public Submitted submit(Caller by, String competitionRef, String link) {
        Program.Competition comp = competition(competitionRef);
        return db.inTransaction(c -> {
            Assignment a = repo.find(c, comp.id(), by.userId())
                    .orElseThrow(() -> new UserError("wrapup.error.notAssigned", comp.name(), comp.id()));
            String checked = link(link);
            repo.submit(c, a.id(), checked, clock.instant());
            return new Submitted(comp, repo.find(c, a.id()).orElseThrow(), a.submitted());
        });
    }

    /** An http(s) address with a host and no spaces, at most {@value #MAX_LINK} characters. */
    static String link(String typed) {
        String t = typed == null ? "" : typed.strip();
        if (t.isEmpty() || t.length() > MAX_LINK || t.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch < 0x20)) {
            throw new UserError("wrapup.error.link", Texts.defuse(Texts.printable(t, 60)));
        }
        try {
            URI u = new URI(t);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http"))
                    && u.getHost() != null
                    && !u.getHost().isBlank()
                    && u.getUserInfo() == null) {
                return t;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new UserError("wrapup.error.link", Texts.defuse(Texts.printable(t, 60)));
    }

    // ---- mine ----

    /** The mentor's campers for a competition, open reviews first, with their teams' names. */
    public record Mine(Program.Competition competition, List<Assignment> assignments, Map<Long, String> teamNames) {
        public long submitted() {
            return assignments.stream().filter(Assignment::submitted).count();
        }

        public long reviewed() {
            return assignments.stream().filter(Assignment::reviewed).count();
        }
    }

    public Mine mine(Caller by, @Nullable String competitionRef) {
        Program.Competition comp = competitionOrLatest(competitionRef);
        return db.inTransaction(c -> {
            Map<Long, String> names = new LinkedHashMap<>();
            for (Team t : teams.all()) {
                names.put(t.id(), t.name());
            }
            return new Mine(comp, repo.ofMentor(c, comp.id(), by.userId()), names);
        });
    }

    /**
     * A mentor's wrap-up reviews as duties of the week of {@code weekStart} ({@link ReviewDuties}): one per
     * competition whose review window (from its end to its deadline) touches that week and that assigned them campers.
     */
    public List<Duty> reviewDuties(String mentorId, LocalDate weekStart, Locale locale) {
        return duties.of(mentorId, weekStart, locale);
    }

    // ---- done ----

    /** A review marked done ({@code already}: it had been marked before, nothing changed). */
    public record Done(Program.Competition competition, Assignment assignment, boolean already) {}

    /**
     * Marks the camper's review done: by the mentor the camper is assigned to, or an organizer. A mentor
     * gets the same answer for a camper assigned to someone else as for one not assigned at all.
     */
    public Done done(Caller by, String camperId, @Nullable String competitionRef) {
        Program.Competition comp = competitionOrLatest(competitionRef);
        String camper = camperId == null ? "" : camperId.strip();
        boolean organizer = by.has(Role.ORGANIZER);
        return db.inTransaction(c -> {
            Optional<Assignment> found = repo.find(c, comp.id(), camper);
            if (found.isEmpty() || !organizer && !found.get().mentorId().equals(by.userId())) {
                throw new UserError(
                        organizer ? "wrapup.error.camperNotAssigned" : "wrapup.error.notYourCamper",
                        Texts.mention(camper),
                        comp.name(),
                        comp.id());
            }
            Assignment a = found.get();
            boolean marked = repo.review(c, a.id(), by.userId(), clock.instant());
            return new Done(comp, repo.find(c, a.id()).orElseThrow(), !marked);
        });
    }

    // ---- digests ----

    /** The competition's open reviews (not marked done), by mentor (read in {@code c}, a moment's transaction). */
    Map<String, List<Assignment>> openByMentor(Handle c, String competitionId) throws SQLException {
        Map<String, List<Assignment>> out = new LinkedHashMap<>();
        for (Assignment a : repo.open(c, competitionId)) {
            out.computeIfAbsent(a.mentorId(), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    /** Whether the competition has any assignment. */
    boolean anyAssigned(Handle c, String competitionId) throws SQLException {
        return !repo.ofCompetition(c, competitionId).isEmpty();
    }

    private static void requireOrganizer(Caller by) {
        if (!by.has(Role.ORGANIZER)) {
            throw new UserError("wrapup.error.organizersOnly");
        }
    }
}
