package org.campops.meetings;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.program.ProgramPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff meetings and material deadlines of the program file: their reminders (two {@link ProgramPart}s,
 * one moment per occurrence and {@code remindBefore} offset) and what the other features read
 * ({@code /duties}, a calendar): which meetings and deadlines fall in a period, and for whom.
 *
 * <p>Moment keys name the occurrence, not its time, so an edit elsewhere in the file changes nothing
 * and a meeting moved within its day moves its reminders: {@code meeting:<id>:<yyyy-MM-dd>:<offset>}
 * (the day the occurrence falls on in the camp's zone, the offset as ISO, e.g. {@code PT1H}) and
 * {@code deadline:<id>:<offset>}. Times are read in the camp's zone and keep their local time across
 * daylight saving; an offset of whole days is counted in local days. A reminder missed while the bot
 * was down still goes out late while the meeting has not started (the deadline has not passed), except
 * when a shorter reminder of the same occurrence is due by then too: only the latest one is sent.
 *
 * <p>Who gets what: mentors as a post in the mentors' channel, organizers in the organizers' channel,
 * named members by DM; one outbox row per recipient ({@code <moment key>:channel:<id>},
 * {@code <moment key>:dm:<user>}). The meeting's link is only in these posts.
 */
public final class Meetings {
    private static final Logger LOG = LoggerFactory.getLogger(Meetings.class);
    public static final String MEETING = "meeting";
    public static final String DEADLINE = "deadline";

    private final Supplier<Program> program;
    private final Outbox outbox;
    private final ZoneId zone;
    private final CampConfig.Channels channels;
    private final MeetingPosts posts;
    private final ProgramPart meetingReminders = new MeetingReminders();
    private final ProgramPart deadlineReminders = new DeadlineReminders();

    /** {@code program} gives the program in force (the one the stored moments were planned from). */
    public Meetings(CampConfig config, Outbox outbox, Supplier<Program> program) {
        this.program = program;
        this.outbox = outbox;
        this.zone = config.camp().zone();
        this.channels = config.discord().channels();
        this.posts = new MeetingPosts(config.camp().locale());
    }

    /** The part that plans and posts meeting reminders (keys {@code meeting:...}). */
    public ProgramPart meetingReminders() {
        return meetingReminders;
    }

    /** The part that plans and posts deadline reminders (keys {@code deadline:...}). */
    public ProgramPart deadlineReminders() {
        return deadlineReminders;
    }

    // ---- reading ----

    /** Every occurrence of {@code m}, in order: each week on its day from {@code from} to {@code until}, or its one date. */
    public List<Occurrence> occurrences(Program.Meeting m) {
        List<Occurrence> out = new ArrayList<>();
        if (m.date() != null) {
            out.add(occurrence(m, m.date()));
            return out;
        }
        if (m.day() == null || m.from() == null || m.until() == null) {
            return out;
        }
        for (LocalDate d = m.from().with(TemporalAdjusters.nextOrSame(m.day())); !d.isAfter(m.until()); d = d.plusWeeks(1)) {
            out.add(occurrence(m, d));
        }
        return out;
    }

    /** The occurrence of {@code m} on {@code date}, if the meeting takes place that day. */
    public Optional<Occurrence> occurrenceOn(Program.Meeting m, LocalDate date) {
        boolean on = m.date() != null ? m.date().equals(date)
                : m.day() != null && m.from() != null && m.until() != null && date.getDayOfWeek() == m.day()
                        && !date.isBefore(m.from()) && !date.isAfter(m.until());
        return on ? Optional.of(occurrence(m, date)) : Optional.empty();
    }

    private Occurrence occurrence(Program.Meeting m, LocalDate d) {
        // ZonedDateTime keeps the local time across daylight saving; in a gap it moves later by the gap.
        Instant start = ZonedDateTime.of(d, m.time(), zone).toInstant();
        return new Occurrence(m, d, start, start.plus(Duration.ofMinutes(m.durationMinutes())));
    }

    /** The meetings starting in [{@code from}, {@code to}), by start. */
    public List<Occurrence> meetingsBetween(Instant from, Instant to) {
        List<Occurrence> out = new ArrayList<>();
        for (Program.Meeting m : program.get().meetings()) {
            for (Occurrence o : occurrences(m)) {
                if (!o.start().isBefore(from) && o.start().isBefore(to)) {
                    out.add(o);
                }
            }
        }
        out.sort(Comparator.comparing(Occurrence::start).thenComparing(o -> o.meeting().id()));
        return out;
    }

    /** The meetings starting in [{@code from}, {@code to}) that are for this member. */
    public List<Occurrence> meetingsFor(String userId, boolean isMentor, boolean isOrganizer, Instant from, Instant to) {
        return meetingsBetween(from, to).stream().filter(o -> o.concerns(userId, isMentor, isOrganizer)).toList();
    }

    /** When a deadline falls, its local date-time read in the camp's zone. */
    public Instant dueAt(Program.Deadline d) {
        return ZonedDateTime.of(d.due(), zone).toInstant();
    }

    /** The deadlines falling in [{@code from}, {@code to}), by due time. */
    public List<Program.Deadline> deadlinesBetween(Instant from, Instant to) {
        return program.get().deadlines().stream()
                .filter(d -> !dueAt(d).isBefore(from) && dueAt(d).isBefore(to))
                .sorted(Comparator.comparing(this::dueAt).thenComparing(Program.Deadline::id))
                .toList();
    }

    /** The deadlines falling in [{@code from}, {@code to}) that are for this member. */
    public List<Program.Deadline> deadlinesFor(String userId, boolean isMentor, boolean isOrganizer, Instant from, Instant to) {
        return deadlinesBetween(from, to).stream().filter(d -> d.who().includes(userId, isMentor, isOrganizer)).toList();
    }

    // ---- keys ----

    static String meetingKey(String meetingId, LocalDate date, Duration before) {
        return MEETING + ":" + meetingId + ":" + date + ":" + before;
    }

    static String deadlineKey(String deadlineId, Duration before) {
        return DEADLINE + ":" + deadlineId + ":" + before;
    }

    /** The offset at the end of a key, or null when the key is not one of ours. */
    private static Duration offsetOf(ProgramPart.Planned p) {
        List<String> args = p.args();
        try {
            return args.isEmpty() ? null : Duration.parse(args.get(args.size() - 1));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * When the reminder {@code before} an event at {@code at} is due: whole days are taken in the camp's
     * zone (a day before Sunday 10:00 is Saturday 10:00, also when the clocks change in between), the
     * rest as elapsed time.
     */
    Instant remindAt(Instant at, Duration before) {
        long days = before.toDays();
        return at.atZone(zone).minusDays(days).toInstant().minus(before.minusDays(days));
    }

    /** Whether a shorter reminder than {@code before} of the same event is due at {@code now} too (it is sent instead). */
    private boolean superseded(List<Duration> offsets, Duration before, Instant event, Instant now) {
        return offsets.stream().anyMatch(o -> o.compareTo(before) < 0 && !now.isBefore(remindAt(event, o)));
    }

    /** The grace of a reminder due at {@code due} for an event at {@code event}: late is fine, at the event it is too late. */
    private static Duration untilJustBefore(Instant due, Instant event) {
        Duration d = Duration.between(due, event).minusNanos(1);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** One outbox row per recipient, under the moment's key plus the recipient. */
    private void queue(Connection c, String key, Program.Audience who, String text) throws SQLException {
        switch (who.kind()) {
            case MENTORS -> post(c, key, channels.mentors(), text);
            case ORGANIZERS -> post(c, key, channels.organizers(), text);
            case MEMBERS -> {
                for (String user : who.userIds()) {
                    outbox.enqueue(c, key + ":dm:" + user, Payload.dm(user, text));
                }
            }
        }
    }

    private void post(Connection c, String key, String channel, String text) throws SQLException {
        if (channel == null) {
            LOG.warn("{}: no channel configured for its audience; not posted", key);
            return;
        }
        outbox.enqueue(c, key + ":channel:" + channel, Payload.post(channel, text, List.of()));
    }

    // ---- the two parts ----

    private final class MeetingReminders implements ProgramPart {
        @Override
        public String name() {
            return MEETING;
        }

        @Override
        public List<Planned> plan(Program p) {
            List<Planned> out = new ArrayList<>();
            for (Program.Meeting m : p.meetings()) {
                for (Occurrence o : occurrences(m)) {
                    for (Duration before : m.remindBefore()) {
                        out.add(new Planned(meetingKey(m.id(), o.date(), before), remindAt(o.start(), before)));
                    }
                }
            }
            return out;
        }

        /** Until the meeting starts (a reminder at its start is skipped). */
        @Override
        public Duration grace(Planned moment) {
            return occurrenceOf(moment).map(o -> untilJustBefore(moment.due(), o.start())).orElse(Duration.ZERO);
        }

        @Override
        public void fire(Connection c, Planned moment, Instant now) throws SQLException {
            Optional<Occurrence> found = occurrenceOf(moment);
            Duration before = offsetOf(moment);
            if (found.isEmpty() || !remindAt(found.get().start(), before).equals(moment.due())) {
                LOG.info("{}: no such meeting reminder at {} in the program; not sent", moment.key(), moment.due());
                return;
            }
            Occurrence o = found.get();
            if (!now.isBefore(o.start())) {
                LOG.info("{}: the meeting has started; reminder not sent", moment.key());
                return;
            }
            if (superseded(o.meeting().remindBefore(), before, o.start(), now)) {
                LOG.info("{}: a later reminder of the same meeting is due too; only that one is sent", moment.key());
                return;
            }
            queue(c, moment.key(), o.meeting().who(), posts.meeting(o));
        }

        /** The occurrence a key names ({@code meeting:<id>:<date>:<offset>}), if the program still has it. */
        private Optional<Occurrence> occurrenceOf(Planned moment) {
            List<String> args = moment.args();
            if (args.size() != 3 || offsetOf(moment) == null) {
                return Optional.empty();
            }
            LocalDate date;
            try {
                date = LocalDate.parse(args.get(1));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
            return program.get().meetings().stream().filter(m -> m.id().equals(args.get(0))).findFirst()
                    .flatMap(m -> occurrenceOn(m, date));
        }
    }

    private final class DeadlineReminders implements ProgramPart {
        @Override
        public String name() {
            return DEADLINE;
        }

        @Override
        public List<Planned> plan(Program p) {
            List<Planned> out = new ArrayList<>();
            for (Program.Deadline d : p.deadlines()) {
                for (Duration before : d.remindBefore()) {
                    out.add(new Planned(deadlineKey(d.id(), before), remindAt(dueAt(d), before)));
                }
            }
            return out;
        }

        /** Until the deadline passes (a reminder at the deadline is skipped). */
        @Override
        public Duration grace(Planned moment) {
            return deadlineOf(moment).map(d -> untilJustBefore(moment.due(), dueAt(d))).orElse(Duration.ZERO);
        }

        @Override
        public void fire(Connection c, Planned moment, Instant now) throws SQLException {
            Optional<Program.Deadline> found = deadlineOf(moment);
            Duration before = offsetOf(moment);
            if (found.isEmpty() || !remindAt(dueAt(found.get()), before).equals(moment.due())) {
                LOG.info("{}: no such deadline reminder at {} in the program; not sent", moment.key(), moment.due());
                return;
            }
            Program.Deadline d = found.get();
            Instant due = dueAt(d);
            if (!now.isBefore(due)) {
                LOG.info("{}: the deadline has passed; reminder not sent", moment.key());
                return;
            }
            if (superseded(d.remindBefore(), before, due, now)) {
                LOG.info("{}: a later reminder of the same deadline is due too; only that one is sent", moment.key());
                return;
            }
            queue(c, moment.key(), d.who(), posts.deadline(d, due));
        }

        /** The deadline a key names ({@code deadline:<id>:<offset>}), if the program still has it. */
        private Optional<Program.Deadline> deadlineOf(Planned moment) {
            List<String> args = moment.args();
            if (args.size() != 2 || offsetOf(moment) == null) {
                return Optional.empty();
            }
            return program.get().deadlines().stream().filter(d -> d.id().equals(args.get(0))).findFirst();
        }
    }
}
