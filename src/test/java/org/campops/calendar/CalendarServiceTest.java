package org.campops.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.config.Program;
import org.campops.meetings.Meetings;
import org.campops.mentoring.MentoringService;
import org.campops.officehours.OfficeHourService;
import org.campops.testing.SmallApp;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calendar feeds on a small app (database, teams, mentoring, office hours, the program's meetings; a clock): a feed's
 * URL is shown once and only its token's hash is kept, a reset turns the old URL off, and a feed lists only the
 * member's own events.
 */
class CalendarServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    private static final Pattern URL = Pattern.compile("https://camp\\.example/calendar/([A-Za-z0-9_-]{43})\\.ics");
    private static final Caller ORGANIZER = new Caller("org", "Org", Set.of(Role.ORGANIZER));
    private static final Caller MENTOR = new Caller("mentor1", "Mentor", Set.of(Role.MENTOR));
    private static final String LINK = "https://zoom.us/j/123456789";

    private final SmallApp app = SmallApp.of(
            TestConfig.load()
                    .withStages(
                            List.of(new Program.Stage("CV", LocalDate.of(2026, 11, 16), LocalDate.of(2026, 12, 20)))),
            NOW);
    private final MentoringService mentoring =
            new MentoringService(app.db(), app.teams(), app.moments(), app.outbox(), app.clock(), app.config());
    private final OfficeHourService officeHours = new OfficeHourService(
            app.db(), app.moments(), app.outbox(), app.notifier(), app.clock(), app.config(), null);
    private final CalendarService calendar = new CalendarService(
            app.db(),
            app.clock(),
            app.config(),
            officeHours,
            app.teams(),
            mentoring,
            new Meetings(app.config(), app.outbox(), () -> app.config().program()),
            () -> "https://camp.example");

    CalendarServiceTest() {
        app.moments().register(mentoring.reminders());
        app.moments().register(officeHours.moments());
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static String token(String url) {
        Matcher m = URL.matcher(url);
        assertThat(m.matches()).as(url).isTrue();
        return m.group(1);
    }

    @Test
    void theUrlIsShownOnceOnlyItsHashIsKeptAndAFetchIsRecorded() {
        CalendarService.Link first = calendar.link("camper1", Locale.ENGLISH);
        assertThat(first).isInstanceOf(CalendarService.Link.Created.class);
        String token = token(((CalendarService.Link.Created) first).url());
        assertThat(app.rows("SELECT token_hash || ' ' || locale FROM calendar_feed WHERE user_id = 'camper1'"))
                .containsExactly(CalendarService.hash(token) + " en");
        assertThat(app.rows("SELECT COUNT(*) FROM calendar_feed WHERE token_hash LIKE '%" + token + "%'"))
                .containsExactly("0");

        assertThat(calendar.link("camper1", Locale.KOREAN)).isEqualTo(new CalendarService.Link.Existing(NOW, null));
        app.clock().set(NOW.plusSeconds(90));
        assertThat(calendar.feed(token)).get().asString().startsWith("BEGIN:VCALENDAR");
        assertThat(calendar.link("camper1", Locale.ENGLISH))
                .isEqualTo(new CalendarService.Link.Existing(NOW, NOW.plusSeconds(90)));
    }

    @Test
    void aResetTurnsTheOldUrlOffAndWrongOrRemovedTokensFindNothing() throws Exception {
        String old = token(((CalendarService.Link.Created) calendar.link("camper1", Locale.ENGLISH)).url());
        String fresh = token(calendar.reset("camper1", Locale.ENGLISH));
        assertThat(fresh).isNotEqualTo(old);
        assertThat(calendar.feed(old)).isEmpty();
        assertThat(calendar.feed(fresh)).isPresent();
        assertThat(app.rows("SELECT COUNT(*) FROM calendar_feed")).containsExactly("1");
        // A reset before any link makes the feed.
        assertThat(calendar.feed(token(calendar.reset("camper2", Locale.KOREAN))))
                .isPresent();

        for (String wrong : new String[] {null, "", "short", "A".repeat(43), fresh + "A", fresh.substring(1)}) {
            assertThat(calendar.feed(wrong)).as(String.valueOf(wrong)).isEmpty();
        }
        assertThat(app.db().<Boolean>inTransaction(c -> calendar.turnOff(c, "camper1")))
                .isTrue();
        assertThat(app.db().<Boolean>inTransaction(c -> calendar.turnOff(c, "camper1")))
                .isFalse();
        assertThat(calendar.feed(fresh)).isEmpty();
        assertThat(calendar.link("camper1", Locale.ENGLISH)).isInstanceOf(CalendarService.Link.Created.class);
    }

    @Test
    void aFeedListsOnlyTheMembersOwnSessionsAndTheOfficeHoursTheyHost() {
        app.teams().create(ORGANIZER, "CV-01", "mentor1", null);
        app.teams().addMember(ORGANIZER, "CV-01", "camper1");
        mentoring.set(new MentoringService.SetRequest(ORGANIZER, "CV-01", "wed", "20:00", 60, LINK));
        officeHours.schedule(new OfficeHourService.Request(
                MENTOR, "Mask R-CNN walkthrough", NOW.plusSeconds(86_400), 60, null, null, null, null));

        String camper = feedOf("camper1");
        String mentor = feedOf("mentor1");
        String stranger = feedOf("camper2");
        assertThat(camper).contains("SUMMARY:Mentoring: CV-01").contains(LINK).doesNotContain("Mask R-CNN");
        assertThat(mentor)
                .contains("SUMMARY:Mentoring: CV-01")
                .contains("Office hour (you host): Mask R-CNN walkthrough");
        assertThat(stranger).doesNotContain("CV-01").doesNotContain(LINK).doesNotContain("Mask R-CNN");
        assertThat(camper.lines().filter(l -> l.startsWith("DTSTART")).toList())
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).endsWith("Z"));
    }

    private String feedOf(String userId) {
        Optional<String> ics = calendar.feed(token(calendar.reset(userId, Locale.ENGLISH)));
        assertThat(ics).isPresent();
        return ics.get();
    }
}
