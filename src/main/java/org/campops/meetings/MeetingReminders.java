package org.campops.meetings;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.campops.config.Program;
import org.campops.program.ProgramPart;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program part that plans and posts meeting reminders: one moment per occurrence and {@code remindBefore}
 * offset, keyed {@code meeting:<id>:<yyyy-MM-dd>:<offset>}; sent until the meeting starts, unless a shorter reminder
 * of the same occurrence is due by then too.
 */
final class MeetingReminders implements ProgramPart {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingReminders.class);

    private final Meetings meetings;
    private final Supplier<Program> program;
    private final ProgramReminders reminders;
    private final MeetingPosts posts;

    MeetingReminders(Meetings meetings, Supplier<Program> program, ProgramReminders reminders, MeetingPosts posts) {
        this.meetings = meetings;
        this.program = program;
        this.reminders = reminders;
        this.posts = posts;
    }

    @Override
    public String name() {
        return Meetings.MEETING;
    }

    @Override
    public List<Planned> plan(Program p) {
        List<Planned> out = new ArrayList<>();
        for (Program.Meeting m : p.meetings()) {
            for (Occurrence o : meetings.occurrences(m)) {
                for (Duration before : m.remindBefore()) {
                    out.add(new Planned(Meetings.meetingKey(m.id(), o.date(), before), reminders.remindAt(o.start(), before)));
                }
            }
        }
        return out;
    }

    /** Until the meeting starts (a reminder at its start is skipped). */
    @Override
    public Duration grace(Planned moment) {
        return occurrenceOf(moment).map(o -> ProgramReminders.untilJustBefore(moment.due(), o.start())).orElse(Duration.ZERO);
    }

    @Override
    public void fire(Handle c, Planned moment, Instant now) throws SQLException {
        Optional<Occurrence> found = occurrenceOf(moment);
        Duration before = ProgramReminders.offsetOf(moment);
        if (found.isEmpty() || !reminders.remindAt(found.get().start(), before).equals(moment.due())) {
            LOG.info("{}: no such meeting reminder at {} in the program; not sent", moment.key(), moment.due());
            return;
        }
        Occurrence o = found.get();
        if (!now.isBefore(o.start())) {
            LOG.info("{}: the meeting has started; reminder not sent", moment.key());
            return;
        }
        if (reminders.superseded(o.meeting().remindBefore(), before, o.start(), now)) {
            LOG.info("{}: a later reminder of the same meeting is due too; only that one is sent", moment.key());
            return;
        }
        reminders.queue(c, moment.key(), o.meeting().who(), posts.meeting(o));
    }

    /** The occurrence a key names ({@code meeting:<id>:<date>:<offset>}), if the program still has it. */
    private Optional<Occurrence> occurrenceOf(Planned moment) {
        List<String> args = moment.args();
        if (args.size() != 3 || ProgramReminders.offsetOf(moment) == null) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(args.get(1));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return program.get().meetings().stream().filter(m -> m.id().equals(args.get(0))).findFirst()
                .flatMap(m -> meetings.occurrenceOn(m, date));
    }
}
