package org.campops.meetings;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.campops.config.Program;
import org.campops.program.ProgramPart;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link MeetingReminders} and {@link DeadlineReminders} share: one moment per event of the program and
 * {@code remindBefore} offset; sent until the event, unless a shorter reminder of the same event is due by then too;
 * a key the program no longer has, or whose time moved, is not sent.
 *
 * @param <E> one event: a meeting's occurrence or a deadline
 */
abstract class EventReminders<E> implements ProgramPart {
    private final Logger log = LoggerFactory.getLogger(getClass());
    protected final Meetings meetings;
    protected final Supplier<Program> program;
    protected final MeetingPosts posts;
    private final ProgramReminders reminders;
    private final String name;
    private final String noun;
    private final String over;

    /** {@code noun} names the event in the log ("meeting"), {@code over} says it is too late ("the meeting has started"). */
    EventReminders(
            Meetings meetings,
            Supplier<Program> program,
            ProgramReminders reminders,
            MeetingPosts posts,
            String name,
            String noun,
            String over) {
        this.meetings = meetings;
        this.program = program;
        this.reminders = reminders;
        this.posts = posts;
        this.name = name;
        this.noun = noun;
        this.over = over;
    }

    /** Every event of the program, past ones included. */
    abstract List<E> events(Program p);

    /** When the event starts or falls due. */
    abstract Instant at(E event);

    /** Its {@code remindBefore} offsets. */
    abstract List<Duration> offsets(E event);

    /** The moment key of its reminder {@code before} it. */
    abstract MeetingKey key(E event, Duration before);

    /** The event a key names, if the program in force still has it. */
    abstract Optional<E> eventOf(Planned moment);

    /** Who is reminded. */
    abstract Program.Audience who(E event);

    /** The reminder's text. */
    abstract String text(E event);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Planned> plan(Program p) {
        List<Planned> out = new ArrayList<>();
        for (E e : events(p)) {
            for (Duration before : offsets(e)) {
                out.add(new Planned(key(e, before), reminders.remindAt(at(e), before)));
            }
        }
        return out;
    }

    /** Until the event (a reminder at the event itself is skipped). */
    @Override
    public final Duration grace(Planned moment) {
        return eventOf(moment)
                .map(e -> ProgramReminders.untilJustBefore(moment.due(), at(e)))
                .orElse(Duration.ZERO);
    }

    @Override
    public final void fire(Handle c, Planned moment, Instant now) throws SQLException {
        Optional<E> found = eventOf(moment);
        Duration before = ProgramReminders.offsetOf(moment);
        if (found.isEmpty()
                || !reminders
                        .remindAt(at(found.get()), Objects.requireNonNull(before, "a meeting reminder key"))
                        .equals(moment.due())) {
            log.info("{}: no such {} reminder at {} in the program; not sent", moment.key(), noun, moment.due());
            return;
        }
        E e = found.get();
        Instant at = at(e);
        if (!now.isBefore(at)) {
            log.info("{}: {}; reminder not sent", moment.key(), over);
            return;
        }
        if (reminders.superseded(offsets(e), Objects.requireNonNull(before, "a meeting reminder key"), at, now)) {
            log.info("{}: a later reminder of the same {} is due too; only that one is sent", moment.key(), noun);
            return;
        }
        reminders.queue(c, moment, who(e), text(e));
    }
}
