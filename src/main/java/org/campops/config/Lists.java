package org.campops.config;

import com.fasterxml.jackson.databind.util.StdConverter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Lists as the config records hold them, and how the files' lists are tidied when read. */
final class Lists {
    private Lists() {}

    /**
     * An unmodifiable copy. The binder builds a record before checking it, so a list may still hold the null of a
     * value reported as unusable, or be null for a key reported as missing; both are kept for the checks to see.
     */
    // Null only for a key the binder has already reported missing: that config is refused before anything uses it.
    @SuppressWarnings("NullAway")
    static <T> List<T> copy(@Nullable List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Reminder offsets as read: without blanks or repeats, longest (the earliest reminder) first. */
    static final class LongestFirst extends StdConverter<List<Duration>, List<Duration>> {
        @Override
        public List<Duration> convert(List<Duration> offsets) {
            return offsets.stream()
                    .filter(Objects::nonNull)
                    .distinct()
                    .sorted(Comparator.reverseOrder())
                    .toList();
        }
    }

    /** Weekdays as read: without blanks or repeats, in the order written. */
    static final class Distinct extends StdConverter<List<DayOfWeek>, List<DayOfWeek>> {
        @Override
        public List<DayOfWeek> convert(List<DayOfWeek> days) {
            return days.stream().filter(Objects::nonNull).distinct().toList();
        }
    }
}
