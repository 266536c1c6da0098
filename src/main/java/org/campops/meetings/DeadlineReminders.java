package org.campops.meetings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.campops.config.Program;

/**
 * The program part that plans and posts deadline reminders: one moment per {@code remindBefore} offset, keyed
 * {@code deadline:<id>:<offset>}; sent until the deadline passes, unless a shorter reminder is due by then too.
 */
final class DeadlineReminders extends EventReminders<Program.Deadline> {
    DeadlineReminders(Meetings meetings, Supplier<Program> program, ProgramReminders reminders, MeetingPosts posts) {
        super(meetings, program, reminders, posts, Meetings.DEADLINE, "deadline", "the deadline has passed");
    }

    @Override
    List<Program.Deadline> events(Program p) {
        return p.deadlines();
    }

    @Override
    Instant at(Program.Deadline d) {
        return meetings.dueAt(d);
    }

    @Override
    List<Duration> offsets(Program.Deadline d) {
        return d.remindBefore();
    }

    @Override
    MeetingKey key(Program.Deadline d, Duration before) {
        return Meetings.deadlineKey(d.id(), before);
    }

    @Override
    Program.Audience who(Program.Deadline d) {
        return d.who();
    }

    @Override
    String text(Program.Deadline d) {
        return posts.deadline(d, meetings.dueAt(d));
    }

    /** The deadline a key names ({@code deadline:<id>:<offset>}), if the program still has it. */
    @Override
    Optional<Program.Deadline> eventOf(Planned moment) {
        if (!(MeetingKey.parse(moment.key()).orElse(null) instanceof MeetingKey.Deadline key)) {
            return Optional.empty();
        }
        return program.get().deadlines().stream()
                .filter(d -> d.id().equals(key.deadlineId()))
                .findFirst();
    }
}
