package org.campops.meetings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Messages;
import org.campops.chat.Texts;
import org.campops.config.Program;
import org.campops.duties.Duty;
import org.campops.duties.DutySource;

/** A mentor's meetings and deadlines of a week as duties (for /duties and the board). */
public final class MeetingDuties implements DutySource {
    private final Meetings meetings;
    private final Clock clock;
    private final ZoneId zone;

    public MeetingDuties(Meetings meetings, Clock clock, ZoneId zone) {
        this.meetings = meetings;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public List<Duty> duties(String mentorId, LocalDate weekStart, Locale locale) {
        Instant from = weekStart.atStartOfDay(zone).toInstant();
        Instant to = weekStart.plusWeeks(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        List<Duty> out = new ArrayList<>();
        for (Occurrence o : meetings.meetingsFor(mentorId, true, false, from, to)) {
            out.add(new Duty(
                    "meeting",
                    Messages.get(
                            locale,
                            "duties.item.meeting",
                            Texts.defuse(o.meeting().name()),
                            Texts.timestamp(o.start())),
                    o.end().isBefore(now) ? Duty.Status.DONE : Duty.Status.UPCOMING,
                    o.start()));
        }
        for (Program.Deadline d : meetings.deadlinesFor(mentorId, true, false, from, to)) {
            Instant due = meetings.dueAt(d);
            Duty.Status status = due.isBefore(now)
                    ? Duty.Status.DONE
                    : due.minus(Duration.ofDays(2)).isBefore(now) ? Duty.Status.OPEN : Duty.Status.UPCOMING;
            out.add(new Duty(
                    "deadline",
                    Messages.get(
                            locale,
                            due.isBefore(now) ? "duties.item.deadlinePassed" : "duties.item.deadline",
                            Texts.defuse(d.what()),
                            Texts.timestamp(due)),
                    status,
                    due));
        }
        return out;
    }
}
