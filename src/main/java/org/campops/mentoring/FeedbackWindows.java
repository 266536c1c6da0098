package org.campops.mentoring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a team's feedback shows, so that a mentor can never work out one answer from two looks at the report.
 *
 * <p>A session takes feedback while its window is open: until a week after its start (the camp's clock). After that
 * its answers can change no more, and a minute later (an answer still being stored at the close must not change a
 * figure once shown) the window counts as closed. Mentors see only closed windows, grouped oldest first: consecutive
 * closed sessions are merged until the group holds at least {@code mentoring.feedbackMinAnswers} answers; a group
 * once made never changes (its sessions are closed and it is cut at the same place every time, since grouping starts
 * from the oldest), a newly closed session only adds to the group after it, and the sessions after the last full
 * group are not shown at all. So no two figures a mentor sees ever differ by one answer. Each figure is the group's
 * average rounded to the nearest 0.5, with no count ("at least 3 answers"): the rounding hides the group's exact sum
 * as well (with one decimal, 3 answers give the sum exactly). Organizers see the exact average and count; nobody sees
 * who answered ({@link FeedbackKey}).
 */
public final class FeedbackWindows {
    /** How long a session takes feedback after its start. */
    static final Duration OPEN_FOR = Duration.ofDays(7);
    /** From when a session's feedback may be shown to its mentor. */
    static final Duration SHOWN_AFTER = OPEN_FOR.plusMinutes(1);

    private FeedbackWindows() {}

    /** What a report shows of a team's feedback. */
    public sealed interface View permits All, Closed {}

    /** Organizers: every answer so far, its exact average and count, the comments (never who). */
    public record All(int count, double average, List<String> comments) implements View {
        public All {
            comments = List.copyOf(comments);
        }
    }

    /**
     * Mentors: the closed groups, oldest first, and whether held sessions are left out (their window is open or
     * they have too few answers yet). There is no count here by design.
     */
    public record Closed(List<Window> windows, boolean more) implements View {
        public Closed {
            windows = List.copyOf(windows);
        }
    }

    /** Consecutive closed sessions (their dates, camp zone) with at least the minimum of answers together. */
    public record Window(LocalDate from, LocalDate to, double roundedAverage) {}

    /** One held session's answers. */
    record Answers(Session session, List<Integer> ratings) {
        Answers {
            ratings = List.copyOf(ratings);
        }
    }

    /** Whether the session takes feedback now. */
    static boolean open(Session s, Instant now) {
        return now.isBefore(s.startAt().plus(OPEN_FOR));
    }

    /** Whether the session's feedback may be shown to its mentor now. */
    static boolean closed(Session s, Instant now) {
        return !now.isBefore(s.startAt().plus(SHOWN_AFTER));
    }

    static All all(List<Integer> ratings, List<String> comments) {
        return new All(
                ratings.size(),
                ratings.stream().mapToInt(Integer::intValue).average().orElse(0),
                comments);
    }

    /**
     * The mentor's view of a team's held sessions (oldest first): closed ones grouped to at least {@code min} answers;
     * the open ones and the closed ones after the last full group are only flagged as {@code more}.
     */
    static Closed closedWindows(List<Answers> held, Instant now, java.time.ZoneId zone, int min) {
        List<Window> windows = new ArrayList<>();
        List<Answers> group = new ArrayList<>();
        int answers = 0;
        boolean more = false;
        for (Answers a : held) {
            if (!closed(a.session(), now)) {
                more = true;
                continue;
            }
            group.add(a);
            answers += a.ratings().size();
            if (answers >= Math.max(1, min)) {
                windows.add(window(group, zone));
                group.clear();
                answers = 0;
            }
        }
        return new Closed(windows, more || !group.isEmpty());
    }

    private static Window window(List<Answers> group, java.time.ZoneId zone) {
        double average = group.stream()
                .flatMap(a -> a.ratings().stream())
                .mapToInt(Integer::intValue)
                .average()
                .orElseThrow();
        return new Window(
                group.get(0).session().startAt().atZone(zone).toLocalDate(),
                group.get(group.size() - 1).session().startAt().atZone(zone).toLocalDate(),
                rounded(average));
    }

    /** To the nearest 0.5 (halves up). */
    static double rounded(double average) {
        return Math.round(average * 2) / 2.0;
    }
}
