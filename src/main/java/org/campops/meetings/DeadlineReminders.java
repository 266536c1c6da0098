package org.campops.meetings;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
 * The program part that plans and posts deadline reminders: one moment per {@code remindBefore} offset, keyed
 * {@code deadline:<id>:<offset>}; sent until the deadline passes, unless a shorter reminder is due by then too.
 */
final class DeadlineReminders implements ProgramPart {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineReminders.class);

    private final Meetings meetings;
    private final Supplier<Program> program;
    private final ProgramReminders reminders;
    private final MeetingPosts posts;

    DeadlineReminders(Meetings meetings, Supplier<Program> program, ProgramReminders reminders, MeetingPosts posts) {
        this.meetings = meetings;
        this.program = program;
        this.reminders = reminders;
        this.posts = posts;
    }

    @Override
    public String name() {
        return Meetings.DEADLINE;
    }

    @Override
    public List<Planned> plan(Program p) {
        List<Planned> out = new ArrayList<>();
        for (Program.Deadline d : p.deadlines()) {
            for (Duration before : d.remindBefore()) {
                out.add(new Planned(Meetings.deadlineKey(d.id(), before), reminders.remindAt(meetings.dueAt(d), before)));
            }
        }
        return out;
    }

    /** Until the deadline passes (a reminder at the deadline is skipped). */
    @Override
    public Duration grace(Planned moment) {
        return deadlineOf(moment).map(d -> ProgramReminders.untilJustBefore(moment.due(), meetings.dueAt(d)))
                .orElse(Duration.ZERO);
    }

    @Override
    public void fire(Handle c, Planned moment, Instant now) throws SQLException {
        Optional<Program.Deadline> found = deadlineOf(moment);
        Duration before = ProgramReminders.offsetOf(moment);
        if (found.isEmpty() || !reminders.remindAt(meetings.dueAt(found.get()), before).equals(moment.due())) {
            LOG.info("{}: no such deadline reminder at {} in the program; not sent", moment.key(), moment.due());
            return;
        }
        Program.Deadline d = found.get();
        Instant due = meetings.dueAt(d);
        if (!now.isBefore(due)) {
            LOG.info("{}: the deadline has passed; reminder not sent", moment.key());
            return;
        }
        if (reminders.superseded(d.remindBefore(), before, due, now)) {
            LOG.info("{}: a later reminder of the same deadline is due too; only that one is sent", moment.key());
            return;
        }
        reminders.queue(c, moment.key(), d.who(), posts.deadline(d, due));
    }

    /** The deadline a key names ({@code deadline:<id>:<offset>}), if the program still has it. */
    private Optional<Program.Deadline> deadlineOf(Planned moment) {
        List<String> args = moment.args();
        if (args.size() != 2 || ProgramReminders.offsetOf(moment) == null) {
            return Optional.empty();
        }
        return program.get().deadlines().stream().filter(d -> d.id().equals(args.get(0))).findFirst();
    }
}
