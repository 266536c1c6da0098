package org.campops.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.config.ProgramLoader;
import org.campops.program.ProgramPart;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** Planning: which reminders the program file makes, under which keys, at which instants. */
class MeetingPlanTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Program.Audience MENTORS = new Program.Audience(Program.Audience.Kind.MENTORS, List.of());
    static final Program.Audience ORGANIZERS = new Program.Audience(Program.Audience.Kind.ORGANIZERS, List.of());

    private final AtomicReference<Program> current = new AtomicReference<>(Program.empty());

    static Program.Audience members(String... ids) {
        return new Program.Audience(Program.Audience.Kind.MEMBERS, List.of(ids));
    }

    static Program.Meeting weekly(
            String id,
            DayOfWeek day,
            String time,
            LocalDate from,
            LocalDate until,
            String link,
            Program.Audience who,
            Duration... before) {
        return new Program.Meeting(
                id,
                "Meeting " + id,
                day,
                null,
                LocalTime.parse(time),
                60,
                link,
                who,
                Arrays.asList(before),
                from,
                until);
    }

    static Program.Meeting once(
            String id, LocalDate date, String time, String link, Program.Audience who, Duration... before) {
        return new Program.Meeting(
                id,
                "Meeting " + id,
                null,
                date,
                LocalTime.parse(time),
                60,
                link,
                who,
                Arrays.asList(before),
                null,
                null);
    }

    static Program.Deadline deadline(String id, String due, Program.Audience who, Duration... before) {
        return new Program.Deadline(id, "Material " + id, LocalDateTime.parse(due), who, Arrays.asList(before));
    }

    static Program program(List<Program.Meeting> meetings, List<Program.Deadline> deadlines) {
        return new Program(
                List.of(),
                List.of(),
                List.of(),
                meetings,
                deadlines,
                Program.Prompts.defaults(),
                Program.Duties.defaults());
    }

    private Meetings meetings(ZoneId zone) {
        CampConfig config = TestConfig.load().withZone(zone);
        return new Meetings(config, null, current::get);
    }

    /** Both parts' moments, key to due instant, in plan order. */
    private static Map<String, Instant> plan(Meetings m, Program p) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (ProgramPart part : List.of(m.meetingReminders(), m.deadlineReminders())) {
            for (ProgramPart.Planned planned : part.plan(p)) {
                assertThat(planned.key()).startsWith(part.name() + ":");
                assertThat(out.put(planned.key(), planned.due()))
                        .as("key " + planned.key() + " unique")
                        .isNull();
            }
        }
        return out;
    }

    @Test
    void aWeeklyMeetingKeepsItsLocalTimeAcrossTheUsDaylightSavingChanges() {
        Meetings m = meetings(NEW_YORK);
        // US clocks go back on Sunday 2026-11-01 and forward on Sunday 2027-03-14.
        Program.Meeting staff = weekly(
                "staff",
                DayOfWeek.MONDAY,
                "18:00",
                LocalDate.of(2026, 10, 19),
                LocalDate.of(2027, 3, 22),
                "https://zoom.us/j/1",
                MENTORS,
                Duration.ofDays(1),
                Duration.ofHours(1));
        Program.Meeting sunday = weekly(
                "sunday",
                DayOfWeek.SUNDAY,
                "10:00",
                LocalDate.of(2026, 10, 25),
                LocalDate.of(2026, 11, 1),
                null,
                ORGANIZERS,
                Duration.ofDays(1));
        Map<String, Instant> plan = plan(m, program(List.of(staff, sunday), List.of()));

        List<Occurrence> all = m.occurrences(staff);
        assertThat(all).hasSize(23);
        assertThat(all).allSatisfy(o -> {
            assertThat(o.start().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(18, 0));
            assertThat(o.start().atZone(NEW_YORK).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(o.end()).isEqualTo(o.start().plus(Duration.ofHours(1)));
            assertThat(plan.get("meeting:staff:" + o.date() + ":PT1H"))
                    .isEqualTo(o.start().minus(Duration.ofHours(1)));
            assertThat(plan.get("meeting:staff:" + o.date() + ":PT24H")
                            .atZone(NEW_YORK)
                            .toLocalDateTime())
                    .isEqualTo(o.date().minusDays(1).atTime(18, 0));
        });
        assertThat(plan.get("meeting:staff:2026-10-26:PT1H")).isEqualTo(Instant.parse("2026-10-26T21:00:00Z"));
        assertThat(plan.get("meeting:staff:2026-11-02:PT1H")).isEqualTo(Instant.parse("2026-11-02T22:00:00Z"));
        assertThat(plan.get("meeting:staff:2027-03-08:PT1H")).isEqualTo(Instant.parse("2027-03-08T22:00:00Z"));
        assertThat(plan.get("meeting:staff:2027-03-15:PT1H")).isEqualTo(Instant.parse("2027-03-15T21:00:00Z"));
        // A day before Sunday 10:00 EST is Saturday 10:00 EDT: 25 hours before, same local time.
        assertThat(plan.get("meeting:sunday:2026-11-01:PT24H")).isEqualTo(Instant.parse("2026-10-31T14:00:00Z"));
        assertThat(m.occurrences(sunday).get(1).start()).isEqualTo(Instant.parse("2026-11-01T15:00:00Z"));
    }

    @Test
    void aOneOffMeetingHasOneOccurrenceWithAReminderPerOffset() {
        Meetings m = meetings(SEOUL);
        Program.Meeting kickoff = once(
                "kickoff",
                LocalDate.of(2027, 1, 28),
                "19:00",
                "https://zoom.us/j/2",
                members("200000000000000101", "200000000000000102"),
                Duration.ofDays(1),
                Duration.ofHours(1));
        Map<String, Instant> plan = plan(m, program(List.of(kickoff), List.of()));
        assertThat(plan)
                .containsExactly(
                        Map.entry("meeting:kickoff:2027-01-28:PT24H", Instant.parse("2027-01-27T10:00:00Z")),
                        Map.entry("meeting:kickoff:2027-01-28:PT1H", Instant.parse("2027-01-28T09:00:00Z")));
        assertThat(m.occurrences(kickoff)).singleElement().satisfies(o -> {
            assertThat(o.date()).isEqualTo(LocalDate.of(2027, 1, 28));
            assertThat(o.start()).isEqualTo(Instant.parse("2027-01-28T10:00:00Z"));
        });
        assertThat(m.occurrenceOn(kickoff, LocalDate.of(2027, 1, 28))).isPresent();
        assertThat(m.occurrenceOn(kickoff, LocalDate.of(2027, 2, 4))).isEmpty();
    }

    @Test
    void keysStayTheSameWhenOtherMeetingsAndDeadlinesAreAddedAndMoveWithTheirMeeting() {
        Meetings m = meetings(SEOUL);
        LocalDate from = LocalDate.of(2026, 11, 2);
        LocalDate until = LocalDate.of(2026, 12, 28);
        Program.Meeting staff = weekly(
                "staff", DayOfWeek.MONDAY, "18:00", from, until, "https://zoom.us/j/1", MENTORS, Duration.ofHours(1));
        Program.Meeting kickoff = once(
                "kickoff",
                LocalDate.of(2026, 12, 10),
                "19:00",
                null,
                ORGANIZERS,
                Duration.ofDays(1),
                Duration.ofHours(1));
        Program.Deadline slides =
                deadline("slides", "2026-12-03T18:00", MENTORS, Duration.ofDays(2), Duration.ofHours(2));
        Map<String, Instant> before = plan(m, program(List.of(staff, kickoff), List.of(slides)));
        assertThat(before).hasSize(9 + 2 + 2);

        Program.Meeting added =
                weekly("lecturers", DayOfWeek.MONDAY, "18:00", from, until, null, ORGANIZERS, Duration.ofHours(1));
        Program.Deadline other =
                deadline("notebook", "2026-12-01T12:00", members("200000000000000103"), Duration.ofDays(1));
        Program edited = new Program(
                List.of(new Program.Stage("Stage 1", from, until)),
                List.of(),
                List.of(),
                List.of(added, staff, kickoff),
                List.of(other, slides),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
        Map<String, Instant> after = plan(m, edited);
        assertThat(after).containsAllEntriesOf(before).hasSize(before.size() + 9 + 1);

        // Moved by an hour within its day: the same keys, an hour later.
        Program.Meeting later = weekly(
                "staff", DayOfWeek.MONDAY, "19:00", from, until, "https://zoom.us/j/1", MENTORS, Duration.ofHours(1));
        Map<String, Instant> moved = plan(m, program(List.of(later, kickoff), List.of(slides)));
        assertThat(moved.keySet()).isEqualTo(before.keySet());
        before.forEach((key, due) -> assertThat(moved.get(key))
                .isEqualTo(key.startsWith("meeting:staff:") ? due.plus(Duration.ofHours(1)) : due));
    }

    @Test
    void aDeadlineHasOneReminderPerOffsetInTheCampsZone() {
        Meetings m = meetings(SEOUL);
        Program.Deadline slides = deadline(
                "slides", "2026-12-03T18:00", MENTORS, Duration.ofDays(2), Duration.ofHours(2), Duration.ofMinutes(30));
        Map<String, Instant> plan = plan(m, program(List.of(), List.of(slides)));
        assertThat(plan)
                .containsExactly(
                        Map.entry("deadline:slides:PT48H", Instant.parse("2026-12-01T09:00:00Z")),
                        Map.entry("deadline:slides:PT2H", Instant.parse("2026-12-03T07:00:00Z")),
                        Map.entry("deadline:slides:PT30M", Instant.parse("2026-12-03T08:30:00Z")));
        assertThat(m.dueAt(slides)).isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
    }

    @Test
    void theExampleProgramPlansEveryMeetingAndDeadlineWithTheDefaultOffsetsWhereNoneAreGiven() throws Exception {
        Program example = ProgramLoader.load(Path.of("config/program.yaml"));
        Map<String, Instant> plan = plan(meetings(SEOUL), example);
        assertThat(plan)
                .containsEntry("meeting:kickoff-stage2:2027-01-28:PT24H", Instant.parse("2027-01-27T10:00:00Z"))
                .containsEntry("meeting:kickoff-stage2:2027-01-28:PT1H", Instant.parse("2027-01-28T09:00:00Z"))
                .containsEntry("meeting:staff-weekly:2026-11-02:PT1H", Instant.parse("2026-11-02T08:00:00Z"))
                .containsEntry("deadline:dcai-slides:PT48H", Instant.parse("2026-12-01T09:00:00Z"))
                .containsEntry("deadline:nlp-baseline:PT24H", Instant.parse("2027-02-09T03:00:00Z"))
                .containsEntry("deadline:nlp-baseline:PT1H", Instant.parse("2027-02-10T02:00:00Z"));
        assertThat(plan.keySet()).allSatisfy(k -> assertThat(k.length()).isLessThan(200 - 40));
    }

    @Test
    void readingTellsWhichMeetingsAndDeadlinesFallInAPeriodAndForWhom() {
        Meetings m = meetings(SEOUL);
        String member = "200000000000000101";
        Program.Meeting staff = weekly(
                "staff",
                DayOfWeek.MONDAY,
                "18:00",
                LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 12, 28),
                null,
                MENTORS,
                Duration.ofHours(1));
        Program.Meeting kickoff =
                once("kickoff", LocalDate.of(2026, 11, 11), "19:00", null, members(member), Duration.ofHours(1));
        Program.Meeting board =
                once("board", LocalDate.of(2026, 11, 10), "09:00", null, ORGANIZERS, Duration.ofHours(1));
        Program.Deadline slides = deadline("slides", "2026-11-12T18:00", MENTORS, Duration.ofHours(2));
        Program.Deadline budget = deadline("budget", "2026-11-13T12:00", ORGANIZERS, Duration.ofHours(2));
        Program.Deadline late = deadline("late", "2026-11-16T00:00", MENTORS, Duration.ofHours(2));
        current.set(program(List.of(staff, kickoff, board), List.of(slides, budget, late)));
        // The week of Monday 2026-11-09 in Seoul.
        Instant from = LocalDate.of(2026, 11, 9).atStartOfDay(SEOUL).toInstant();
        Instant to = LocalDate.of(2026, 11, 16).atStartOfDay(SEOUL).toInstant();

        assertThat(m.meetingsBetween(from, to))
                .extracting(o -> o.meeting().id() + " " + o.date())
                .containsExactly("staff 2026-11-09", "board 2026-11-10", "kickoff 2026-11-11");
        assertThat(m.meetingsFor("mentor", true, false, from, to))
                .extracting(o -> o.meeting().id())
                .containsExactly("staff");
        assertThat(m.meetingsFor(member, false, false, from, to))
                .extracting(o -> o.meeting().id())
                .containsExactly("kickoff");
        assertThat(m.meetingsFor("org", false, true, from, to))
                .extracting(o -> o.meeting().id())
                .containsExactly("board");
        assertThat(m.deadlinesBetween(from, to))
                .extracting(Program.Deadline::id)
                .containsExactly("slides", "budget");
        assertThat(m.deadlinesFor("mentor", true, false, from, to))
                .extracting(Program.Deadline::id)
                .containsExactly("slides");
        assertThat(m.deadlinesFor(member, false, false, from, to)).isEmpty();
        assertThat(m.meetingsBetween(to, to.plus(Duration.ofDays(7))))
                .extracting(Occurrence::start)
                .containsExactly(
                        LocalDate.of(2026, 11, 16).atTime(18, 0).atZone(SEOUL).toInstant());
        assertThat(m.meetingsBetween(from, to)
                        .get(0)
                        .start()
                        .atOffset(ZoneOffset.UTC)
                        .getHour())
                .isEqualTo(9);
    }
}
