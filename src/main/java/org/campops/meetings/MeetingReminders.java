package org.campops.meetings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.campops.config.Program;

/**
 * The program part that plans and posts meeting reminders: one moment per occurrence and {@code remindBefore}
 * offset, keyed {@code meeting:<id>:<yyyy-MM-dd>:<offset>}; sent until the meeting starts, unless a shorter reminder
 * of the same occurrence is due by then too.
 */
final class MeetingReminders extends EventReminders<Occurrence> {
    MeetingReminders(Meetings meetings, Supplier<Program> program, ProgramReminders reminders, MeetingPosts posts) {
        super(meetings, program, reminders, posts, Meetings.MEETING, "meeting", "the meeting has started");
    }

    @Override
    List<Occurrence> events(Program p) {
        return p.meetings().stream()
                .flatMap(m -> meetings.occurrences(m).stream())
                .toList();
    }

    @Override
    Instant at(Occurrence o) {
        return o.start();
    }

    @Override
    List<Duration> offsets(Occurrence o) {
        return o.meeting().remindBefore();
    }

    @Override
    MeetingKey key(Occurrence o, Duration before) {
        return Meetings.meetingKey(o.meeting().id(), o.date(), before);
    }

    @Override
    Program.Audience who(Occurrence o) {
        return o.meeting().who();
    }

    @Override
    String text(Occurrence o) {
        return posts.meeting(o);
    }

    /** The occurrence a key names ({@code meeting:<id>:<date>:<offset>}), if the program still has it. */
    @Override
    Optional<Occurrence> eventOf(Planned moment) {
        if (!(MeetingKey.parse(moment.key()).orElse(null) instanceof MeetingKey.Meeting key)) {
            return Optional.empty();
        }
        return program.get().meetings().stream()
                .filter(m -> m.id().equals(key.meetingId()))
                .findFirst()
                .flatMap(m -> meetings.occurrenceOn(m, key.date()));
    }
}
