package org.campops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.BOT_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.campops.app.CampOps;
import org.campops.console.ConsoleOutput;
import org.campops.delivery.Outbox;
import org.campops.reminders.ReminderService;
import org.campops.testing.Await;
import org.campops.testing.EndToEnd;
import org.campops.testing.TestConfig;
import org.campops.testing.TestPostgres;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Several instances, one gateway: two packaged-jar processes ({@code campops run}, same token) on one PostgreSQL
 * database and one {@link FakeDiscord}, which sends every interaction to every connected session as Discord does.
 * Instance a holds the gateway; b stands by, firing its share of the scheduled reminders. 1,000 reminders come due
 * (900 stored through the reminder service, 100 set by a burst of {@code /remind set}); when about 40% of their DMs
 * were created, a is killed with SIGKILL. b takes the gateway over (measured: from the kill to the first command it
 * answers, under 30 s; b sees that a's process on this host ended, so it does not wait the fence), answers a second burst of commands, resumes the rows a left in flight and sends the rest.
 *
 * <p>Checked at the fake: never two gateway sessions at once, every interaction answered at most once (each of the
 * two bursts exactly once), every reminder's DM created exactly once (per nonce, and ten per member's DM channel).
 * Checked in the database: every reminder and outbox row SENT. No fixed sleeps; logs in
 * {@code target/crash-it/<test>-<time>/{a,b}-1.log}.
 */
@Timeout(360)
class GatewayFailoverIT {
    private static final int MEMBERS = 100;
    /** Reminders stored through the service per member; each member also sets one with {@code /remind set}. */
    private static final int SEEDED_EACH = 9;

    private static final int REMINDERS = MEMBERS * (SEEDED_EACH + 1);
    private static final int SECOND_BURST = 50;
    /** The reminders come due over this many seconds (about 50 a second, a little faster than they are sent). */
    private static final int WAVES = 20;

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** What the issue asks: the other instance answers commands again within this after the holder died. */
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);

    private static final Pattern QUEUED = Pattern.compile("reminder (\\d+) queued for delivery");
    private static final Pattern RESUMED =
            Pattern.compile("resuming (\\d+) deliveries another instance left in flight");

    private String url;
    private Path dir;
    private FakeDiscord fake;
    private BotProcess a;
    private BotProcess b;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        url = TestPostgres.freshDatabase();
        dir = Path.of(
                "target/crash-it", info.getTestMethod().orElseThrow().getName() + "-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        fake = FakeDiscord.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (BotProcess p : new BotProcess[] {a, b}) {
                if (p != null) {
                    p.close();
                }
            }
        } finally {
            fake.close();
        }
    }

    /**
     * When a reminder of wave {@code w} is due: {@code w} seconds after {@code due}, or after 10 s from now when the
     * set-up has come that close to {@code due}. On a loaded machine the waves then follow the set-up instead of all
     * being overdue at once: the kill still comes while reminders are being fired.
     */
    private static Instant wave(Instant due, int w) {
        Instant soonest = Instant.now().plusSeconds(10);
        return (due.isBefore(soonest) ? soonest : due).plusSeconds(w);
    }

    @Test
    void theStandbyTakesTheGatewayOverWhenTheHolderIsKilledAndNothingIsLostOrDoubled() throws Exception {
        long t0 = System.nanoTime();
        List<String> members = addMembers();
        Set<String> dms = members.stream().map(FakeDiscord::dmChannelOf).collect(Collectors.toSet());
        Path config = config();
        Map<String, String> env = Map.of("CAMPOPS_DB_URL", url);
        a = new BotProcess(dir, fake, config, "a", env).start(START);
        b = new BotProcess(dir, fake, config, "b", env).startStandingBy(START);
        assertThat(fake.connectedClients()).as("only the holder connected").isEqualTo(1);
        report("a holds the gateway, b stands by, %d ms after the start", ms(t0));

        // 900 reminders through the reminder service, as an instance stores them (the test's own CampOps on the same
        // database, its timers not started: the two processes fire them), due in waves a second apart.
        Instant due = Instant.now().plusSeconds(20);
        long tSeed = System.nanoTime();
        try (CampOps seeder = new CampOps(
                TestConfig.load(),
                url,
                new ConsoleOutput(System.out, java.time.ZoneId.of("Asia/Seoul"), Clock.systemUTC()),
                Clock.systemUTC())) {
            for (int k = 0; k < SEEDED_EACH; k++) {
                for (int i = 0; i < MEMBERS; i++) {
                    seeder.service(ReminderService.class)
                            .create(
                                    members.get(i),
                                    null,
                                    "failover " + i + "/" + k,
                                    wave(due, (i + k) % WAVES),
                                    Locale.ENGLISH);
                }
            }
            assertThat(seeder.moments().awaitPlanned(WAIT))
                    .as("900 reminders planned")
                    .isTrue();
        }
        report("%d reminders stored and planned through the service in %d ms", MEMBERS * SEEDED_EACH, ms(tSeed));

        // A burst of commands, each answered once (by a, the only session).
        long tBurst = System.nanoTime();
        Map<String, String> burst = new LinkedHashMap<>();
        for (int i = 0; i < MEMBERS; i++) {
            long in = Math.max(
                    3, Duration.between(Instant.now(), wave(due, i % WAVES)).toSeconds());
            burst.put(
                    fake.sendSlash(
                            members.get(i),
                            "en-US",
                            GENERAL_CHANNEL,
                            "remind",
                            "set",
                            Map.of("when", "in " + in + "s", "text", "failover " + i + "/command")),
                    members.get(i));
        }
        for (String id : burst.keySet()) {
            assertThat(EndToEnd.answerText(fake, id, WAIT)).as("ack of " + id).contains("Reminder #");
        }
        report(
                "%d /remind set answered in %d ms; due from %d ms on",
                MEMBERS, ms(tBurst), Duration.between(Instant.now(), due).toMillis());
        // Every reminder stored (on a loaded machine the set-up can outlast the 20 s, and the first waves already
        // fire).
        assertThat(count("SELECT COUNT(*) FROM reminder")).isEqualTo(REMINDERS);

        // A realistic round trip, so requests are in flight at the kill.
        fake.faults().latency("POST", "/channels/\\d+/messages", Duration.ofMillis(100));
        Predicate<JsonNode> reminderDm = m -> dms.contains(m.path("channel_id").asText())
                && BOT_ID.equals(m.path("author").path("id").asText());
        fake.await(
                () -> fake.countMessagesBy(reminderDm) >= REMINDERS * 2L / 5,
                Duration.ofSeconds(90),
                () -> "40% of the DMs (" + fake.countMessagesBy(reminderDm) + " so far)");
        // A question asked while a held the gateway (stored as a stores one): not in b's search index, built at its
        // start.
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO question (asker_id, asker_name, anonymous, title, details, channel_id,"
                    + " thread_id, status, locale, asked_at) VALUES ('" + members.get(0) + "', 'Minji', FALSE,"
                    + " 'Mosaic augmentation breaks my bounding boxes', '', 'forum', 'failover-thread', 'OPEN', 'en',"
                    + " CURRENT_TIMESTAMP)");
        }
        a.kill9Only();
        long killedAt = System.nanoTime();
        long dmsAtKill = fake.countMessagesBy(reminderDm);
        Map<String, Integer> outboxAtKill = statusCounts("outbox");
        Map<String, Integer> remindersAtKill = statusCounts("reminder");
        report(
                "kill -9 of the holder a: %d DMs created; reminders %s; outbox %s",
                dmsAtKill, remindersAtKill, outboxAtKill);
        assertThat(dmsAtKill).as("the kill came midway").isLessThan(REMINDERS);
        assertThat(remindersAtKill.getOrDefault("PENDING", 0))
                .as("the kill came mid-firing (reminders not fired yet)")
                .isPositive();

        // b takes over: the first command answered after the kill, measured.
        List<String> probes = new ArrayList<>();
        long answeredAt = 0;
        long deadline = killedAt + TAKEOVER_LIMIT.plusSeconds(10).toNanos();
        while (answeredAt == 0 && System.nanoTime() < deadline) {
            long until = deadline;
            fake.await(
                    () -> fake.connectedClients() > 0 || System.nanoTime() > until,
                    TAKEOVER_LIMIT.plusSeconds(15),
                    () -> "a gateway session");
            String probe;
            try {
                probe = fake.sendSlash(
                        members.get(probes.size() % MEMBERS), "en-US", GENERAL_CHANNEL, "help", null, Map.of());
            } catch (IllegalStateException noSession) {
                continue;
            }
            probes.add(probe);
            if (answeredWithin(probe, Duration.ofSeconds(2))) {
                answeredAt = System.nanoTime();
            }
        }
        assertThat(answeredAt).as("a command answered after the kill").isPositive();
        Duration takeover = Duration.ofNanos(answeredAt - killedAt);
        report(
                "b answered a command %d ms after the kill (probe %d; b: %s)",
                takeover.toMillis(), probes.size(), line(b.log(), BotProcess.TOOK_OVER));
        assertThat(takeover)
                .as("the other instance answers commands again within 30 s")
                .isLessThan(TAKEOVER_LIMIT);

        // b caught its search index up with what was asked through a, and finds it.
        String search = fake.sendSlash(
                members.get(1), "en-US", GENERAL_CHANNEL, "qa", "search", Map.of("query", "mosaic augmentation"));
        assertThat(EndToEnd.answerText(fake, search, WAIT))
                .as("b finds the question asked through a")
                .contains("Mosaic augmentation breaks my bounding boxes");
        assertThat(b.log()).contains("Q&A search index caught up on taking the gateway over");
        // a ran on this host and was killed: b saw its process had ended and did not wait the whole fence.
        assertThat(b.log())
                .contains("got the gateway lock: connecting to Discord in 0 ms (the last holder's process on this host"
                        + " has ended)");

        // A second burst, answered once each by b.
        Map<String, String> second = new LinkedHashMap<>();
        for (int i = 0; i < SECOND_BURST; i++) {
            second.put(
                    fake.sendSlash(members.get(i), "en-US", GENERAL_CHANNEL, "remind", "list", Map.of()),
                    members.get(i));
        }
        for (String id : second.keySet()) {
            assertThat(EndToEnd.answerText(fake, id, WAIT))
                    .as("answer to " + id)
                    .isNotBlank();
        }
        report("%d /remind list answered by b", SECOND_BURST);

        // Everything goes out: what a had claimed (resumed at the take-over), what Quartz had given a (recovered by
        // b's cluster check), what was still due.
        Await.until(
                () -> statusCounts("reminder").equals(Map.of("SENT", REMINDERS))
                        && statusCounts("outbox").equals(Map.of("SENT", REMINDERS)),
                Duration.ofSeconds(120),
                () -> "every reminder and outbox row SENT: reminders " + statusCounts("reminder")
                        + ", outbox " + statusCounts("outbox") + ", DMs " + fake.countMessagesBy(reminderDm)
                        + "\nlog of b:\n" + b.tail(40),
                100);
        long allSent = System.nanoTime();
        assertThat(b.alive()).isTrue();
        Duration stopB = b.terminate(Duration.ofSeconds(30));

        // At Discord: one session at a time; no interaction answered twice.
        assertThat(fake.mostConnectedClients())
                .as("never two gateway sessions at once")
                .isEqualTo(1);
        assertThat(fake.identifyCount()).as("a, then b").isEqualTo(2);
        Map<String, Long> callbacks = fake.requests("POST", "/interactions/\\d+/[^/]+/callback").stream()
                .collect(Collectors.groupingBy(
                        r -> r.path().split("/")[r.path().split("/").length - 3], Collectors.counting()));
        assertThat(callbacks.values()).as("callbacks per interaction").allMatch(n -> n == 1);
        for (String id : burst.keySet()) {
            assertThat(callbacks.get(id)).as("burst command " + id).isEqualTo(1L);
        }
        for (String id : second.keySet()) {
            assertThat(callbacks.get(id)).as("second burst command " + id).isEqualTo(1L);
        }

        // Each reminder's DM exactly once: per nonce, and ten per member.
        List<Long> ids = longs("SELECT id FROM reminder");
        assertThat(ids).hasSize(REMINDERS);
        for (Long id : ids) {
            assertThat(fake.messagesWithNonce(Outbox.nonce("reminder:" + id)))
                    .as("DMs of reminder " + id)
                    .hasSize(1);
        }
        for (String member : members) {
            List<JsonNode> got = fake.createdMessagesIn(FakeDiscord.dmChannelOf(member)).stream()
                    .filter(m -> BOT_ID.equals(m.path("author").path("id").asText()))
                    .toList();
            assertThat(got).as("DMs to " + member).hasSize(SEEDED_EACH + 1);
        }
        List<RecordedRequest> dmPosts = fake.requests("POST", "/channels/(" + String.join("|", dms) + ")/messages");

        // From the logs: b fired reminders while standing by; a reminder was queued once, by one of the two.
        String logA = a.log();
        String logB = b.log();
        int takeoverLine = logB.indexOf(BotProcess.TOOK_OVER);
        List<Long> queuedByA = numbers(QUEUED, logA);
        List<Long> queuedByBStandingBy = numbers(QUEUED, logB.substring(0, takeoverLine));
        List<Long> queuedByB = numbers(QUEUED, logB);
        assertThat(queuedByBStandingBy)
                .as("b fired reminders while standing by")
                .isNotEmpty();
        List<Long> queued = new ArrayList<>(queuedByA);
        queued.addAll(queuedByB);
        assertThat(queued).as("each reminder queued by one instance, once").doesNotHaveDuplicates();
        Matcher resumed = RESUMED.matcher(logB);
        String lateness = strings(
                        "SELECT ROUND(EXTRACT(EPOCH FROM MAX(sent_at - due_at)) * 1000) || ' ms' FROM reminder")
                .get(0);
        report(
                "after the kill: b answered commands %d ms later, resumed %s rows a had left in flight, and everything was"
                        + " SENT %d ms after the kill; DM requests %d for %d reminders (%d resent with the same nonce);"
                        + " reminders queued by a %d (logged before the kill), by b %d (%d while standing by), the latest"
                        + " %s after its due time; b stopped in %d ms; test took %d ms",
                takeover.toMillis(),
                resumed.find() ? resumed.group(1) : "no",
                (allSent - killedAt) / 1_000_000,
                dmPosts.size(),
                REMINDERS,
                dmPosts.size() - REMINDERS,
                queuedByA.size(),
                queuedByB.size(),
                queuedByBStandingBy.size(),
                lateness,
                stopB.toMillis(),
                ms(t0));
    }

    // ================================================================ helpers

    private boolean answeredWithin(String interactionId, Duration wait) {
        try {
            fake.await(() -> fake.callbackOrNull(interactionId) != null, wait, () -> "callback of " + interactionId);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private List<String> addMembers() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String id = Long.toString(1190000000000800000L + i);
            fake.addMember(id, "failover_" + i, CAMPER_ROLE);
            out.add(id);
        }
        return out;
    }

    private Path config() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/campops-test.yaml"), StandardCharsets.UTF_8);
        Path file = dir.resolve("campops.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static List<Long> numbers(Pattern p, String text) {
        List<Long> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    private static String line(String log, String containing) {
        return log.lines().filter(l -> l.contains(containing)).findFirst().orElse("(no such line)");
    }

    private Map<String, Integer> statusCounts(String table) {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM " + table + " GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private int count(String sql) throws SQLException {
        return longs(sql).get(0).intValue();
    }

    private List<Long> longs(String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static void report(String format, Object... args) {
        System.out.println("[GatewayFailoverIT] " + String.format(format, args));
    }
}
