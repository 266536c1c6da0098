package org.campops.duties;

import java.time.Instant;

/**
 * One item of a mentor's week: what it is (in the member's language), its status and when it is or
 * was due (null when it has no time).
 */
public record Duty(String kind, String label, Status status, Instant due) {

    /** DONE; OPEN (still time); LATE (past due and not done); UPCOMING (later this week, nothing to do yet). */
    public enum Status {
        LATE,
        OPEN,
        UPCOMING,
        DONE
    }
}
