package org.campops.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.meetings.MeetingPlanTest.MENTORS;
import static org.campops.meetings.MeetingPlanTest.ORGANIZERS;
import static org.campops.meetings.MeetingPlanTest.deadline;
import static org.campops.meetings.MeetingPlanTest.members;
import static org.campops.meetings.MeetingPlanTest.once;
import static org.campops.meetings.MeetingPlanTest.program;
import static org.campops.meetings.MeetingPlanTest.weekly;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.program.ProgramMoments;
import org.campops.schedule.JobFactoryRegistry;
import org.campops.schedule.Moments;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Firing: who gets which post, the link only to the audience, once, and late only before the start. */
class MeetingRemindersTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String LINK = "https://zoom.us/j/555000111?pwd=staff";
    private static final String KICKOFF_LINK = "https://zoom.us/j/555000222";
    private static final String A = "200000000000000101";
    private static final String B = "200000000000000102";
    /** Monday 2026-11-02 18:00 in Seoul. */
    private static final Instant STAFF_START = Instant.parse("2026-11-02T09:00:00Z");

    private static final Instant KICKOFF_START = Instant.parse("2026-11-04T10:00:00Z");
    private static final Instant SLIDES_DUE = Instant.parse("2026-11-05T09:00:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-30T00:00:00Z"));
    private CampConfig config;
    private Database db;
    private Scheduling scheduling;
    private Outbox outbox;
    private ProgramMoments program;

    private final Program camp = program(
            List.of(
                    weekly(
                            "staff",
                            DayOfWeek.MONDAY,
                            "18:00",
                            LocalDate.of(2026, 11, 2),
                            LocalDate.of(2026, 11, 30),
                            LINK,
                            MENTORS,
                            Duration.ofDays(1),
                            Duration.ofHours(1)),
                    once(
                            "kickoff",
                            LocalDate.of(2026, 11, 4),
                            "19:00",
                            KICKOFF_LINK,
                            members(A, B),
                            Duration.ofHours(1))),
            List.of(deadline("slides", "2026-11-05T18:00", ORGANIZERS, Duration.ofDays(2), Duration.ofHours(2))));

    @BeforeEach
    void setUp() {
        config = TestConfig.load();
        db = Database.open(TestConfig.memoryDb(), 10);
        JobFactoryRegistry jobs = new JobFactoryRegistry();
        scheduling = new Scheduling(db, jobs); // never started: the test fires by hand
        outbox = new Outbox(db, clock);
        start(camp);
        program.sync();
    }

    /** The program part of the app's wiring (as CampOps does it), in the camp's current config. */
    private void start(Program p) {
        JobFactoryRegistry jobs = new JobFactoryRegistry();
        Moments moments = new Moments(scheduling, jobs, clock);
        program = new ProgramMoments(db, moments, clock, p);
        Meetings meetings = new Meetings(config, outbox, program::program);
        program.register(meetings.meetingReminders());
        program.register(meetings.deadlineReminders());
        moments.register(program);
    }

    @AfterEach
    void tearDown() {
        scheduling.close();
        db.close();
    }

    private void fireAtDue(String key) {
        clock.set(program.row(key).orElseThrow().due());
        program.fire(key);
    }

    private static String mentors(CampConfig c) {
        return c.discord().channels().mentors();
    }

    @Test
    void eachAudienceGetsOneRowPerRecipientOnceAndOnlyItsPostsCarryTheLink() {
        fireAtDue("meeting:staff:2026-11-02:PT1H");
        program.fire("meeting:staff:2026-11-02:PT1H");
        fireAtDue("meeting:kickoff:2026-11-04:PT1H");
        fireAtDue("deadline:slides:PT48H");
        fireAtDue("deadline:slides:PT48H");

        List<Delivery> rows = outbox.unsent(100);
        assertThat(rows)
                .extracting(Delivery::key)
                .containsExactlyInAnyOrder(
                        "meeting:staff:2026-11-02:PT1H:channel:" + mentors(config),
                        "meeting:kickoff:2026-11-04:PT1H:dm:" + A,
                        "meeting:kickoff:2026-11-04:PT1H:dm:" + B,
                        "deadline:slides:PT48H:channel:"
                                + config.discord().channels().organizers());

        Payload staff = outbox.find("meeting:staff:2026-11-02:PT1H:channel:" + mentors(config))
                .orElseThrow()
                .payload();
        assertThat(staff.kind()).isEqualTo(Payload.Kind.POST);
        assertThat(staff.target()).isEqualTo(mentors(config));
        assertThat(staff.mentions()).isEmpty();
        assertThat(staff.text())
                .contains("Meeting staff")
                .contains("<t:" + STAFF_START.getEpochSecond() + ":F>")
                .contains("<t:" + STAFF_START.getEpochSecond() + ":R>")
                .contains("<" + LINK + ">")
                .doesNotContain(KICKOFF_LINK)
                .doesNotContain("@everyone");
        for (String member : List.of(A, B)) {
            Payload dm = outbox.find("meeting:kickoff:2026-11-04:PT1H:dm:" + member)
                    .orElseThrow()
                    .payload();
            assertThat(dm.kind()).isEqualTo(Payload.Kind.DM);
            assertThat(dm.target()).isEqualTo(member);
            assertThat(dm.text())
                    .contains("<t:" + KICKOFF_START.getEpochSecond() + ":F>")
                    .contains(KICKOFF_LINK)
                    .doesNotContain(LINK);
        }
        Payload slides = outbox.find("deadline:slides:PT48H:channel:"
                        + config.discord().channels().organizers())
                .orElseThrow()
                .payload();
        assertThat(slides.text())
                .contains("Material slides")
                .contains("<t:" + SLIDES_DUE.getEpochSecond() + ":F>")
                .doesNotContain("zoom.us");
        assertThat(slides.mentions()).isEmpty();
        assertThat(program.row("meeting:staff:2026-11-02:PT1H").orElseThrow().status())
                .isEqualTo("DONE");
    }

    @Test
    void textsAreInTheCampsLanguage() {
        fireAtDue("meeting:staff:2026-11-02:PT24H");
        assertThat(outbox.unsent(10))
                .singleElement()
                .satisfies(d -> assertThat(d.payload().text())
                        .startsWith("알림: **Meeting staff**")
                        .contains("60분")
                        .contains("링크: <" + LINK + ">"));

        config = config.withCamp(new CampConfig.Camp("Test Camp", SEOUL, Locale.ENGLISH))
                .withProgram(camp);
        start(camp);
        fireAtDue("deadline:slides:PT2H");
        assertThat(outbox.find("deadline:slides:PT2H:channel:"
                                + config.discord().channels().organizers())
                        .orElseThrow()
                        .payload()
                        .text())
                .startsWith("Deadline reminder: **Material slides** is due <t:");
    }

    @Test
    void aMissedReminderGoesOutLateUntilTheMeetingStartsAndOnlyTheLatestOfItsOffsets() {
        // The bot was down from before the day-before reminder until 30 minutes before the meeting.
        clock.set(STAFF_START.minus(Duration.ofMinutes(30)));
        program.fire("meeting:staff:2026-11-02:PT24H");
        program.fire("meeting:staff:2026-11-02:PT1H");
        assertThat(outbox.unsent(10))
                .extracting(Delivery::key)
                .containsExactly("meeting:staff:2026-11-02:PT1H:channel:" + mentors(config));
        assertThat(program.row("meeting:staff:2026-11-02:PT24H").orElseThrow().status())
                .isEqualTo("DONE");

        // A week later the bot comes back a minute after the meeting started: nothing goes out.
        Instant next = STAFF_START.plus(Duration.ofDays(7));
        clock.set(next.plus(Duration.ofMinutes(1)));
        program.fire("meeting:staff:2026-11-09:PT24H");
        program.fire("meeting:staff:2026-11-09:PT1H");
        assertThat(program.row("meeting:staff:2026-11-09:PT24H").orElseThrow().status())
                .isEqualTo("SKIPPED");
        assertThat(program.row("meeting:staff:2026-11-09:PT1H").orElseThrow().status())
                .isEqualTo("SKIPPED");

        // A deadline reminder is late but the deadline has not passed: it goes out.
        clock.set(SLIDES_DUE.minus(Duration.ofDays(1)));
        program.fire("deadline:slides:PT48H");
        assertThat(outbox.unsent(10)).hasSize(2);
        clock.set(SLIDES_DUE);
        program.fire("deadline:slides:PT2H");
        assertThat(program.row("deadline:slides:PT2H").orElseThrow().status()).isEqualTo("SKIPPED");
        assertThat(outbox.unsent(10)).hasSize(2);
    }

    @Test
    void aProgramReadAfterAMeetingStartedSkipsItsRemindersAndKeepsTheOnesStillAhead() {
        db.inTransaction(c -> c.execute("DELETE FROM program_moment"));
        clock.set(STAFF_START.minus(Duration.ofMinutes(30)));
        program.sync();
        assertThat(program.row("meeting:staff:2026-11-02:PT24H").orElseThrow().status())
                .isEqualTo("PLANNED");
        assertThat(program.row("meeting:staff:2026-11-02:PT1H").orElseThrow().status())
                .isEqualTo("PLANNED");

        db.inTransaction(c -> c.execute("DELETE FROM program_moment"));
        clock.set(STAFF_START.plus(Duration.ofMinutes(1)));
        ProgramMoments.SyncResult r = program.sync();
        assertThat(r.skippedPast()).isEqualTo(2);
        assertThat(program.row("meeting:staff:2026-11-02:PT1H").orElseThrow().status())
                .isEqualTo("SKIPPED");
        assertThat(program.row("meeting:staff:2026-11-09:PT1H").orElseThrow().status())
                .isEqualTo("PLANNED");
        assertThat(program.row("meeting:kickoff:2026-11-04:PT1H").orElseThrow().status())
                .isEqualTo("PLANNED");
    }
}
