package org.campops.mentoring;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.chat.ButtonId;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * What happened at the sessions: campers' attendance and anonymous feedback, the mentor's note, the
 * reports (mentors see rounded feedback of closed weeks only, organizers all: {@link FeedbackWindows}). The export
 * and the sessions as mentors' duties are {@link SessionOverview}'s.
 */
public final class MentoringRecords {
    private final Database db;
    private final MentoringRepository repo = new MentoringRepository();
    private final TeamService teams;
    private final Clock clock;
    private final CampConfig config;
    private final MentoringService schedule;
    private final FeedbackKey key;

    MentoringRecords(Database db, TeamService teams, Clock clock, CampConfig config, MentoringService schedule) {
        this.db = db;
        this.key = new FeedbackKey(db, clock);
        this.teams = teams;
        this.clock = clock;
        this.config = config;
        this.schedule = schedule;
    }

    private Optional<Session> session(long id) {
        return schedule.session(id);
    }

    private ZoneId zone() {
        return config.camp().zone();
    }

    private Team manageable(Caller by, String teamRef) {
        return schedule.manageable(by, teamRef);
    }

    private static final int MAX_NOTE = MentoringService.MAX_NOTE;

    /** Makes the feedback key once and hashes member ids left in feedback rows by earlier versions (at start). */
    void prepareFeedbackKey() {
        key.prepare();
    }

    // ---- attendance, feedback, notes ----

    /** A camper of the session's team says whether they attended. */
    public Session attend(Caller by, long sessionId, boolean attended) {
        Pressed p = pressed(by, sessionId);
        if (!p.team().members().contains(by.userId())) {
            throw new UserError("mentoring.error.notMember", p.team().name());
        }
        db.inTransaction(c -> {
            repo.answerAttendance(c, sessionId, by.userId(), attended, clock.instant());
            return null;
        });
        return p.session();
    }

    /** Checks a feedback form may be opened (the session's campers only, while its window is open). */
    public Session checkFeedback(Caller by, long sessionId) {
        Pressed p = pressed(by, sessionId);
        if (!p.team().members().contains(by.userId())) {
            throw new UserError("mentoring.error.notMember", p.team().name());
        }
        if (!FeedbackWindows.open(p.session(), clock.instant())) {
            throw new UserError(
                    "mentoring.error.feedbackClosed",
                    Texts.timestamp(p.session().startAt().plus(FeedbackWindows.OPEN_FOR)));
        }
        return p.session();
    }

    public Session feedback(Caller by, long sessionId, @Nullable String rating, @Nullable String comment) {
        Session s = checkFeedback(by, sessionId);
        String r = rating == null ? "" : rating.strip();
        if (!r.matches("[1-5]")) {
            throw new UserError("mentoring.error.rating", Texts.printable(r, 10));
        }
        String text = comment != null && Texts.isVisible(comment) ? comment.strip() : null;
        if (text != null && text.length() > MAX_NOTE) {
            throw new UserError("mentoring.error.noteTooLong", MAX_NOTE, text.length());
        }
        db.inTransaction(c -> {
            repo.answerFeedback(
                    c, s.id(), key.hash(c, s.id(), by.userId()), Integer.parseInt(r), text, clock.instant());
            return null;
        });
        return s;
    }

    /** Checks the mentor's note form may be opened (the team's mentor and organizers). */
    public Session checkNote(Caller by, long sessionId) {
        Pressed p = pressed(by, sessionId);
        if (!TeamService.mayManage(by, p.team())) {
            throw new UserError("mentoring.error.noteMentorOnly");
        }
        return p.session();
    }

    public Session note(Caller by, long sessionId, @Nullable String note) {
        Session s = checkNote(by, sessionId);
        String text = note == null ? "" : note.strip();
        if (!Texts.isVisible(text)) {
            throw new UserError("mentoring.error.emptyNote");
        }
        if (text.length() > MAX_NOTE) {
            throw new UserError("mentoring.error.noteTooLong", MAX_NOTE, text.length());
        }
        db.inTransaction(c -> {
            repo.setNote(c, s.id(), text, clock.instant());
            return null;
        });
        return s;
    }

    /** A held session and its team, pressed for by a member of the team, its mentor or an organizer. */
    private record Pressed(Session session, Team team) {}

    /**
     * The session a button or form names, if {@code by} is one of its team (camper, mentor) or an organizer and it was
     * held. Otherwise, whether the session is unknown, not held yet, skipped or another team's, the one refusal of a
     * forged or outdated id ({@link ButtonId.Invalid}: "not valid any more"), so a forged id tells nothing.
     */
    private Pressed pressed(Caller by, long sessionId) {
        Session s = session(sessionId).orElseThrow(() -> new ButtonId.Invalid("no mentoring session " + sessionId));
        Team t = teams.find(s.teamId()).orElseThrow(() -> new ButtonId.Invalid("no team of session " + sessionId));
        if (!TeamService.mayView(by, t)) {
            throw new ButtonId.Invalid("mentoring session " + sessionId + " is not of the member's team");
        }
        if (s.status() != Session.Status.SCHEDULED || s.startAt().isAfter(clock.instant())) {
            throw new ButtonId.Invalid("mentoring session " + sessionId + " was not held");
        }
        return new Pressed(s, t);
    }

    // ---- report ----

    /** One team's numbers; its feedback as its reader may see it ({@link FeedbackWindows}). */
    public record TeamReport(
            Team team,
            int held,
            int skipped,
            int planned,
            int attended,
            int answeredAttendance,
            int expectedAttendance,
            FeedbackWindows.View feedback,
            int notes) {
        public double attendanceRate() {
            return expectedAttendance == 0 ? 0 : (double) attended / expectedAttendance;
        }
    }

    /** Reports for the teams {@code by} mentors (all for organizers), or for {@code teamRef}. */
    public List<TeamReport> report(Caller by, @Nullable String teamRef) {
        List<Team> list = teamRef == null
                ? (by.has(Role.ORGANIZER)
                        ? teams.all()
                        : teams.all().stream()
                                .filter(t -> t.mentorId().equals(by.userId()))
                                .toList())
                : List.of(manageable(by, teamRef));
        Instant now = clock.instant();
        List<TeamReport> out = new ArrayList<>();
        boolean organizer = by.has(Role.ORGANIZER);
        for (Team t : list) {
            out.add(db.inTransaction(c -> reportOf(c, t, now, organizer)));
        }
        return out;
    }

    private TeamReport reportOf(Handle c, Team t, Instant now, boolean organizer) throws SQLException {
        int skipped = 0;
        int planned = 0;
        int attended = 0;
        int answered = 0;
        int expected = 0;
        int notes = 0;
        List<FeedbackWindows.Answers> held = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (Session s : repo.sessionsOfTeam(c, t.id())) {
            if (s.status() == Session.Status.SKIPPED) {
                skipped++;
                continue;
            }
            if (s.startAt().isAfter(now)) {
                planned++;
                continue;
            }
            expected += t.members().size();
            Map<String, Boolean> a = repo.attendance(c, s.id());
            answered += a.size();
            attended += (int) a.values().stream().filter(Boolean::booleanValue).count();
            List<MentoringRepository.Feedback> f = repo.feedback(c, s.id());
            held.add(new FeedbackWindows.Answers(
                    s, f.stream().map(MentoringRepository.Feedback::rating).toList()));
            f.stream()
                    .map(MentoringRepository.Feedback::comment)
                    .filter(x -> x != null)
                    .forEach(comments::add);
            notes += s.note() == null ? 0 : 1;
        }
        FeedbackWindows.View feedback = organizer
                ? FeedbackWindows.all(
                        held.stream().flatMap(h -> h.ratings().stream()).toList(), comments)
                : FeedbackWindows.closedWindows(
                        held, now, zone(), config.mentoring().feedbackMinAnswers());
        return new TeamReport(t, held.size(), skipped, planned, attended, answered, expected, feedback, notes);
    }
}
