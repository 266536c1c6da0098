package org.campops.mentoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.campops.app.CampOps;
import org.campops.chat.Caller;
import org.campops.chat.Role;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.console.ConsoleOutput;
import org.campops.teams.TeamService;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback stays anonymous: a mentor who looks at the report before and after each answer learns nothing (the
 * differencing of issue 15: 4.7 from 3 answers, then 3.8 from 4, so the 4th was a 1), and the feedback table holds
 * keyed hashes, never a member id, also for rows written before V12.
 */
class FeedbackAnonymityTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Caller ORGANIZER = new Caller("org", "org", Set.of(Role.ORGANIZER));
    private static final Caller MENTOR = new Caller("kim", "kim", Set.of(Role.MENTOR));
    private static final List<String> CAMPERS = List.of(
            "1190000000000000301",
            "1190000000000000302",
            "1190000000000000303",
            "1190000000000000304",
            "1190000000000000305");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final CampConfig config = TestConfig.load()
            .withStages(List.of(new Program.Stage("CV", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 31))));

    private CampOps app(String dbUrl) {
        return new CampOps(
                config,
                dbUrl,
                new ConsoleOutput(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), SEOUL, clock),
                clock);
    }

    private static Caller camper(int i) {
        return new Caller(CAMPERS.get(i), "camper" + i, Set.of(Role.CAMPER));
    }

    /** A team of five campers mentored by kim, weekly on Wednesdays from 2026-12-02; its sessions. */
    private static List<Session> team(CampOps app) {
        app.service(TeamService.class).create(ORGANIZER, "CV-01", MENTOR.userId(), null);
        for (String c : CAMPERS) {
            app.service(TeamService.class).addMember(ORGANIZER, "CV-01", c);
        }
        app.service(MentoringService.class)
                .set(new MentoringService.SetRequest(ORGANIZER, "CV-01", "wed", "20:00", 60, "https://zoom.us/j/1"));
        List<Session> sessions = app.service(MentoringService.class)
                .sessions(app.service(TeamService.class).byRef("CV-01"));
        assertThat(sessions).hasSizeGreaterThanOrEqualTo(4);
        return sessions;
    }

    private static FeedbackWindows.View seenBy(CampOps app, Caller who) {
        return app.service(MentoringService.class)
                .records()
                .report(who, null)
                .get(0)
                .feedback();
    }

    private static void answer(CampOps app, int camper, Session s, int rating) {
        app.service(MentoringService.class)
                .records()
                .feedback(camper(camper), s.id(), String.valueOf(rating), "comment " + rating);
    }

    @Test
    void aMentorLooking_beforeAndAfterEachAnswer_learnsNothing() {
        try (CampOps app = app(TestConfig.memoryDb())) {
            List<Session> s = team(app);
            clock.set(s.get(0).startAt().plus(Duration.ofHours(1)));
            answer(app, 0, s.get(0), 5);
            answer(app, 1, s.get(0), 5);
            answer(app, 2, s.get(0), 4);
            FeedbackWindows.View first = seenBy(app, MENTOR);
            // The window is open: nothing at all is shown, however many answers there are.
            assertThat(first).isEqualTo(new FeedbackWindows.Closed(List.of(), true));
            answer(app, 3, s.get(0), 1);
            assertThat(seenBy(app, MENTOR)).as("after a 4th answer").isEqualTo(first);
            answer(app, 0, s.get(0), 1);
            assertThat(seenBy(app, MENTOR)).as("after an answer changed").isEqualTo(first);
            // Organizers see every answer, the exact average and count; never who.
            FeedbackWindows.All all = (FeedbackWindows.All) seenBy(app, ORGANIZER);
            assertThat(all.count()).isEqualTo(4);
            assertThat(all.average()).isEqualTo(2.75);

            // A week after the start the window no longer takes answers, and is not shown yet.
            clock.set(s.get(0).startAt().plus(Duration.ofDays(7)));
            assertThatThrownBy(() -> answer(app, 4, s.get(0), 5))
                    .isInstanceOf(UserError.class)
                    .hasMessage("mentoring.error.feedbackClosed");
            assertThatThrownBy(() -> answer(app, 1, s.get(0), 1)).isInstanceOf(UserError.class);
            assertThat(seenBy(app, MENTOR)).isEqualTo(first);

            // Closed: one figure for the week, rounded to 0.5 (2.75 -> 3.0), no count.
            clock.set(s.get(0).startAt().plus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));
            FeedbackWindows.Window week1 =
                    new FeedbackWindows.Window(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 2), 3.0);
            FeedbackWindows.View closed = seenBy(app, MENTOR);
            assertThat(closed).isEqualTo(new FeedbackWindows.Closed(List.of(week1), true));

            // The next session is open now: its answers change nothing the mentor sees.
            answer(app, 1, s.get(1), 5);
            assertThat(seenBy(app, MENTOR)).isEqualTo(closed);
            answer(app, 1, s.get(1), 1);
            assertThat(seenBy(app, MENTOR)).isEqualTo(closed);

            // Closed with one answer: too few to be shown alone, so it waits for the next session's.
            clock.set(s.get(1).startAt().plus(FeedbackWindows.SHOWN_AFTER));
            assertThat(seenBy(app, MENTOR)).isEqualTo(closed);
            answer(app, 2, s.get(2), 2);
            answer(app, 3, s.get(2), 3);
            assertThat(seenBy(app, MENTOR)).as("session 3 open").isEqualTo(closed);
            clock.set(s.get(2).startAt().plus(FeedbackWindows.SHOWN_AFTER));
            // Sessions 2 and 3 together: (1 + 2 + 3) / 3 = 2.0; the first week's figure stays as it was.
            FeedbackWindows.Window weeks23 =
                    new FeedbackWindows.Window(LocalDate.of(2026, 12, 9), LocalDate.of(2026, 12, 16), 2.0);
            assertThat(seenBy(app, MENTOR)).isEqualTo(new FeedbackWindows.Closed(List.of(week1, weeks23), true));
            // Session 4 closes with nothing: the groups already shown do not change.
            clock.set(s.get(3).startAt().plus(FeedbackWindows.SHOWN_AFTER));
            assertThat(seenBy(app, MENTOR)).isEqualTo(new FeedbackWindows.Closed(List.of(week1, weeks23), true));
        }
    }

    @Test
    void aFigureIsRoundedToTheNearestHalf() {
        assertThat(FeedbackWindows.rounded(4.67)).isEqualTo(4.5);
        assertThat(FeedbackWindows.rounded(3.8)).isEqualTo(4.0);
        assertThat(FeedbackWindows.rounded(4.75)).isEqualTo(5.0);
        assertThat(FeedbackWindows.rounded(1.2)).isEqualTo(1.0);
    }

    @Test
    void theTableHoldsKeyedHashesOnly_andAnsweringAgainReplacesTheAnswer() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("camp").toAbsolutePath();
        List<String> before;
        try (CampOps app = app(url)) {
            List<Session> s = team(app);
            clock.set(s.get(0).startAt().plus(Duration.ofHours(1)));
            answer(app, 0, s.get(0), 5);
            answer(app, 1, s.get(0), 4);
            answer(app, 0, s.get(0), 2);
            before = hashes(app);
            assertThat(before).hasSize(2);
            assertThat(rows(app, "SELECT rating FROM mentoring_feedback" + " ORDER BY rating"))
                    .containsExactly("2", "4");
            assertThat(rows(app, "SELECT hmac_key FROM feedback_key"))
                    .singleElement()
                    .satisfies(k -> assertThat(k).matches("[0-9a-f]{64}"));
        }
        // After a restart the same key: the camper's new answer replaces the old one.
        try (CampOps app = app(url)) {
            Session first = app.service(MentoringService.class)
                    .sessions(app.service(TeamService.class).byRef("CV-01"))
                    .get(0);
            answer(app, 0, first, 3);
            assertThat(hashes(app)).containsExactlyInAnyOrderElementsOf(before);
            assertThat(rows(app, "SELECT rating FROM mentoring_feedback" + " ORDER BY rating"))
                    .containsExactly("3", "4");
        }
    }

    private static List<String> rows(CampOps app, String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = app.database().dataSource().getConnection();
                Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The stored member hashes; none is or holds a member id. */
    private static List<String> hashes(CampOps app) throws SQLException {
        List<String> hashes = rows(app, "SELECT member_hash FROM mentoring_feedback");
        assertThat(hashes).allSatisfy(h -> {
            assertThat(h).matches("[0-9a-f]{64}");
            CAMPERS.forEach(c -> assertThat(h).doesNotContain(c));
        });
        return hashes;
    }

    @Test
    void rowsWrittenBeforeV12AreHashedAtStart_onH2() throws Exception {
        rowsWrittenBeforeV12AreHashedAtStart(
                "jdbc:h2:file:" + dir.resolve("old").toAbsolutePath(), "h2");
    }

    @Test
    void rowsWrittenBeforeV12AreHashedAtStart_onPostgres() throws Exception {
        rowsWrittenBeforeV12AreHashedAtStart(TestPostgres.freshDatabase(), "postgresql");
    }

    private void rowsWrittenBeforeV12AreHashedAtStart(String url, String vendor) throws Exception {
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/common", "classpath:db/" + vendor)
                .target("11")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO team (id, name, name_key, mentor_id, created_by, created_at)"
                    + " VALUES (1, 'CV-01', 'cv-01', 'kim', 'org', TIMESTAMP '2026-11-30 00:00:00')");
            for (String camper : CAMPERS) {
                st.execute("INSERT INTO team_member (team_id, user_id, added_at) VALUES (1, '" + camper
                        + "', TIMESTAMP '2026-11-30 00:00:00')");
            }
            st.execute(
                    "INSERT INTO mentoring_series (id, team_id, weekday, local_time, duration_min, link, zone, ends_on,"
                            + " set_by, set_at) VALUES (1, 1, 3, '20:00', 60, 'https://zoom.us/j/1', 'Asia/Seoul', DATE '2026-12-31',"
                            + " 'org', TIMESTAMP '2026-11-30 00:00:00')");
            st.execute(
                    "INSERT INTO mentoring_session (id, series_id, team_id, original_date, start_at, duration_min, status,"
                            + " moved) VALUES (1, 1, 1, DATE '2026-12-02', TIMESTAMP '2026-12-02 11:00:00', 60, 'SCHEDULED', FALSE)");
            for (int i = 0; i < 3; i++) {
                st.execute(
                        "INSERT INTO mentoring_feedback (session_id, user_id, rating, comment, answered_at) VALUES (1, '"
                                + CAMPERS.get(i) + "', " + (i + 3) + ", NULL, TIMESTAMP '2026-12-02 13:00:00')");
            }
        }
        clock.set(Instant.parse("2026-12-02T13:00:00Z"));
        try (CampOps app = app(url)) {
            assertThat(hashes(app)).hasSize(3);
            Session first = app.service(MentoringService.class).session(1).orElseThrow();
            // One answer per member still: camper 0's new answer replaces the converted one.
            answer(app, 0, first, 1);
            assertThat(hashes(app)).hasSize(3);
            assertThat(rows(app, "SELECT rating FROM mentoring_feedback" + " ORDER BY rating"))
                    .containsExactly("1", "4", "5");
        }
        // A second start finds nothing left to convert and keeps the key.
        try (CampOps app = app(url)) {
            assertThat(hashes(app)).hasSize(3);
        }
    }
}
