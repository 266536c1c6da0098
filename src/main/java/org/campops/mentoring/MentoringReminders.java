package org.campops.mentoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.schedule.Moment;
import org.campops.schedule.MomentSource;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moments of each session: the mentor's DM, the team channel's reminder and the attendance post
 * after it. Outbox keys hold the session and its start, so a re-fired trigger, a restart or a second
 * instance posts nothing twice and a moved session is reminded again at its new time.
 */
public final class MentoringReminders implements MomentSource {
    private static final Logger LOG = LoggerFactory.getLogger(MentoringReminders.class);
    static final String FEATURE = MentoringService.FEATURE;
    static final MentoringKey.Kind MENTOR = MentoringKey.Kind.MENTOR;
    static final MentoringKey.Kind TEAM = MentoringKey.Kind.TEAM;
    static final MentoringKey.Kind AFTER = MentoringKey.Kind.AFTER;
    /** An attendance post later than this after the session is not worth sending any more. */
    static final Duration AFTER_GRACE = Duration.ofDays(1);

    private final Database db;
    private final MentoringRepository repo = new MentoringRepository();
    private final TeamService teams;
    private final Outbox outbox;
    private final Clock clock;
    private final CampConfig config;
    private final MentoringPosts posts;

    MentoringReminders(
            Database db, TeamService teams, Outbox outbox, Clock clock, CampConfig config, MentoringPosts posts) {
        this.db = db;
        this.teams = teams;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.posts = posts;
    }

    private Optional<Session> session(long id) {
        return db.inTransaction(c -> repo.session(c, id));
    }

    /** When each moment of a session is due. */
    Map<MentoringKey.Kind, Instant> momentsOf(Session s) {
        Map<MentoringKey.Kind, Instant> out = new LinkedHashMap<>();
        out.put(MENTOR, s.startAt().minus(config.mentoring().mentorRemindBefore()));
        out.put(TEAM, s.startAt().minus(config.mentoring().teamRemindBefore()));
        out.put(AFTER, s.endAt());
        return out;
    }

    static MentoringKey key(Session s, MentoringKey.Kind kind) {
        return MentoringKey.Reminder.of(s, kind);
    }

    @Override
    public String feature() {
        return FEATURE;
    }

    @Override
    public List<Moment> planned(long rowId) {
        Instant now = clock.instant();
        return session(rowId)
                .filter(s -> s.status() == Session.Status.SCHEDULED
                        && s.endAt().plus(AFTER_GRACE).isAfter(now))
                .map(s -> momentsOf(s).entrySet().stream()
                        .map(e -> new Moment(FEATURE, s.id(), e.getKey(), e.getValue()))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public List<Moment> allPlanned() {
        Instant now = clock.instant();
        List<Moment> out = new ArrayList<>();
        for (Session s : db.inTransaction(c -> repo.scheduledEndingAfter(c, now.minus(AFTER_GRACE)))) {
            for (Map.Entry<MentoringKey.Kind, Instant> e : momentsOf(s).entrySet()) {
                // Past moments are restored (to fire now) only when they were not handled before the stop.
                if (e.getValue().isAfter(now)
                        || !outbox.anyWithPrefix(key(s, e.getKey()).text())) {
                    out.add(new Moment(FEATURE, s.id(), e.getKey(), e.getValue()));
                }
            }
        }
        return out;
    }

    /** Fires moment {@code kind} (a stored kind's text) of session {@code id} now (tests fire moments by hand). */
    public void fire(long id, String kind) {
        MentoringKey.Kind k = MentoringKey.Kind.parse(kind);
        Instant due = session(id).map(this::momentsOf).map(m -> m.get(k)).orElse(Instant.EPOCH);
        fire(new Moment(FEATURE, id, k, due));
    }

    @Override
    public void fire(Moment m) {
        Optional<MentoringKey.Kind> known = MentoringKey.Kind.of(m.kind());
        if (known.isEmpty()) {
            LOG.warn("unknown mentoring moment {}", m.kind());
            return;
        }
        MentoringKey.Kind kind = known.get();
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Optional<Session> found = repo.session(c, m.rowId());
            if (found.isEmpty() || found.get().status() != Session.Status.SCHEDULED) {
                LOG.debug("mentoring session {} is gone or skipped; {} not sent", m.rowId(), m.kind());
                return null;
            }
            Session s = found.get();
            Instant due = momentsOf(s).get(kind);
            if (due == null || !due.equals(m.due())) {
                LOG.debug("mentoring session {} {}: planned for an earlier time; skipped", s.id(), m.kind());
                return null;
            }
            Team t = teams.find(s.teamId()).orElse(null);
            Series series = repo.series(c, s.seriesId()).orElse(null);
            if (t == null || series == null) {
                return null;
            }
            switch (kind) {
                case MENTOR -> {
                    if (!now.isBefore(s.startAt())) {
                        LOG.info(
                                "mentoring session {}: mentor reminder too late (the session started); not sent",
                                s.id());
                        return null;
                    }
                    outbox.enqueue(
                            c,
                            key(s, MENTOR),
                            org.campops.delivery.Payload.dm(t.mentorId(), posts.mentorReminder(t, s, series)));
                }
                case TEAM -> {
                    if (!now.isBefore(s.startAt())) {
                        LOG.info(
                                "mentoring session {}: team reminder too late (the session started); not sent", s.id());
                        return null;
                    }
                    if (t.channelId() == null) {
                        LOG.warn(
                                "team {} has no channel yet; its mentoring reminder for session {} is not posted",
                                t.id(),
                                s.id());
                        return null;
                    }
                    outbox.enqueue(
                            c,
                            key(s, TEAM),
                            org.campops.delivery.Payload.post(
                                    t.channelId(), posts.teamReminder(t, s, series), t.members()));
                }
                case AFTER -> {
                    if (now.isAfter(s.endAt().plus(AFTER_GRACE))) {
                        return null;
                    }
                    if (t.channelId() != null) {
                        outbox.enqueue(
                                c,
                                key(s, AFTER),
                                org.campops.delivery.Payload.send(t.channelId(), posts.afterSession(t, s)));
                    }
                    outbox.enqueue(
                            c,
                            MentoringKey.Reminder.afterMentor(s),
                            org.campops.delivery.Payload.dm(t.mentorId(), posts.mentorAfter(t, s)));
                }
            }
            return null;
        });
    }
}
