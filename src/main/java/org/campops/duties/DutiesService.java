package org.campops.duties;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/** Mentors' duties this week, from every feature that gives them some ({@link DutySource}). */
public final class DutiesService {
    private final Supplier<List<String>> mentors;
    private final Supplier<List<DutySource>> sources;
    private final Clock clock;
    private final ZoneId zone;

    /** {@code sources}: every feature's duty sources, read when asked. */
    public DutiesService(Supplier<List<String>> mentors, Supplier<List<DutySource>> sources, Clock clock, ZoneId zone) {
        this.mentors = mentors;
        this.sources = sources;
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate thisWeek() {
        return clock.instant().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** One mentor's duties in the week of {@code weekStart}, late ones first. */
    public List<Duty> of(String mentorId, LocalDate weekStart, Locale locale) {
        List<Duty> out = new ArrayList<>();
        for (DutySource s : sources.get()) {
            out.addAll(s.duties(mentorId, weekStart, locale));
        }
        out.sort(Comparator.comparing(Duty::status)
                .thenComparing(d -> d.due() == null ? java.time.Instant.MAX : d.due()));
        return out;
    }

    /** A mentor's line on the board. */
    public record Row(String mentorId, List<Duty> duties) {
        public long count(Duty.Status s) {
            return duties.stream().filter(d -> d.status() == s).count();
        }
    }

    /** Every mentor's week: most late first, then most open. */
    public List<Row> board(LocalDate weekStart, Locale locale) {
        Set<String> all = new LinkedHashSet<>(mentors.get());
        List<Row> rows = new ArrayList<>();
        for (String m : all) {
            rows.add(new Row(m, of(m, weekStart, locale)));
        }
        rows.sort(Comparator.comparing((Row r) -> -r.count(Duty.Status.LATE))
                .thenComparing(r -> -r.count(Duty.Status.OPEN))
                .thenComparing(Row::mentorId));
        return rows;
    }
}
