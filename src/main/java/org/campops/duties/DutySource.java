package org.campops.duties;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** A feature that gives mentors duties: the items of one mentor's week. */
public interface DutySource {
    List<Duty> duties(String mentorId, LocalDate weekStart, Locale locale);
}
