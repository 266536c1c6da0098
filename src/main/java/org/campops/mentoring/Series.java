package org.campops.mentoring;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** A team's weekly mentoring: day and local time in {@code zone}, the link, the last day it runs. */
public record Series(
        long id,
        long teamId,
        DayOfWeek day,
        LocalTime time,
        int durationMinutes,
        String link,
        ZoneId zone,
        LocalDate endsOn) {}
