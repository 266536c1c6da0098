package org.campops.mentoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.chat.Caller;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weekly team mentoring: a series per team makes one session row per week up to its stage's end;
 * each session plans three moments (the mentor's DM, the team channel's reminder, the attendance
 * post after it) whose posts go through the outbox under keys that hold the session and its start,
 * so a re-fired trigger, a restart or a second instance posts nothing twice, and a moved session
 * is reminded again at its new time.
 */
public final class MentoringService {
    private static final Logger LOG = LoggerFactory.getLogger(MentoringService.class);
    public static final String FEATURE = "mentoring";
    public static final int MIN_DURATION = 15;
    public static final int MAX_DURATION = 240;
    public static final int MAX_TOPIC = 300;
    public static final int MAX_NOTE = 1000;

    private final Database db;
    private final MentoringRepository repo = new MentoringRepository();
    private final TeamService teams;
    private final Moments moments;
    private final Outbox outbox;
    private final Clock clock;
    private final CampConfig config;
    private final MentoringPosts posts;

    public MentoringService(
            Database db, TeamService teams, Moments moments, Outbox outbox, Clock clock, CampConfig config) {
        this.db = db;
        this.teams = teams;
        this.moments = moments;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.posts = new MentoringPosts(config.camp().locale());
        this.reminders = new MentoringReminders(db, teams, outbox, clock, config, posts);
        this.records = new MentoringRecords(db, teams, clock, config, this);
        this.overview = new SessionOverview(db, teams, clock, config);
    }

    private final MentoringReminders reminders;
    private final MentoringRecords records;
    private final SessionOverview overview;

    /** The sessions' moments (register with {@code Moments}). */
    public MentoringReminders reminders() {
        return reminders;
    }

    /** Attendance, feedback, notes, reports. */
    public MentoringRecords records() {
        return records;
    }

    /** Every session for the export; a mentor's sessions as duties. */
    public SessionOverview overview() {
        return overview;
    }

    /** Fires moment {@code kind} of session {@code id} as planned now (tests fire moments by hand). */
    public void fire(long id, String kind) {
        reminders.fire(id, kind);
    }

    ZoneId zone() {
        return config.camp().zone();
    }

    /** What {@code /mentoring set} asks for. */
    public record SetRequest(Caller by, String team, String day, String time, int durationMinutes, String link) {}

    /** A series as set: its team, the sessions made, the first and the last. */
    public record SetResult(
            Team team,
            Series series,
            int sessions,
            Instant first,
            Instant last,
            @Nullable String stage) {}

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
        SeriesDates plan = SeriesDates.of(config, day, time, zone, now);
        LocalDate first = plan.first();
        List<LocalDate> dates = plan.dates();
        Series draft = new Series(0, team.id(), day, time, r.durationMinutes(), link, zone, plan.end());
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
                outbox.enqueue(
                        c,
                        new MentoringKey.SeriesSet(id, now),
                        org.campops.delivery.Payload.post(
                                team.channelId(),
                                posts.seriesSet(team, s, start(first, time, zone), dates.size()),
                                List.of()));
            }
            return s;
        });
        for (long id : removed) {
            moments.unplan(FEATURE, id);
        }
        for (long id : made) {
            moments.planSoon(FEATURE, id);
        }
        return new SetResult(
                team, saved, dates.size(), start(first, time, zone), start(plan.last(), time, zone), plan.stage());
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
                outbox.enqueue(
                        c,
                        new MentoringKey.Skipped(s.id()),
                        org.campops.delivery.Payload.post(team.channelId(), posts.skipped(team, s), List.of()));
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
                outbox.enqueue(
                        c,
                        new MentoringKey.Moved(s.id(), newStart),
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
                .filter(s -> s.status() == Session.Status.SCHEDULED && s.endAt().isAfter(now))
                .findFirst();
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
                .filter(s ->
                        s.status() == Session.Status.SCHEDULED && s.startAt().isAfter(now))
                .filter(s -> s.originalDate().equals(d)
                        || s.startAt().atZone(zone()).toLocalDate().equals(d))
                .findFirst()
                .orElseThrow(() -> new UserError("mentoring.error.noSession", d.toString(), team.name()));
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

    public int feedbackMinAnswers() {
        return config.mentoring().feedbackMinAnswers();
    }

    Locale postLocale() {
        return config.camp().locale();
    }
}
