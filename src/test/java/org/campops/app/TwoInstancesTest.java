package org.campops.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.campops.config.CampConfig;
import org.campops.console.ConsoleOutput;
import org.campops.delivery.Delivery;
import org.campops.reminders.Reminder;
import org.campops.reminders.ReminderService;
import org.campops.testing.Await;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;

/**
 * Two applications in one JVM, each on its own database with its own transport: each fires its own
 * moments, through its own transport, once; closing one (twice over: the orderly stop, then close)
 * leaves the other firing. Quartz's schedulers are JVM-wide by name, so this needs one per instance.
 */
class TwoInstancesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final CampConfig config = TestConfig.load();
    private final Clock clock = Clock.systemUTC();

    /** One application and what its transport printed. */
    private final class Instance implements AutoCloseable {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final CampOps app;

        Instance(String dbUrl) {
            app = new CampOps(
                    config,
                    dbUrl,
                    new ConsoleOutput(
                            new PrintStream(printed, true, StandardCharsets.UTF_8),
                            config.camp().zone(),
                            clock),
                    clock);
        }

        Reminder remind(String member, String text) {
            // Whole seconds, as commands give them (the stored due time keeps no finer precision).
            Instant due = clock.instant().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return app.service(ReminderService.class).create(member, null, text, due, Locale.ENGLISH);
        }

        boolean sent(Reminder r) {
            return app.outbox()
                    .find("reminder:" + r.id())
                    .map(d -> d.status() == Delivery.Status.SENT)
                    .orElse(false);
        }

        /** The scheduler names in the Quartz tables. */
        List<String> schedulerNamesInTables() {
            return app.database()
                    .inTransaction(c -> c.select(
                                    "SELECT SCHED_NAME FROM QRTZ_TRIGGERS UNION SELECT SCHED_NAME FROM QRTZ_JOB_DETAILS")
                            .map(r -> r.getColumn(1, String.class))
                            .list());
        }

        List<String> dms() {
            return printed.toString(StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.startsWith("[DM"))
                    .toList();
        }

        @Override
        public void close() {
            app.close();
        }
    }

    @Test
    void eachInstanceFiresItsOwnMomentsThroughItsOwnTransportOnce() throws Exception {
        try (Instance a = new Instance(TestConfig.memoryDb());
                Instance b = new Instance(TestConfig.memoryDb())) {
            a.app.startScheduler();
            b.app.startScheduler();
            Reminder ra = a.remind("alice", "reminder of A");
            Reminder rb = b.remind("bob", "reminder of B");
            // The same row id in both databases: only their own schedulers tell the two apart.
            assertThat(ra.id()).isEqualTo(rb.id());
            assertThat(a.app.moments().awaitPlanned(WAIT)).isTrue();
            // Each scheduler has its own name in this JVM, but the rows keep the one name restarts and
            // cluster nodes share.
            assertThat(a.schedulerNamesInTables()).containsExactly(org.campops.schedule.Scheduling.SCHEDULER_NAME);
            Await.until(
                    () -> a.sent(ra) && b.sent(rb),
                    WAIT,
                    () -> "both reminders sent; A: " + a.dms() + ", B: " + b.dms());

            // The orderly stop and then close: the scheduler and the dispatcher stop once, B goes on.
            a.app.stopFiringAndDrain(Duration.ofSeconds(5));
            a.close();
            Reminder later = b.remind("bob", "later reminder of B");
            Await.until(() -> b.sent(later), WAIT, () -> "B's later reminder sent; B: " + b.dms());
            b.app.stopFiringAndDrain(Duration.ofSeconds(5));

            assertThat(a.dms())
                    .singleElement()
                    .satisfies(l -> assertThat(l).startsWith("[DM → alice]").contains("reminder of A"));
            assertThat(b.dms())
                    .hasSize(2)
                    .allSatisfy(l -> assertThat(l).startsWith("[DM → bob]").doesNotContain("of A"));
            assertThat(b.dms()).anySatisfy(l -> assertThat(l).contains("later reminder of B"));
        }
    }

    /**
     * On one PostgreSQL database two instances are two nodes of one Quartz cluster: one scheduler name
     * in the tables, an instance id each, and a moment fired by one of them, once (a fresh database of
     * the test PostgreSQL: the server CAMPOPS_TEST_PG_URL names, else the embedded one).
     */
    @Test
    void twoInstancesOnOnePostgresDatabaseAreNodesOfOneCluster() throws Exception {
        String url = org.campops.testing.TestPostgres.freshDatabase();
        try (Instance a = new Instance(url);
                Instance b = new Instance(url)) {
            a.app.startScheduler();
            b.app.startScheduler();
            java.util.function.Supplier<List<String>> nodes = () -> a.app.database()
                    .inTransaction(c -> c.select("SELECT SCHED_NAME || ' ' || INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE")
                            .map(r -> r.getColumn(1, String.class))
                            .list());
            Await.until(() -> nodes.get().size() == 2, WAIT, () -> "both nodes checked in: " + nodes.get());
            assertThat(nodes.get())
                    .allMatch(n -> n.startsWith(org.campops.schedule.Scheduling.SCHEDULER_NAME + " "))
                    .doesNotHaveDuplicates();

            Reminder r = a.remind("alice", "clustered reminder");
            Await.until(() -> a.sent(r), WAIT, () -> "the reminder sent; A: " + a.dms() + ", B: " + b.dms());
            a.app.stopFiringAndDrain(Duration.ofSeconds(5));
            b.app.stopFiringAndDrain(Duration.ofSeconds(5));
            List<String> all = new java.util.ArrayList<>(a.dms());
            all.addAll(b.dms());
            assertThat(all)
                    .singleElement()
                    .satisfies(l -> assertThat(l).startsWith("[DM → alice]").contains("clustered reminder"));
        }
    }
}
