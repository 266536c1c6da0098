package org.campops.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Parses the times people type (English or Korean), in the camp's zone. */
public final class WhenParser {
    /** How far ahead a moment may be when the caller does not say. */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(366);

    private final ZoneId zone;
    private final Duration maxAhead;

    /** A parser for {@code zone} that accepts moments up to {@link #DEFAULT_MAX_AHEAD} ahead. */
    public WhenParser(ZoneId zone) {
        this(zone, DEFAULT_MAX_AHEAD);
    }

    /** A parser for {@code zone} that refuses moments more than {@code maxAhead} after now. */
    public WhenParser(ZoneId zone, Duration maxAhead) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.maxAhead = Objects.requireNonNull(maxAhead, "maxAhead");
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException("maxAhead must not be negative: " + maxAhead);
        }
    }

    /**
     * Reads {@code text} as a moment strictly after {@code now}. Never throws for bad input: every
     * refusal comes back as {@link WhenResult.Err} so the bot can explain it to the user.
     */
    public WhenResult parse(String text, Instant now) {
        Objects.requireNonNull(now, "now");
        String input = text == null ? "" : text.strip();
        String normalized = InputText.normalize(input);
        if (normalized.isEmpty()) {
            return new WhenResult.Err(Problem.EMPTY, input);
        }
        try {
            return new WhenResult.Ok(interpret(normalized, now));
        } catch (ParseFailure f) {
            return new WhenResult.Err(f.problem(), input);
        }
    }

    private ZonedDateTime interpret(String text, Instant now) {
        Duration span = RelativeParser.parse(text);
        return span != null ? afterSpan(span, now) : onWallClock(Phrase.parse(text), now);
    }

    private ZonedDateTime afterSpan(Duration span, Instant now) {
        Instant at;
        try {
            at = now.plus(span).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeException | ArithmeticException e) {
            throw new ParseFailure(Problem.TOO_FAR);
        }
        return accept(at, now).atZone(zone);
    }

    private ZonedDateTime onWallClock(Phrase phrase, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        // A bare time means its next occurrence, so it rolls one day; explicit days never roll.
        DateSpec.Plan plan = phrase.date() == null
                ? new DateSpec.Plan(today, 1)
                : phrase.date().plan(today);
        if (phrase.time() == null) {
            throw new ParseFailure(Problem.AMBIGUOUS);
        }
        LocalDateTime local = plan.first().atStartOfDay().plusMinutes(minuteOfDay(phrase));
        if (plan.rollDays() > 0 && !local.atZone(zone).toInstant().isAfter(now)) {
            local = local.plusDays(plan.rollDays());
        }
        ZonedDateTime at = strictlyInZone(local);
        accept(at.toInstant(), now);
        return at;
    }

    private static int minuteOfDay(Phrase phrase) {
        TimeSpec time = Objects.requireNonNull(phrase.time(), "checked by onWallClock");
        DateSpec date = phrase.date();
        boolean tonight = date instanceof DateSpec.DaysFromToday d && d.tonight();
        return switch (time.kind()) {
            case CLOCK -> time.minuteOfDay(tonight ? Marker.NIGHT : null);
            case NOON -> 12 * 60;
            case MIDNIGHT -> midnight(date);
            case VAGUE -> throw new ParseFailure(Problem.AMBIGUOUS);
        };
    }

    /**
     * "midnight" alone is the next 00:00 and "today midnight" / "오늘 자정" is the end of today,
     * but "Dec 1 midnight" or "내일 자정" splits people between the start and the end of that
     * day, so we ask rather than fire a day early or late.
     */
    private static int midnight(@Nullable DateSpec date) {
        if (date == null) {
            return 0;
        }
        if (date instanceof DateSpec.DaysFromToday d && d.days() == 0) {
            return 24 * 60;
        }
        throw new ParseFailure(Problem.AMBIGUOUS);
    }

    private ZonedDateTime strictlyInZone(LocalDateTime local) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new ParseFailure(Problem.IMPOSSIBLE); // skipped by a DST jump forward
        }
        if (offsets.size() > 1) {
            throw new ParseFailure(Problem.AMBIGUOUS); // happens twice when clocks fall back
        }
        return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
    }

    private Instant accept(Instant at, Instant now) {
        if (!at.isAfter(now)) {
            throw new ParseFailure(Problem.PAST);
        }
        if (Duration.between(now, at).compareTo(maxAhead) > 0) {
            throw new ParseFailure(Problem.TOO_FAR);
        }
        return at;
    }
}
