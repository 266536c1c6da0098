package org.campops.meetings;

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
import org.campops.program.ProgramPart;

/**
 * Staff meetings and material deadlines of the program file: their reminders (two {@link ProgramPart}s,
 * {@link MeetingReminders} and {@link DeadlineReminders}, one moment per occurrence and {@code remindBefore}
 * offset, sharing {@link ProgramReminders}) and what the other features read
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
    public static final String MEETING = "meeting";
    public static final String DEADLINE = "deadline";

    private final Supplier<Program> program;
    private final ZoneId zone;
    private final ProgramPart meetingReminders;
    private final ProgramPart deadlineReminders;

    /** {@code program} gives the program in force (the one the stored moments were planned from). */
    public Meetings(CampConfig config, Outbox outbox, Supplier<Program> program) {
        this.program = program;
        this.zone = config.camp().zone();
        ProgramReminders reminders =
                new ProgramReminders(zone, outbox, config.discord().channels());
        MeetingPosts posts = new MeetingPosts(config.camp().locale());
        this.meetingReminders = new MeetingReminders(this, program, reminders, posts);
        this.deadlineReminders = new DeadlineReminders(this, program, reminders, posts);
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
        for (LocalDate d = m.from().with(TemporalAdjusters.nextOrSame(m.day()));
                !d.isAfter(m.until());
                d = d.plusWeeks(1)) {
            out.add(occurrence(m, d));
        }
        return out;
    }

    /** The occurrence of {@code m} on {@code date}, if the meeting takes place that day. */
    public Optional<Occurrence> occurrenceOn(Program.Meeting m, LocalDate date) {
        boolean on = m.date() != null
                ? m.date().equals(date)
                : m.day() != null
                        && m.from() != null
                        && m.until() != null
                        && date.getDayOfWeek() == m.day()
                        && !date.isBefore(m.from())
                        && !date.isAfter(m.until());
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
        out.sort(Comparator.comparing(Occurrence::start)
                .thenComparing(o -> o.meeting().id()));
        return out;
    }

    /** The meetings starting in [{@code from}, {@code to}) that are for this member. */
    public List<Occurrence> meetingsFor(
            String userId, boolean isMentor, boolean isOrganizer, Instant from, Instant to) {
        return meetingsBetween(from, to).stream()
                .filter(o -> o.concerns(userId, isMentor, isOrganizer))
                .toList();
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
    public List<Program.Deadline> deadlinesFor(
            String userId, boolean isMentor, boolean isOrganizer, Instant from, Instant to) {
        return deadlinesBetween(from, to).stream()
                .filter(d -> d.who().includes(userId, isMentor, isOrganizer))
                .toList();
    }

    // ---- keys ----

    static MeetingKey meetingKey(String meetingId, LocalDate date, Duration before) {
        return new MeetingKey.Meeting(meetingId, date, before);
    }

    static MeetingKey deadlineKey(String deadlineId, Duration before) {
        return new MeetingKey.Deadline(deadlineId, before);
    }
}
