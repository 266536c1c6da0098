package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.ANNOUNCEMENTS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.campops.app.CampOps;
import org.campops.console.ConsoleOutput;
import org.campops.officehours.OfficeHourService;
import org.campops.teams.Roster;
import org.campops.teams.TeamService;
import org.campops.testing.Await;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.MutableClock;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19 item 3, through the real JDA client: members who join a team, RSVP or set a reminder have their DM channel
 * opened ahead of need in the background, so the first fan-out to them is one request per DM and opens nothing;
 * failing openings break nothing, closed DMs are handled as before, and wishes survive a restart.
 */
class DmPreopenEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OPEN = "/users/@me/channels";

    private final MutableClock clock = new MutableClock(Instant.now());
    private final ZonedDateTime start =
            ZonedDateTime.now(ZoneId.of("Asia/Seoul")).plusDays(3).withHour(19).truncatedTo(ChronoUnit.HOURS);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder().clock(() -> clock).build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private List<String> members(long first, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = Long.toString(first + i);
            fake.addMember(id, "m" + id.substring(id.length() - 5), CAMPER_ROLE);
            ids.add(id);
        }
        return ids;
    }

    private int opens() {
        return fake.requests("POST", OPEN).size();
    }

    /** Waits (deadline) until every member's DM channel id is stored and no wish is left. */
    private void awaitOpened(List<String> users) throws InterruptedException {
        Await.until(
                () -> camp.rows("SELECT COUNT(*) FROM dm_channel_wanted").get(0).equals("0")
                        && camp.rows("SELECT user_id FROM dm_channel").containsAll(users),
                WAIT,
                () -> "DM channels opened ahead of need: " + camp.rows("SELECT user_id FROM dm_channel") + "; wishes: "
                        + camp.rows(
                                "SELECT user_id || ' ' || attempts || ' ' || next_attempt_at FROM dm_channel_wanted"));
    }

    /** An office hour is scheduled; returns its announcement's message id. */
    private String officeHour() throws InterruptedException {
        camp.slash(
                ORGANIZER_ID,
                "officehours",
                "schedule",
                Map.of(
                        "title",
                        "Paper reading",
                        "start",
                        start.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))));
        camp.drain();
        return camp.rows("SELECT message_id FROM office_hour").get(0);
    }

    private void rsvp(String messageId, List<String> users) {
        for (String u : users) {
            assertThat(camp.press(u, ANNOUNCEMENTS_CHANNEL, messageId, "oh:rsvp:1"))
                    .contains("attending");
        }
    }

    /** The office hour's one-hour reminder goes out to every RSVP (one DM each). */
    private void remindAll() throws InterruptedException {
        clock.set(start.minusHours(1).toInstant());
        camp.bot().app().service(OfficeHourService.class).fire(1, "remind-PT1H");
        assertThat(camp.bot().app().dispatcher().drain(WAIT)).isZero();
    }

    @Test
    void membersWhoJoinATeamRsvpOrSetAReminderGetOneRequestPerDmInTheFirstFanOut() throws Exception {
        String mentor = members(1_190_000_000_000_070_000L, 1).get(0);
        List<String> team = members(1_190_000_000_000_070_100L, 15);
        List<String> rsvps = members(1_190_000_000_000_070_200L, 15);
        List<String> reminding = members(1_190_000_000_000_070_300L, 3);
        int before = opens();

        camp.team("Alpha", mentor, team.toArray(String[]::new));
        List<String> teamAndMentor = new ArrayList<>(team);
        teamAndMentor.add(mentor);
        awaitOpened(teamAndMentor);
        assertThat(opens() - before).as("one opening per member of the team").isEqualTo(16);

        String messageId = officeHour();
        rsvp(messageId, rsvps);
        awaitOpened(rsvps);
        for (String u : reminding) {
            fake.callbackFor(
                    fake.sendSlash(
                            u, "en-US", GENERAL_CHANNEL, "remind", "set", Map.of("when", "in 2 hours", "text", "x")),
                    WAIT);
        }
        awaitOpened(reminding);
        assertThat(opens() - before).as("one opening per member, none twice").isEqualTo(34);

        // The team's members RSVP too (their channels are known: nothing more is opened), then the first fan-out.
        rsvp(messageId, team);
        int beforeFanOut = opens();
        long postsBefore = fake.requests("POST", "/channels/14\\d+/messages").size(); // DM channels
        remindAll();
        List<String> everyone = new ArrayList<>(rsvps);
        everyone.addAll(team);
        for (String u : everyone) {
            assertThat(fake.dmsTo(u)).as("DMs to " + u).hasSize(1);
        }
        assertThat(opens()).as("no DM channel opened during the fan-out").isEqualTo(beforeFanOut);
        assertThat(fake.requests("POST", "/channels/14\\d+/messages").size() - postsBefore)
                .as("one message request per member (the channel's own reminder aside)")
                .isEqualTo(everyone.size());
    }

    @Test
    void failingOpeningsBreakNothingAndClosedDmsAreHandledAsBefore() throws Exception {
        fake.faults().failNext("POST", OPEN, 500, 3);
        fake.faults().rateLimitNext("POST", OPEN, 2, 1.0);
        List<String> users = members(1_190_000_000_000_071_000L, 10);
        String closed = users.get(9);
        fake.setDmsClosed(closed, true);
        String messageId = officeHour();
        rsvp(messageId, users);
        // The fan-out at once: whoever is not opened yet is opened at send time, as before.
        remindAll();
        for (String u : users.subList(0, 9)) {
            assertThat(fake.dmsTo(u)).as("DMs to " + u).hasSize(1);
        }
        assertThat(camp.rows("SELECT status || ' ' || attempts || ' ' || last_error FROM outbox"
                        + " WHERE delivery_key LIKE '%dm:" + closed + "'"))
                .singleElement()
                .asString()
                .startsWith("FAILED 1")
                .contains("50007");
        assertThat(camp.rows("SELECT DISTINCT status FROM outbox WHERE delivery_key LIKE '%:dm:%'"
                        + " AND delivery_key NOT LIKE '%dm:" + closed + "'"))
                .containsExactly("SENT");
        // Failed openings were tried again later or done by the sends: every wish ends.
        awaitOpened(users);
        assertThat(fake.faults().injections()).hasSizeGreaterThanOrEqualTo(5);
        String status = EndToEnd.content(camp.slashCallback(ORGANIZER_ID, "en-US", "status", null, Map.of()));
        assertThat(status).contains("50007");
    }

    @Test
    void aRosterImportedWhileTheBotIsStoppedIsOpenedAfterItStarts() throws Exception {
        String mentor = members(1_190_000_000_000_072_000L, 1).get(0);
        List<String> campers = members(1_190_000_000_000_072_100L, 8);
        camp.stop();
        StringBuilder csv = new StringBuilder("Beta," + mentor + ",mentor\n");
        campers.forEach(c -> csv.append("Beta,").append(c).append(",camper\n"));
        try (CampOps offline = new CampOps(
                camp.config(),
                camp.dbUrl(),
                new ConsoleOutput(
                        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                        camp.config().camp().zone(),
                        Clock.systemUTC()),
                Clock.systemUTC())) {
            offline.service(TeamService.class).importRoster(Roster.parse(new StringReader(csv.toString())), "import");
        }
        assertThat(camp.rows("SELECT COUNT(*) FROM dm_channel_wanted")).containsExactly("9");
        int before = opens();
        camp.start();
        List<String> all = new ArrayList<>(campers);
        all.add(mentor);
        awaitOpened(all);
        assertThat(opens() - before).isEqualTo(9);
    }
}
