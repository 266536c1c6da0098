package org.campops.duties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The duties board on its own: the week in the camp's zone, each mentor's items from every source, the board's order. */
class DutiesServiceTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Instant T1 = Instant.parse("2026-11-18T01:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-19T01:00:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T16:30:00Z"));
    private final List<String> mentors = new ArrayList<>(List.of("kim", "lee", "park"));

    @Test
    void theWeekStartsOnMondayInTheCampsZone() {
        DutiesService duties = new DutiesService(() -> mentors, List::of, clock, SEOUL);
        // Sunday 16:30 UTC is already Monday 01:30 in Seoul.
        assertThat(duties.thisWeek()).isEqualTo(LocalDate.of(2026, 11, 23));
        clock.set(Instant.parse("2026-11-22T14:59:00Z"));
        assertThat(duties.thisWeek()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(new DutiesService(() -> mentors, List::of, clock, ZoneId.of("UTC")).thisWeek())
                .isEqualTo(LocalDate.of(2026, 11, 16));
    }

    @Test
    void aMentorsItemsComeFromEverySourceLateFirstThenByDueTime() {
        LocalDate week = LocalDate.of(2026, 11, 16);
        List<String> asked = new ArrayList<>();
        DutySource sessions = (mentor, weekStart, locale) -> {
            asked.add(mentor + " " + weekStart + " " + locale);
            return List.of(
                    new Duty("session", "later", Duty.Status.OPEN, T2),
                    new Duty("session", "no time", Duty.Status.OPEN, null),
                    new Duty("session", "done", Duty.Status.DONE, T1));
        };
        DutySource posts = (mentor, weekStart, locale) -> List.of(
                new Duty("post", "sooner", Duty.Status.OPEN, T1), new Duty("post", "late", Duty.Status.LATE, T2));
        DutiesService duties = new DutiesService(() -> mentors, () -> List.of(sessions, posts), clock, SEOUL);

        assertThat(duties.of("kim", week, Locale.ENGLISH))
                .extracting(Duty::label)
                .containsExactly("late", "sooner", "later", "no time", "done");
        assertThat(asked).containsExactly("kim 2026-11-16 en");
    }

    @Test
    void theBoardListsEveryMentorOnceMostLateThenMostOpenThenById() {
        LocalDate week = LocalDate.of(2026, 11, 16);
        mentors.add("kim");
        mentors.add("choi");
        DutySource source = (mentor, weekStart, locale) -> switch (mentor) {
            case "lee" -> List.of(new Duty("a", "x", Duty.Status.LATE, T1), new Duty("a", "y", Duty.Status.OPEN, T1));
            case "park" -> List.of(new Duty("a", "x", Duty.Status.OPEN, T1), new Duty("a", "y", Duty.Status.OPEN, T2));
            case "choi" -> List.of(new Duty("a", "x", Duty.Status.OPEN, T1), new Duty("a", "y", Duty.Status.DONE, T2));
            default -> List.of(new Duty("a", "x", Duty.Status.DONE, T1));
        };
        DutiesService duties = new DutiesService(() -> mentors, () -> List.of(source), clock, SEOUL);

        List<DutiesService.Row> board = duties.board(week, Locale.KOREAN);
        assertThat(board).extracting(DutiesService.Row::mentorId).containsExactly("lee", "park", "choi", "kim");
        assertThat(board.get(0).count(Duty.Status.LATE)).isEqualTo(1);
        assertThat(board.get(1).count(Duty.Status.OPEN)).isEqualTo(2);
        assertThat(board.get(3).count(Duty.Status.DONE)).isEqualTo(1);
        assertThat(new DutiesService(List::of, List::of, clock, SEOUL).board(week, Locale.KOREAN))
                .isEmpty();
    }
}
