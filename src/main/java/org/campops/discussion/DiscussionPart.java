package org.campops.discussion;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.program.ProgramPart;

/**
 * What the discussion board's program parts ({@link PromptPart}, {@link WeeklyPostPart}) share: the service, the
 * outbox and the config, their name, and the camp's calendar (a local day and time in its zone, a week's Monday).
 */
abstract class DiscussionPart implements ProgramPart {
    protected final DiscussionService discussion;
    protected final Outbox outbox;
    protected final CampConfig config;
    private final String name;

    DiscussionPart(String name, DiscussionService discussion, Outbox outbox, CampConfig config) {
        this.name = name;
        this.discussion = discussion;
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The instant of {@code time} on {@code day} in the camp's zone. */
    protected final Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, config.camp().zone()).toInstant();
    }

    /** The camp's language. */
    protected final Locale locale() {
        return config.camp().locale();
    }

    /** The Monday of {@code day}'s week. */
    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
