package org.campops.mentoring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Outbox;
import org.campops.schedule.Moment;
import org.campops.schedule.MomentSource;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weekly team mentoring: a series per team makes one session row per week up to its stage's end;
 * each session plans three moments (the mentor's DM, the team channel's reminder, the attendance
 * post after it) whose posts go through the outbox under keys that hold the session and its start,
 * so a re-fired trigger, a restart or a second instance posts nothing twice, and a moved session
 * is reminded again at its new time.
 */
public final class MentoringService implements MomentSource {
    private static final Logger LOG = LoggerFactory.getLogger(MentoringService.class);
    public static final String FEATURE = "mentoring";
    static final String MENTOR = "mentor";
    static final String TEAM = "team";
    static final String AFTER = "after";
    public static final int MIN_DURATION = 15;
    public static final int MAX_DURATION = 240;
    public static final int MAX_TOPIC = 300;
    public static final int MAX_NOTE = 1000;
    /** An attendance post later than this after the session is not worth sending any more. */
    static final Duration AFTER_GRACE = Duration.ofDays(1);

    private final Database db;
    private final MentoringRepository repo = new MentoringRepository();
    private final TeamService teams;
    private final Moments moments;
    private final Outbox outbox;
    private final Clock clock;
    private final CampConfig config;
    private final MentoringPosts posts;

    public MentoringService(Database db, TeamService teams, Moments moments, Outbox outbox, Clock clock, CampConfig config) {
        this.db = db;
        this.teams = teams;
        this.moments = moments;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.posts = new MentoringPosts(config.camp().locale());
    }

    ZoneId zone() {
        return config.camp().zone();
    }

    /** What {@code /mentoring set} asks for. */
    public record SetRequest(Caller by, String team, String day, String time, int durationMinutes, String link) {
    }

    /** A series as set: its team, the sessions made, the first and the last. */
    public record SetResult(Team team, Series series, int sessions, Instant first, Instant last, String stage) {
    }

    public SetResult set(SetRequest r) {
        Team team = manageable(r.by(), r.team());
        java.time.DayOfWeek day = MentoringInput.day(r.day());
        LocalTime time = MentoringInput.time(r.time());
        if (r.durationMinutes() < MIN_DURATION || r.durationMinutes() > MAX_DURATION) {
            throw new UserError("mentoring.error.duration", MIN_DURATION, MAX_DURATION, r.durationMinutes());
        }
        String link = MentoringInput.link(r.link());
        ZoneId zone = zone();
        Instant now = clock.instant();
        LocalDate thisWeek = now.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(day));
        LocalDate first = start(thisWeek, time, zone).isAfter(now) ? thisWeek : thisWeek.plusWeeks(1);
        Optional<Program.Stage> stage = config.stages().stream().filter(s -> s.covers(first)).findFirst();
        LocalDate end;
        if (stage.isPresent()) {
            end = stage.get().end();
        } else if (config.stages().isEmpty()) {
            end = first.plusWeeks(config.mentoring().weeksWithoutStage() - 1L);
        } else {
            throw new UserError("mentoring.error.noStage", first.toString(), stageList());
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(end); d = d.plusWeeks(1)) {
            dates.add(d);
        }
        Series draft = new Series(0, team.id(), day, time, r.durationMinutes(), link, zone, end);
        List<Long> removed = new ArrayList<>();
        List<Long> made = new ArrayList<>();
        Series saved = db.inTransaction(c -> {
            removed.addAll(repo.deleteNotStarted(c, team.id(), now));
            long id = repo.saveSeries(c, draft, r.by().userId(), now);
            for (LocalDate d : dates) {
                if (!repo.hasDate(c, id, d)) {
                    made.add(repo.insertSession(c, id, team.id(), d, start(d, time, zone), r.durationMinutes()));
                }
            }
            Series s = repo.series(c, id).orElseThrow();
            if (team.channelId() != null) {
                outbox.enqueue(c, "mentoring:series:" + id + ":" + now.toEpochMilli(), org.campops.delivery.Payload.post(
                        team.channelId(), posts.seriesSet(team, s, start(first, time, zone), dates.size()), List.of()));
            }
            return s;
        });
        for (long id : removed) {
            moments.unplan(FEATURE, id);
        }
        for (long id : made) {
            moments.planSoon(FEATURE, id);
        }
        return new SetResult(team, saved, dates.size(), start(first, time, zone), start(end, time, zone),
                stage.map(Program.Stage::name).orElse(null));
    }

    private String stageList() {
        StringBuilder sb = new StringBuilder();
        for (Program.Stage s : config.stages()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s.name()).append(" (").append(s.start()).append(" – ")
                    .append(s.end()).append(')');
        }
        return sb.toString();
    }

    static Instant start(LocalDate d, LocalTime t, ZoneId zone) {
        // In a gap (spring forward) the time moves later by the gap's length, as people expect.
        return ZonedDateTime.of(d, t, zone).toInstant();
    }

    /** Skips one session (by its date); its reminders are dropped and the team is told. */
    public Session skip(Caller by, String teamRef, String date) {
        Team team = manageable(by, teamRef);
        Session s = upcomingOn(team, date);
        db.inTransaction(c -> {
            if (!repo.setStatus(c, s.id(), Session.Status.SCHEDULED, Session.Status.SKIPPED)) {
                throw new UserError("mentoring.error.noSession", date, team.name());
            }
            if (team.channelId() != null) {
                outbox.enqueue(c, "mentoring:" + s.id() + ":skipped", org.campops.delivery.Payload.post(team.channelId(),
                        posts.skipped(team, s), List.of()));
            }
            return null;
        });
        moments.unplan(FEATURE, s.id());
        return s;
    }

    /** Moves one session to {@code time} on its day, or to another day and time ({@code 12/9 20:00}). */
    public Session move(Caller by, String teamRef, String date, String time) {
        Team team = manageable(by, teamRef);
        Session s = upcomingOn(team, date);
        String t = time == null ? "" : time.strip();
        LocalDate day = s.startAt().atZone(zone()).toLocalDate();
        String[] parts = t.split("\\s+");
        LocalTime at;
        if (parts.length == 2) {
            day = MentoringInput.date(parts[0], clock.instant().atZone(zone()).toLocalDate());
            at = MentoringInput.time(parts[1]);
        } else {
            at = MentoringInput.time(t);
        }
        Instant start = start(day, at, zone());
        if (!start.isAfter(clock.instant())) {
            throw new UserError("when.error.PAST", Texts.timestamp(start));
        }
        Instant newStart = start;
        Session moved = db.inTransaction(c -> {
            repo.move(c, s.id(), newStart);
            Session now = repo.session(c, s.id()).orElseThrow();
            if (team.channelId() != null) {
                outbox.enqueue(c, "mentoring:" + s.id() + ":moved:" + newStart.getEpochSecond(),
                        org.campops.delivery.Payload.post(team.channelId(), posts.moved(team, s, now), List.of()));
            }
            return now;
        });
        moments.plan(FEATURE, s.id());
        return moved;
    }

    /** Sets what the team's next session is about (shown in its reminders). */
    public Session topic(Caller by, String teamRef, String text) {
        Team team = manageable(by, teamRef);
        String topic = text == null ? "" : text.strip();
        if (!Texts.isVisible(topic)) {
            throw new UserError("mentoring.error.emptyTopic");
        }
        if (topic.length() > MAX_TOPIC) {
            throw new UserError("mentoring.error.topicTooLong", MAX_TOPIC, topic.length());
        }
        Session next = next(team).orElseThrow(() -> new UserError("mentoring.error.noNext", team.name()));
        db.inTransaction(c -> {
            repo.setTopic(c, next.id(), topic);
            return null;
        });
        return db.inTransaction(c -> repo.session(c, next.id())).orElseThrow();
    }

    /** The team's next session that has not ended. */
    public Optional<Session> next(Team team) {
        Instant now = clock.instant();
        return db.inTransaction(c -> repo.sessionsOfTeam(c, team.id())).stream()
                .filter(s -> s.status() == Session.Status.SCHEDULED && s.endAt().isAfter(now)).findFirst();
    }

    public Optional<Series> series(Team team) {
        return db.inTransaction(c -> repo.seriesOfTeam(c, team.id()));
    }

    public List<Session> sessions(Team team) {
        return db.inTransaction(c -> repo.sessionsOfTeam(c, team.id()));
    }

    public Optional<Session> session(long id) {
        return db.inTransaction(c -> repo.session(c, id));
    }

    /** The session of {@code team} on {@code date} (as planned, or as moved) that has not started. */
    private Session upcomingOn(Team team, String date) {
        LocalDate d = MentoringInput.date(date, clock.instant().atZone(zone()).toLocalDate());
        Instant now = clock.instant();
        return sessions(team).stream()
                .filter(s -> s.status() == Session.Status.SCHEDULED && s.startAt().isAfter(now))
                .filter(s -> s.originalDate().equals(d) || s.startAt().atZone(zone()).toLocalDate().equals(d))
                .findFirst().orElseThrow(() -> new UserError("mentoring.error.noSession", d.toString(), team.name()));
    }

    /** The team if {@code by} mentors it or organizes; others get the same answer whether it exists or not. */
    Team manageable(Caller by, String teamRef) {
        Team t;
        try {
            t = teams.byRef(teamRef);
        } catch (UserError e) {
            throw new UserError("mentoring.error.notYourTeam");
        }
        if (!TeamService.mayManage(by, t)) {
            throw new UserError("mentoring.error.notYourTeam");
        }
        return t;
    }

    // ---- attendance, feedback, notes ----

    /** A camper of the session's team says whether they attended. */
    public Session attend(Caller by, long sessionId, boolean attended) {
        Session s = held(sessionId);
        Team t = teams.find(s.teamId()).orElseThrow();
        if (!t.members().contains(by.userId())) {
            throw new UserError("mentoring.error.notMember", t.name());
        }
        db.inTransaction(c -> {
            repo.answerAttendance(c, s.id(), by.userId(), attended, clock.instant());
            return null;
        });
        return s;
    }

    /** Checks a feedback form may be opened (the session's campers only). */
    public Session checkFeedback(Caller by, long sessionId) {
        Session s = held(sessionId);
        Team t = teams.find(s.teamId()).orElseThrow();
        if (!t.members().contains(by.userId())) {
            throw new UserError("mentoring.error.notMember", t.name());
        }
        return s;
    }

    public Session feedback(Caller by, long sessionId, String rating, String comment) {
        Session s = checkFeedback(by, sessionId);
        String r = rating == null ? "" : rating.strip();
        if (!r.matches("[1-5]")) {
            throw new UserError("mentoring.error.rating", Texts.printable(r, 10));
        }
        String text = Texts.isVisible(comment) ? comment.strip() : null;
        if (text != null && text.length() > MAX_NOTE) {
            throw new UserError("mentoring.error.noteTooLong", MAX_NOTE, text.length());
        }
        db.inTransaction(c -> {
            repo.answerFeedback(c, s.id(), by.userId(), Integer.parseInt(r), text, clock.instant());
            return null;
        });
        return s;
    }

    /** Checks the mentor's note form may be opened (the team's mentor and organizers). */
    public Session checkNote(Caller by, long sessionId) {
        Session s = held(sessionId);
        Team t = teams.find(s.teamId()).orElseThrow();
        if (!TeamService.mayManage(by, t)) {
            throw new UserError("mentoring.error.noteMentorOnly");
        }
        return s;
    }

    public Session note(Caller by, long sessionId, String note) {
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

    private Session held(long sessionId) {
        Session s = session(sessionId).orElseThrow(() -> new UserError("error.staleButton"));
        if (s.status() != Session.Status.SCHEDULED || s.startAt().isAfter(clock.instant())) {
            throw new UserError("mentoring.error.notHeld");
        }
        return s;
    }

    // ---- report ----

    /** One team's numbers; {@code averageShown} is false when a mentor may not see the average yet. */
    public record TeamReport(Team team, int held, int skipped, int planned, int attended, int answeredAttendance,
                             int expectedAttendance, int feedbackCount, double averageRating, boolean averageShown,
                             List<String> comments, int notes) {
        public double attendanceRate() {
            return expectedAttendance == 0 ? 0 : (double) attended / expectedAttendance;
        }
    }

    /** Reports for the teams {@code by} mentors (all for organizers), or for {@code teamRef}. */
    public List<TeamReport> report(Caller by, String teamRef) {
        List<Team> list = teamRef == null ? (by.has(Role.ORGANIZER) ? teams.all()
                : teams.all().stream().filter(t -> t.mentorId().equals(by.userId())).toList())
                : List.of(manageable(by, teamRef));
        Instant now = clock.instant();
        List<TeamReport> out = new ArrayList<>();
        boolean organizer = by.has(Role.ORGANIZER);
        for (Team t : list) {
            out.add(db.inTransaction(c -> reportOf(c, t, now, organizer)));
        }
        return out;
    }

    private TeamReport reportOf(Connection c, Team t, Instant now, boolean organizer) throws SQLException {
        int held = 0;
        int skipped = 0;
        int planned = 0;
        int attended = 0;
        int answered = 0;
        int expected = 0;
        int notes = 0;
        List<MentoringRepository.Feedback> feedback = new ArrayList<>();
        for (Session s : repo.sessionsOfTeam(c, t.id())) {
            if (s.status() == Session.Status.SKIPPED) {
                skipped++;
                continue;
            }
            if (s.startAt().isAfter(now)) {
                planned++;
                continue;
            }
            held++;
            expected += t.members().size();
            Map<String, Boolean> a = repo.attendance(c, s.id());
            answered += a.size();
            attended += (int) a.values().stream().filter(Boolean::booleanValue).count();
            feedback.addAll(repo.feedback(c, s.id()));
            notes += s.note() == null ? 0 : 1;
        }
        double avg = feedback.stream().mapToInt(MentoringRepository.Feedback::rating).average().orElse(0);
        boolean shown = organizer || feedback.size() >= config.mentoring().feedbackMinAnswers();
        List<String> comments = organizer ? feedback.stream().map(MentoringRepository.Feedback::comment)
                .filter(x -> x != null).toList() : List.of();
        return new TeamReport(t, held, skipped, planned, attended, answered, expected, feedback.size(), shown ? avg : 0, shown,
                comments, notes);
    }

    /** Every session of every team, for {@code campops export mentoring} (links are never exported). */
    public record ExportRow(String team, String mentorId, Session session, int attended, int absent, int feedbackCount,
                            double averageRating) {
    }

    public List<ExportRow> exportRows() {
        return db.inTransaction(c -> {
            Map<Long, Team> byId = new LinkedHashMap<>();
            for (Team t : teams.all()) {
                byId.put(t.id(), t);
            }
            List<ExportRow> out = new ArrayList<>();
            for (Session s : repo.all(c)) {
                Team t = byId.get(s.teamId());
                Map<String, Boolean> a = repo.attendance(c, s.id());
                List<MentoringRepository.Feedback> f = repo.feedback(c, s.id());
                out.add(new ExportRow(t == null ? "?" : t.name(), t == null ? "" : t.mentorId(), s,
                        (int) a.values().stream().filter(Boolean::booleanValue).count(),
                        (int) a.values().stream().filter(x -> !x).count(), f.size(),
                        f.stream().mapToInt(MentoringRepository.Feedback::rating).average().orElse(0)));
            }
            return out;
        });
    }

    /** A mentor's sessions in the week of {@code weekStart} as duties: held (note written or not), skipped, coming. */
    public List<org.campops.duties.Duty> sessionDuties(String mentorId, LocalDate weekStart, Locale locale) {
        Instant from = weekStart.atStartOfDay(zone()).toInstant();
        Instant to = weekStart.plusWeeks(1).atStartOfDay(zone()).toInstant();
        Instant now = clock.instant();
        List<org.campops.duties.Duty> out = new ArrayList<>();
        for (Team t : teams.all()) {
            if (!t.mentorId().equals(mentorId)) {
                continue;
            }
            for (Session s : sessions(t)) {
                if (s.startAt().isBefore(from) || !s.startAt().isBefore(to)) {
                    continue;
                }
                org.campops.duties.Duty.Status status;
                String key;
                if (s.status() == Session.Status.SKIPPED) {
                    status = org.campops.duties.Duty.Status.DONE;
                    key = "duties.item.sessionSkipped";
                } else if (s.startAt().isAfter(now)) {
                    status = org.campops.duties.Duty.Status.UPCOMING;
                    key = "duties.item.session";
                } else if (s.note() != null) {
                    status = org.campops.duties.Duty.Status.DONE;
                    key = "duties.item.sessionHeld";
                } else {
                    status = now.isAfter(s.endAt().plus(Duration.ofDays(2))) ? org.campops.duties.Duty.Status.LATE
                            : org.campops.duties.Duty.Status.OPEN;
                    key = "duties.item.sessionNote";
                }
                out.add(new org.campops.duties.Duty("mentoring", org.campops.chat.Messages.get(locale, key,
                        Texts.defuse(t.name()), Texts.timestamp(s.startAt())), status, s.startAt()));
            }
        }
        return out;
    }

    // ---- moments ----

    /** When each moment of a session is due. */
    Map<String, Instant> momentsOf(Session s) {
        Map<String, Instant> out = new LinkedHashMap<>();
        out.put(MENTOR, s.startAt().minus(config.mentoring().mentorRemindBefore()));
        out.put(TEAM, s.startAt().minus(config.mentoring().teamRemindBefore()));
        out.put(AFTER, s.endAt());
        return out;
    }

    static String key(Session s, String kind) {
        return "mentoring:" + s.id() + ":" + s.startAt().getEpochSecond() + ":" + kind;
    }

    @Override
    public String feature() {
        return FEATURE;
    }

    @Override
    public List<Moment> planned(long rowId) {
        Instant now = clock.instant();
        return session(rowId).filter(s -> s.status() == Session.Status.SCHEDULED && s.endAt().plus(AFTER_GRACE).isAfter(now))
                .map(s -> momentsOf(s).entrySet().stream().map(e -> new Moment(FEATURE, s.id(), e.getKey(), e.getValue())).toList())
                .orElse(List.of());
    }

    @Override
    public List<Moment> allPlanned() {
        Instant now = clock.instant();
        List<Moment> out = new ArrayList<>();
        for (Session s : db.inTransaction(c -> repo.scheduledEndingAfter(c, now.minus(AFTER_GRACE)))) {
            for (Map.Entry<String, Instant> e : momentsOf(s).entrySet()) {
                // Past moments are restored (to fire now) only when they were not handled before the stop.
                if (e.getValue().isAfter(now) || !outbox.anyWithPrefix(key(s, e.getKey()))) {
                    out.add(new Moment(FEATURE, s.id(), e.getKey(), e.getValue()));
                }
            }
        }
        return out;
    }

    /** Fires moment {@code kind} of session {@code id} as planned now (tests fire moments by hand). */
    public void fire(long id, String kind) {
        Instant due = session(id).map(this::momentsOf).map(m -> m.get(kind)).orElse(Instant.EPOCH);
        fire(new Moment(FEATURE, id, kind, due));
    }

    @Override
    public void fire(Moment m) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Optional<Session> found = repo.session(c, m.rowId());
            if (found.isEmpty() || found.get().status() != Session.Status.SCHEDULED) {
                LOG.debug("mentoring session {} is gone or skipped; {} not sent", m.rowId(), m.kind());
                return null;
            }
            Session s = found.get();
            Instant due = momentsOf(s).get(m.kind());
            if (due == null || !due.equals(m.due())) {
                LOG.debug("mentoring session {} {}: planned for an earlier time; skipped", s.id(), m.kind());
                return null;
            }
            Team t = teams.find(s.teamId()).orElse(null);
            Series series = repo.series(c, s.seriesId()).orElse(null);
            if (t == null || series == null) {
                return null;
            }
            switch (m.kind()) {
                case MENTOR -> {
                    if (!now.isBefore(s.startAt())) {
                        LOG.info("mentoring session {}: mentor reminder too late (the session started); not sent", s.id());
                        return null;
                    }
                    outbox.enqueue(c, key(s, MENTOR), org.campops.delivery.Payload.dm(t.mentorId(),
                            posts.mentorReminder(t, s, series)));
                }
                case TEAM -> {
                    if (!now.isBefore(s.startAt())) {
                        LOG.info("mentoring session {}: team reminder too late (the session started); not sent", s.id());
                        return null;
                    }
                    if (t.channelId() == null) {
                        LOG.warn("team {} has no channel yet; its mentoring reminder for session {} is not posted", t.id(), s.id());
                        return null;
                    }
                    outbox.enqueue(c, key(s, TEAM), org.campops.delivery.Payload.post(t.channelId(),
                            posts.teamReminder(t, s, series), t.members()));
                }
                case AFTER -> {
                    if (now.isAfter(s.endAt().plus(AFTER_GRACE))) {
                        return null;
                    }
                    if (t.channelId() != null) {
                        outbox.enqueue(c, key(s, AFTER), org.campops.delivery.Payload.send(t.channelId(), posts.afterSession(t, s)));
                    }
                    outbox.enqueue(c, key(s, AFTER + "-mentor"), org.campops.delivery.Payload.dm(t.mentorId(),
                            posts.mentorAfter(t, s)));
                }
                default -> LOG.warn("unknown mentoring moment {}", m.kind());
            }
            return null;
        });
    }

    public int feedbackMinAnswers() {
        return config.mentoring().feedbackMinAnswers();
    }

    Locale postLocale() {
        return config.camp().locale();
    }
}
