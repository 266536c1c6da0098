package org.campops.wrapup;

import java.time.Instant;

/**
 * One camper's wrap-up report for one competition and the mentor who reviews it. {@code teamId} is
 * null for rows imported from a CSV for a camper without a team; {@code reportLink} and
 * {@code submittedAt} are null until the camper hands in their link, {@code reviewedAt} until the
 * mentor marks the review done.
 */
public record Assignment(
        long id,
        String competitionId,
        String camperId,
        String mentorId,
        Long teamId,
        String reportLink,
        Instant submittedAt,
        Instant reviewedAt,
        String reviewedBy,
        Instant assignedAt) {

    public boolean submitted() {
        return reportLink != null;
    }

    public boolean reviewed() {
        return reviewedAt != null;
    }
}
