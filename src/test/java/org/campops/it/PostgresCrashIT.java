package org.campops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.BOT_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ROLE;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.dmChannelOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.campops.delivery.Outbox;
import org.campops.testing.Await;
import org.campops.testing.EndToEnd;
import org.campops.testing.TestPostgres;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.Faults;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Two packaged-jar processes ({@code campops run}) on one PostgreSQL database and one {@link FakeDiscord}: Quartz
 * clustered, the outbox sent by the gateway holder. a holds the gateway (it answers the commands and sends); b stands
 * by and fires its share of the triggers. A burst of due reminders is being delivered when a is killed with SIGKILL;
 * b takes the gateway over and, alone, must deliver the rest: the rows a had claimed (resumed at the take-over; a DM
 * a had sent without recording it goes again with the same nonce and Discord answers with the earlier message) and
 * the triggers a had acquired or was firing (once Quartz sees its check-in is overdue). Every member gets exactly one
 * DM; every reminder and outbox row ends SENT.
 *
 * <p>Each test has a database of its own ({@link TestPostgres}: on the server CAMPOPS_TEST_PG_URL names, else on the
 * embedded server this JVM starts, which the child processes reach on 127.0.0.1). No fixed sleeps: every wait is on the fake, the database or a process, with a deadline.
 * Logs are in {@code target/crash-it/<test>-<time>/{a,b}-1.log}.
 */
@Timeout(360)
class PostgresCrashIT {
    private static final int MEMBERS = 180;
    /** The reminders come due in this many waves, one second apart, so the kill finds some not fired yet. */
    private static final int WAVES = 5;
    /** When the last tenth of the reminders is due, after they were set. */
    private static final Duration LATE_WAVE = Duration.ofSeconds(25);

    private static final String TOKEN_A = "campops-a-token";
    private static final String TOKEN_B = "campops-b-token";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** The gateway take-over (seconds), Quartz's failure detection (~15 s), the resends and slack. */
    private static final Duration TAKEOVER = Duration.ofSeconds(90);

    private static final Pattern NUMBER = Pattern.compile("#(\\d+)");
    private static final Pattern DISPATCHER = Pattern.compile("outbox dispatcher (\\S+) started");

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
        // Any token: each process logs in with its own, so interactions can be routed to one of them.
        fake = FakeDiscord.start(null);
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
            if (fake != null) {
                fake.close();
            }
        }
    }

    @Test
    void twoInstancesOneKilledNineMidBurstEveryReminderDeliveredExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        Path config = config();
        a = new BotProcess(dir, fake, config, "a", env(TOKEN_A)).start(START);
        b = new BotProcess(dir, fake, config, "b", env(TOKEN_B)).startStandingBy(START);
        assertThat(fake.connectedClients())
                .as("only the gateway holder a is connected")
                .isEqualTo(1);
        String ownerA = dispatcherId(a);
        report("both instances up in %d ms (a holds the gateway, dispatcher a=%s; b stands by)", ms(t0), ownerA);
        // Every interaction goes to instance a (the one that will be killed, the only one connected): b knows the
        // reminders only through the database and Quartz's tables.
        fake.routeInteractions((token, interaction) -> TOKEN_A.equals(token));

        List<String> members = addMembers(MEMBERS);
        Set<String> dms = members.stream().map(FakeDiscord::dmChannelOf).collect(Collectors.toSet());
        String dmPosts = "/channels/(" + dmChannelPattern(members) + ")/messages";
        // A realistic round trip: requests are in flight (performed by Discord, never answered) at the kill.
        fake.faults().latency("POST", dmPosts, Duration.ofMillis(100));
        // Mid-burst, made so rather than hoped for: a third of the DM requests go on, the rest are held at the fake
        // until a is killed (then dropped, never performed): a holds leased rows at the kill on any machine. Armed
        // before the reminders are set, so it holds whatever a sends, however slow the set-up.
        Faults.Hold rest = fake.faults().holdNext("POST", dmPosts, MEMBERS).release(MEMBERS / 3);
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> interactions = new LinkedHashMap<>();
        Instant due = Instant.now().plusSeconds(12);
        long tSet = System.nanoTime();
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            String text = "pg crash reminder " + i;
            texts.put(member, text);
            // The last tenth is due well after the others (and the kill, unless acknowledging took over 20 s): a
            // dies with reminders it never fired, whatever the machine's load.
            long in = i >= MEMBERS - MEMBERS / 10
                    ? LATE_WAVE.toSeconds()
                    : Math.max(
                            4,
                            Duration.between(Instant.now(), due.plusSeconds(i % WAVES))
                                    .toSeconds());
            interactions.put(
                    member,
                    fake.sendSlash(
                            member,
                            "en-US",
                            GENERAL_CHANNEL,
                            "remind",
                            "set",
                            Map.of("when", "in " + in + "s", "text", text)));
        }
        Map<String, Long> reminderOf = new LinkedHashMap<>();
        for (String member : members) {
            String ack = EndToEnd.answerText(fake, interactions.get(member), WAIT);
            assertThat(ack).as("ack of " + member).contains("Reminder #");
            reminderOf.put(member, number(ack));
        }
        report(
                "%d reminders acknowledged by a in %d ms; due in %d waves from about %d ms on",
                MEMBERS, ms(tSet), WAVES, Duration.between(Instant.now(), due).toMillis());

        // Kill a once some, not all, DMs were created. (a planned the triggers; both Quartz instances fire them as they
        // come due; a alone sends.)
        Await.until(
                () -> fake.countMessagesBy(botMessageIn(dms)) >= MEMBERS / 4,
                WAIT,
                () -> MEMBERS / 4 + " DMs created ("
                        + fake.countMessagesBy(botMessageIn(dms)) + " so far; requests a="
                        + requestsBy(TOKEN_A, dmPosts).size()
                        + ", b=" + requestsBy(TOKEN_B, dmPosts).size() + ")");
        rest.awaitWaiting(1, WAIT);
        long atKill = fake.countMessagesBy(botMessageIn(dms));
        a.kill9Only();
        rest.drop();
        long killedAt = System.nanoTime();
        Instant killedInstant = Instant.now();
        long afterKill = fake.countMessagesBy(botMessageIn(dms));
        int postsByA = requestsBy(TOKEN_A, dmPosts).size();
        int postsByB = requestsBy(TOKEN_B, dmPosts).size();

        Map<String, Integer> outboxAtKill = statusCounts("outbox");
        Map<String, Integer> remindersAtKill = statusCounts("reminder");
        Set<Long> heldByA = new HashSet<>(
                longs("SELECT id FROM outbox WHERE status = 'SENDING' AND lease_owner LIKE '" + ownerA + "-%'"));
        List<String> leaseEndsOfA = strings("SELECT MIN(lease_until) || ' .. ' || MAX(lease_until) FROM outbox"
                + " WHERE status = 'SENDING' AND lease_owner LIKE '" + ownerA + "-%'");
        // Quartz ids are AUTO (host name + start time in ms): a started first, so its id sorts first.
        List<String> quartzIds = strings("SELECT instance_name FROM qrtz_scheduler_state ORDER BY instance_name");
        assertThat(quartzIds).as("two Quartz instances checked in").hasSize(2);
        String quartzA = quartzIds.get(0);
        List<String> triggersOfA = strings("SELECT trigger_group FROM qrtz_fired_triggers WHERE instance_name = '"
                + quartzA + "' AND trigger_group LIKE 'reminder-%'");
        List<Long> pendingAtKill = longs("SELECT id FROM reminder WHERE status = 'PENDING'");
        Map<String, Integer> firedOfA = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT state, COUNT(*) FROM qrtz_fired_triggers WHERE instance_name = '"
                        + quartzA + "' GROUP BY state")) {
            while (rs.next()) {
                firedOfA.put(rs.getString(1), rs.getInt(2));
            }
        }
        report(
                "kill -9 of a: %d DMs created when decided, %d once a was gone (DM requests a=%d, b=%d); reminders %s,"
                        + " outbox %s; rows leased by a: %d (lease ends %s, kill at %s); Quartz fired-trigger rows of a (%s): %s",
                atKill,
                afterKill,
                postsByA,
                postsByB,
                remindersAtKill,
                outboxAtKill,
                heldByA.size(),
                leaseEndsOfA,
                killedInstant,
                quartzA,
                firedOfA);
        assertThat(afterKill).as("not every DM was created at the kill").isLessThan(MEMBERS);
        assertThat(heldByA).as("the dead instance held leased rows").isNotEmpty();
        assertThat(remindersAtKill.getOrDefault("PENDING", 0))
                .as("the kill came mid-firing (reminders not fired yet)")
                .isPositive();

        // b alone: it takes the gateway over and resumes a's leased rows, a's Quartz triggers after its check-in is
        // overdue.
        fake.faults().clear();
        b.awaitLog(BotProcess.TOOK_OVER, WAIT);
        String ownerB = dispatcherId(b);
        report(
                "b took the gateway over %d ms after the kill (dispatcher b=%s)",
                (System.nanoTime() - killedAt) / 1_000_000, ownerB);
        Map<Long, Long> takenOverAt = new java.util.concurrent.ConcurrentHashMap<>();
        long[] quartzRecoveredAt = {0};
        Await.until(
                () -> {
                    try {
                        if (quartzRecoveredAt[0] == 0
                                && strings("SELECT instance_name FROM qrtz_scheduler_state WHERE instance_name = '"
                                                + quartzA + "'")
                                        .isEmpty()) {
                            quartzRecoveredAt[0] = System.nanoTime();
                        }
                        for (Long id : longs(
                                "SELECT id FROM outbox WHERE status = 'SENT' OR lease_owner LIKE '" + ownerB + "-%'")) {
                            if (heldByA.contains(id)) {
                                takenOverAt.putIfAbsent(id, System.nanoTime());
                            }
                        }
                        return statusCounts("reminder").equals(Map.of("SENT", MEMBERS))
                                && statusCounts("outbox").equals(Map.of("SENT", MEMBERS));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                },
                TAKEOVER,
                () -> {
                    try {
                        return "every reminder and outbox row SENT; reminders " + statusCounts("reminder") + ", outbox "
                                + statusCounts("outbox") + ", DMs created " + fake.countMessagesBy(botMessageIn(dms))
                                + "\nlog of b:\n" + b.tail(40);
                    } catch (SQLException e) {
                        return e.toString();
                    }
                },
                100);
        long allSent = System.nanoTime();
        assertThat(a.alive()).isFalse();
        assertThat(b.alive()).as("b still running").isTrue();
        Duration stopB = b.terminate(Duration.ofSeconds(30));
        // How late b fired what was not fired at the kill (the camp clock is the wall clock here).
        String lateness = "SELECT COALESCE(ROUND(EXTRACT(EPOCH FROM MIN(sent_at - due_at)) * 1000), -1) || ' .. '"
                + " || COALESCE(ROUND(EXTRACT(EPOCH FROM MAX(sent_at - due_at)) * 1000), -1) || ' ms' FROM reminder WHERE id IN (";
        String pendingLate = pendingAtKill.isEmpty()
                ? "-"
                : strings(lateness + pendingAtKill.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
                        .get(0);
        String acquiredLate = triggersOfA.isEmpty()
                ? "-"
                : strings(lateness
                                + triggersOfA.stream()
                                        .map(g -> g.substring("reminder-".length()))
                                        .collect(Collectors.joining(","))
                                + ")")
                        .get(0);
        report(
                "the %d reminders not fired at the kill were fired late by %s (due_at to sent_at); the %d a had acquired or was firing"
                        + " in Quartz (%s) by %s",
                pendingAtKill.size(), pendingLate, triggersOfA.size(), triggersOfA, acquiredLate);

        // Exactly one DM per member, with the nonce of its delivery key; every resend carried the same nonce.
        int resent = 0;
        int sentByBoth = 0;
        for (String member : members) {
            String dm = dmChannelOf(member);
            List<JsonNode> got = fake.createdMessagesIn(dm).stream()
                    .filter(m -> BOT_ID.equals(m.path("author").path("id").asText()))
                    .toList();
            assertThat(got).as("DMs to " + member).hasSize(1);
            assertThat(got.get(0).path("content").asText()).contains(texts.get(member));
            String nonce = Outbox.nonce("reminder:" + reminderOf.get(member));
            assertThat(got.get(0).path("nonce").asText()).isEqualTo(nonce);
            assertThat(fake.messagesWithNonce(nonce)).hasSize(1);
            List<RecordedRequest> posts = fake.requests("POST", "/channels/" + dm + "/messages");
            assertThat(posts)
                    .allSatisfy(
                            r -> assertThat(r.jsonBody().path("nonce").asText()).isEqualTo(nonce));
            resent += posts.size() - 1;
            if (posts.stream().anyMatch(r -> ("Bot " + TOKEN_A).equals(r.header("Authorization")))
                    && posts.stream().anyMatch(r -> ("Bot " + TOKEN_B).equals(r.header("Authorization")))) {
                sentByBoth++;
            }
        }
        assertThat(statusCounts("reminder")).isEqualTo(Map.of("SENT", MEMBERS));
        assertThat(longs("SELECT id FROM reminder WHERE sent_at < due_at - INTERVAL '50 milliseconds'"))
                .as("no reminder fired before it was due (by either instance)")
                .isEmpty();
        assertThat(statusCounts("outbox")).isEqualTo(Map.of("SENT", MEMBERS));
        assertThat(takenOverAt.keySet())
                .as("a's leased rows, all taken over by b")
                .isEqualTo(heldByA);
        long firstTakeOver =
                takenOverAt.values().stream().mapToLong(Long::longValue).min().orElse(killedAt);
        long lastTakeOver =
                takenOverAt.values().stream().mapToLong(Long::longValue).max().orElse(killedAt);
        report(
                "after the kill b delivered the rest: %d of a's %d leased rows taken over, the first %d ms and the last"
                        + " %d ms after the kill; Quartz recovered a's instance %s ms after the kill; everything SENT %d ms"
                        + " after the kill; %d/%d members with exactly one DM; %d DM requests were resends with the same"
                        + " nonce (%d members' DM requested by a, then again by b: one message each); DM requests in all"
                        + " a=%d, b=%d; b stopped in %d ms; test took %d ms",
                takenOverAt.size(),
                heldByA.size(),
                (firstTakeOver - killedAt) / 1_000_000,
                (lastTakeOver - killedAt) / 1_000_000,
                quartzRecoveredAt[0] == 0
                        ? "(not seen)"
                        : String.valueOf((quartzRecoveredAt[0] - killedAt) / 1_000_000),
                (allSent - killedAt) / 1_000_000,
                MEMBERS,
                MEMBERS,
                resent,
                sentByBoth,
                requestsBy(TOKEN_A, dmPosts).size(),
                requestsBy(TOKEN_B, dmPosts).size(),
                stopB.toMillis(),
                ms(t0));
    }

    // ================================================================ helpers

    private Map<String, String> env(String token) {
        return Map.of("DISCORD_TOKEN", token, "CAMPOPS_DB_URL", url);
    }

    private static String dispatcherId(BotProcess p) {
        Matcher m = DISPATCHER.matcher(p.log());
        assertThat(m.find()).as("the dispatcher's instance id in the log").isTrue();
        return m.group(1);
    }

    private List<RecordedRequest> requestsBy(String token, String pathRegex) {
        return fake.requests("POST", pathRegex).stream()
                .filter(r -> ("Bot " + token).equals(r.header("Authorization")))
                .toList();
    }

    private static String dmChannelPattern(List<String> members) {
        return members.stream().map(FakeDiscord::dmChannelOf).collect(Collectors.joining("|"));
    }

    private Path config() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/campops-test.yaml"), StandardCharsets.UTF_8);
        Path file = dir.resolve("campops.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> addMembers(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = Long.toString(1190000000000700000L + i);
            fake.addMember(id, "pgcrash_" + i, CAMPER_ROLE);
            out.add(id);
        }
        return out;
    }

    private static Predicate<JsonNode> botMessageIn(Set<String> channels) {
        return m -> channels.contains(m.path("channel_id").asText())
                && BOT_ID.equals(m.path("author").path("id").asText());
    }

    private Map<String, Integer> statusCounts(String table) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM " + table + " GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
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

    private static long number(String text) {
        Matcher m = NUMBER.matcher(text);
        assertThat(m.find()).as("a #number in: " + text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static void report(String format, Object... args) {
        System.out.println("[PostgresCrashIT] " + String.format(format, args));
    }
}
