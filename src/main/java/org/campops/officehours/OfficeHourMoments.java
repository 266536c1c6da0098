package org.campops.officehours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.qa.QaService;
import org.campops.qa.Question;
import org.campops.schedule.Moment;
import org.campops.schedule.MomentSource;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moments of each scheduled office hour: a reminder at each configured offset, the agenda of open
 * questions on its topic, and the start. Each fans out to the channel and every RSVP under delivery
 * keys that hold the office hour, the moment and the start time, so a re-fired trigger, a restart or
 * a second instance posts nothing twice and a rescheduled session is reminded again.
 */
public final class OfficeHourMoments implements MomentSource {
    private static final Logger LOG = LoggerFactory.getLogger(OfficeHourMoments.class);
    static final String FEATURE = OfficeHourService.FEATURE;
    static final OfficeHourKey.Kind AGENDA = OfficeHourKey.Kind.AGENDA;
    static final OfficeHourKey.Kind START = OfficeHourKey.Kind.START;

    private final Database db;
    private final OfficeHourRepository repo = new OfficeHourRepository();
    private final Outbox outbox;
    private final Clock clock;
    private final CampConfig.OfficeHourSettings settings;
    private final QaService qa;
    private final Locale postLocale;
    private final OfficeHourRsvps rsvps;

    OfficeHourMoments(Database db, Outbox outbox, Clock clock, CampConfig config, QaService qa, OfficeHourRsvps rsvps) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = config.officeHours();
        this.qa = qa;
        this.postLocale = config.camp().locale();
        this.rsvps = rsvps;
    }

    /** The moments of an office hour: each reminder offset, the agenda and the start. */
    Map<OfficeHourKey.Kind, Instant> moments(OfficeHour o) {
        Map<OfficeHourKey.Kind, Instant> out = new LinkedHashMap<>();
        for (Duration d : settings.remindBefore()) {
            out.put(OfficeHourKey.Kind.remind(d), o.startAt().minus(d));
        }
        if (o.topic() != null) {
            out.put(AGENDA, o.startAt().minus(settings.agendaBefore()));
        }
        out.put(START, o.startAt());
        return out;
    }

    private List<Moment> momentsOf(OfficeHour o) {
        return moments(o).entrySet().stream()
                .map(e -> new Moment(FEATURE, o.id(), e.getKey(), e.getValue()))
                .toList();
    }

    private Optional<OfficeHour> find(long id) {
        return db.inTransaction(c -> repo.find(c, id));
    }

    @Override
    public String feature() {
        return FEATURE;
    }

    /** The moments still ahead (a session scheduled 5 minutes ahead gets no 1-hour reminder). */
    @Override
    public List<Moment> planned(long rowId) {
        Instant now = clock.instant();
        return find(rowId)
                .filter(o -> o.status() == OfficeHour.Status.SCHEDULED)
                .map(this::momentsOf)
                .orElse(List.of())
                .stream()
                .filter(m -> m.due().isAfter(now))
                .toList();
    }

    /**
     * The moments still ahead of every scheduled office hour that have not fired yet (missed ones are
     * not replayed at start; one that fired a moment early has its posts queued already).
     */
    @Override
    public List<Moment> allPlanned() {
        Instant now = clock.instant();
        return db.inTransaction(repo::allScheduled).stream()
                .flatMap(o -> momentsOf(o).stream()
                        .filter(m -> m.due().isAfter(now))
                        .filter(m -> !outbox.anyWithPrefix(topic(o, m).text())))
                .toList();
    }

    private static OfficeHourKey.Topic topic(OfficeHour o, Moment m) {
        return OfficeHourKey.Topic.moment(o, OfficeHourKey.Kind.parse(m.kind()));
    }

    /** Fires moment {@code kind} (a stored kind's text) of office hour {@code id} now (tests fire moments by hand). */
    public void fire(long id, String kind) {
        OfficeHourKey.Kind k = OfficeHourKey.Kind.parse(kind);
        Instant due = find(id).map(this::moments).map(m -> m.get(k)).orElse(Instant.EPOCH);
        fire(new Moment(FEATURE, id, k, due));
    }

    /**
     * Fires one moment: re-reads the row (cancelled or moved rows post nothing) and queues the
     * channel post and one DM per RSVP in one transaction. Delivery keys hold the office hour, the
     * moment and the start time, so a re-fired trigger queues nothing and a rescheduled session is
     * reminded again; a crash mid fan-out resumes with the recipients not yet sent.
     */
    @Override
    public void fire(Moment moment) {
        long id = moment.rowId();
        OfficeHourKey.Kind kind = OfficeHourKey.Kind.of(moment.kind()).orElse(null);
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Optional<OfficeHour> found = repo.find(c, id);
            if (found.isEmpty() || found.get().status() != OfficeHour.Status.SCHEDULED) {
                return null;
            }
            OfficeHour o = found.get();
            Instant due = moments(o).get(kind);
            if (kind == null || due == null || !due.equals(moment.due())) {
                LOG.info("office hour {}: stale trigger {} ignored", id, moment.kind());
                return null;
            }
            boolean late = START.equals(kind) ? now.isAfter(o.endAt()) : now.isAfter(o.startAt());
            if (late || supersededReminder(o, kind, now)) {
                LOG.info("office hour {}: {} is past its use, skipped", id, moment.kind());
                return null;
            }
            OfficeHourKey.Topic key = OfficeHourKey.Topic.moment(o, kind);
            if (AGENDA.equals(kind)) {
                List<Question> open = qa.unanswered().stream()
                        .filter(q -> Objects.requireNonNull(o.topic(), "an agenda's topic")
                                .equalsIgnoreCase(q.topic()))
                        .toList();
                outbox.enqueue(
                        c,
                        key.self(),
                        Payload.send(
                                o.threadId() != null ? o.threadId() : o.channelId(),
                                OfficeHourPosts.agenda(o, open, qa::link, postLocale)),
                        null,
                        due);
                return null;
            }
            String text = START.equals(kind)
                    ? OfficeHourPosts.starting(o, postLocale)
                    : OfficeHourPosts.reminder(o, Duration.between(due, o.startAt()), postLocale);
            outbox.enqueue(c, key.channel(), Payload.post(o.channelId(), text, List.of()), null, due);
            rsvps.dmAll(c, o, key, text);
            return null;
        });
    }

    /** After downtime, only the nearest missed reminder goes out, not all of them at once. */
    private boolean supersededReminder(OfficeHour o, OfficeHourKey.Kind kind, Instant now) {
        Duration before = kind.before();
        if (before == null) {
            return false;
        }
        return settings.remindBefore().stream()
                .anyMatch(d -> d.compareTo(before) < 0 && !o.startAt().minus(d).isAfter(now));
    }
}
