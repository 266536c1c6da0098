package org.campops.meetings;

import java.time.Instant;
import java.time.LocalDate;
import org.campops.config.Program;

/**
 * One occurrence of a meeting: the meeting as the program file has it, the day it falls on in the
 * camp's zone (the day in its reminders' keys) and when it starts and ends.
 */
public record Occurrence(Program.Meeting meeting, LocalDate date, Instant start, Instant end) {
    /** Whether this member is among the people the meeting is for. */
    public boolean concerns(String userId, boolean isMentor, boolean isOrganizer) {
        return meeting.who().includes(userId, isMentor, isOrganizer);
    }
}
