package org.campops.delivery;

import static org.campops.testing.Bench.fmt;
import static org.campops.testing.Bench.percentile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.campops.app.RunningBot;
import org.campops.reminders.ReminderService;
import org.campops.schedule.Scheduling;
import org.campops.testing.Bench;
import org.campops.testing.BotHarness;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.Faults;
import org.campops.testing.fakediscord.RecordedRequest;

/**
 * Benchmark (not a test; never run by {@code mvn verify}): 300 reminders of 300 members all due at the same
 * instant T, delivered as DMs by the real bot (Quartz, outbox, dispatcher, JDA) to the fake Discord on
 * 127.0.0.1, which enforces Discord's global limit of 50 requests/s. Run twice in one process: "cold" (the
 * first DM of the camp: every DM opens its DM channel first, two requests) and then "warm" (the channel ids
 * are known: one request per DM). Writes the {@value #SECTION} section of BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench=org.campops.delivery.DeliveryBenchmark}.
 * Arguments: {@code [path-to-BENCHMARKS.md]}; without it the Markdown is only printed.
 */
public final class DeliveryBenchmark {
    static final String SECTION = "## Delivery: 300 DMs due at one instant";
    static final int MEMBERS = Integer.getInteger("bench.members", 300);
    static final int WARMUP_MEMBERS = 30;
    /** The warm round is repeated: on a shared machine one round can meet a busy moment. */
    static final int WARM_ROUNDS = Integer.getInteger("bench.warmRounds", 3);

    static final int GLOBAL_LIMIT = 50;
    static final Duration LEAD = Duration.ofSeconds(6);
    /**
     * The first fan-out's reminders are set this far ahead: time for the bot to open the members' DM channels ahead of
     * need in the background (a third of its pace, ~15/s: 300 in ~20 s), as it does in a camp where members set
     * reminders, join teams or RSVP hours or days before the first DM.
     */
    static final Duration FIRST_LEAD = Duration.ofSeconds(Integer.getInteger("bench.firstLeadSeconds", 40));

    static final double TARGET_FIRST_RATE = 40;
    /** First fan-outs measured, each to 300 members of their own. */
    static final int FIRST_ROUNDS = Integer.getInteger("bench.firstRounds", 3);

    static final Duration ROUND_TIMEOUT = Duration.ofSeconds(90);
    static final double TARGET_RATE = 45;
    static final double TARGET_429 = 0.01;
    static final double TARGET_FIRST_MS = 100;

    /** Requests as they reached the fake (for {@code -Dbench.timeline=DIR}). */
    static final ConcurrentLinkedQueue<String> TIMELINE = new ConcurrentLinkedQueue<>();

    private DeliveryBenchmark() {}

    /** What one round measured. */
    record Round(
            String name,
            int members,
            int delivered,
            int membersWithOne,
            int duplicates,
            long requests,
            long global429,
            long route429,
            long openDm,
            long openedAhead,
            long posts,
            int maxPerSecond,
            double createSeconds,
            double planSeconds,
            double firstMs,
            double lastMs,
            double p50Ms,
            double p99Ms,
            double rate,
            double fireFirstMs,
            double fireP50Ms,
            double fireLastMs,
            double queuedToSentP50Ms,
            double queuedToSentP99Ms,
            int retried) {

        double fraction429() {
            return requests == 0 ? 0 : (double) (global429 + route429) / requests;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        String loadBefore = Bench.loadAverage();
        Path dir = Files.createTempDirectory("campops-delivery-bench");
        List<Round> rounds = new ArrayList<>();
        FakeDiscord fake = FakeDiscord.start();
        RunningBot bot = null;
        try {
            fake.faults().enforceGlobalLimit(GLOBAL_LIMIT);
            List<String> warmup = Bench.members(fake, 1_190_000_000_000_090_000L, WARMUP_MEMBERS);
            // Each first fan-out needs members the bot never DMed: a new set per round; the warm rounds use the last.
            List<List<String>> firstSets = new ArrayList<>();
            for (int k = 0; k < FIRST_ROUNDS; k++) {
                firstSets.add(Bench.members(fake, 1_190_000_000_000_100_000L + 10_000L * k, MEMBERS));
            }
            List<String> members = firstSets.get(FIRST_ROUNDS - 1);
            ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
            fake.observeRequests(r -> {
                if (!r.path().contains("/interactions/") && !r.path().startsWith("/webhooks/")) {
                    arrivals.add(System.nanoTime());
                    TIMELINE.add(System.nanoTime() + " " + r.method() + " " + r.path());
                }
            });
            bot = BotHarness.start(fake, BotHarness.fileDb(dir));
            fake.awaitRequest("PUT", ".*/guilds/.*/commands", Duration.ofSeconds(30));

            // Warm-up (not reported): JIT, pooled connections; its members are not among the measured ones.
            round(fake, bot, "warmup", warmup, arrivals, LEAD);
            Bench.betweenPhases(bot, GAP);
            for (int k = 0; k < FIRST_ROUNDS; k++) {
                if (k > 0) {
                    Bench.betweenPhases(bot, GAP);
                }
                rounds.add(round(fake, bot, FIRST + " " + (k + 1), firstSets.get(k), arrivals, FIRST_LEAD));
            }
            for (int k = 1; k <= WARM_ROUNDS; k++) {
                Bench.betweenPhases(bot, GAP);
                rounds.add(round(fake, bot, "warm " + k, members, arrivals, LEAD));
            }
        } finally {
            if (bot != null) {
                bot.close();
            }
            fake.close();
            Bench.deleteTree(dir);
        }
        String loadAfter = Bench.loadAverage();

        String md = report(rounds, loadBefore, loadAfter);
        System.out.println(md);
        if (out != null) {
            Bench.writeSection(out, SECTION, md);
            System.out.println("(written to " + out.toAbsolutePath() + ")");
        }
        System.exit(0);
    }

    /** Quiet time between rounds, after the bot settled (see {@link Bench#betweenPhases}). */
    private static final Duration GAP = Duration.ofSeconds(2);

    /** The name of the round of the camp's first DMs. */
    static final String FIRST = "first fan-out";

    static Round round(
            FakeDiscord fake,
            RunningBot bot,
            String name,
            List<String> members,
            ConcurrentLinkedQueue<Long> arrivals,
            Duration lead)
            throws Exception {
        String marker = "bench-" + name + "-";
        Set<String> dmChannels = new HashSet<>();
        for (String m : members) {
            dmChannels.add(FakeDiscord.dmChannelOf(m));
        }
        fake.faults().resetCounters();
        long openBefore = fake.requests("POST", "/users/@me/channels").size();
        long postsBefore =
                fake.requests().stream().filter(r -> isDmPost(r, dmChannels)).count();
        arrivals.clear();
        TIMELINE.clear();

        Instant due = Instant.now().plus(lead).truncatedTo(ChronoUnit.MILLIS);
        long c0 = System.nanoTime();
        for (int i = 0; i < members.size(); i++) {
            bot.app().service(ReminderService.class).create(members.get(i), null, marker + i, due, Locale.ENGLISH);
        }
        double createSeconds = (System.nanoTime() - c0) / 1e9;
        if (!bot.app().moments().awaitPlanned(Duration.ofSeconds(30))) {
            throw new IllegalStateException("reminders not planned within 30 s");
        }
        double planSeconds = (System.nanoTime() - c0) / 1e9;
        if (!Instant.now().isBefore(due.minusMillis(500))) {
            throw new IllegalStateException(
                    name + ": creating and planning took too long (" + planSeconds + " s); T would not be ahead");
        }
        System.err.printf(
                Locale.ROOT,
                "%s: %d reminders created in %.2f s, planned after %.2f s; due at %s%n",
                name,
                members.size(),
                createSeconds,
                planSeconds,
                due);
        // DM channels the bot opened ahead of need before T (in the background, while nothing else was sent).
        Duration untilDue = Duration.between(Instant.now(), due);
        if (!untilDue.isNegative()) {
            Thread.sleep(untilDue.toMillis());
        }
        long openedAhead = fake.requests("POST", "/users/@me/channels").size() - openBefore;

        try {
            fake.await(
                    () -> fake.countMessagesBy(m -> m.path("content").asText().contains(marker)) >= members.size(),
                    Duration.between(Instant.now(), due).plus(ROUND_TIMEOUT),
                    () -> marker + " DMs");
        } catch (AssertionError e) {
            System.err.println(name + ": not all DMs arrived: " + e.getMessage()); // reported below
        }
        // Would-be duplicates and retries: wait until the outbox has nothing due or in flight.
        bot.app().dispatcher().drain(ROUND_TIMEOUT);
        List<JsonNode> dms =
                fake.awaitCreatedMessages(m -> m.path("content").asText().contains(marker), 0, Duration.ZERO);
        Faults f = fake.faults();
        long requests = f.totalRequests();
        long global429 = f.globalRateLimited();
        long route429 = f.routeRateLimited();
        long openDm = fake.requests("POST", "/users/@me/channels").size() - openBefore;
        long posts =
                fake.requests().stream().filter(r -> isDmPost(r, dmChannels)).count() - postsBefore;
        int maxPerSecond = maxInAnySecond(new ArrayList<>(arrivals));

        Map<String, Integer> perChannel = new HashMap<>();
        List<Double> lateness = new ArrayList<>();
        for (JsonNode m : dms) {
            perChannel.merge(m.path("channel_id").asText(), 1, Integer::sum);
            Instant at = OffsetDateTime.parse(m.path("timestamp").asText()).toInstant();
            lateness.add((double) Duration.between(due, at).toNanos() / 1e6);
        }
        int withOne = 0;
        int duplicates = 0;
        for (String ch : dmChannels) {
            int n = perChannel.getOrDefault(ch, 0);
            withOne += n == 1 ? 1 : 0;
            duplicates += Math.max(0, n - 1);
        }
        Collections.sort(lateness);
        double first = lateness.isEmpty() ? Double.NaN : lateness.get(0);
        double last = lateness.isEmpty() ? Double.NaN : lateness.get(lateness.size() - 1);
        double rate = lateness.size() < 2 ? Double.NaN : (lateness.size() - 1) / ((last - first) / 1000.0);

        // Where the time went, from the bot's own rows: when Quartz fired each reminder (reminder.sent_at),
        // when its outbox row was queued and when the dispatcher had Discord's answer.
        List<Double> fired = new ArrayList<>();
        List<Double> queuedToSent = new ArrayList<>();
        int retried = 0;
        try (Connection c = bot.app().database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT r.sent_at AS fired_at, o.created_at AS queued_at,"
                        + " o.sent_at AS delivered_at, o.attempts"
                        + " FROM reminder r JOIN outbox o ON o.delivery_key = CONCAT('reminder:', r.id)"
                        + " WHERE r.text LIKE ?")) {
            ps.setString(1, marker + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant firedAt = utc(rs, "fired_at");
                    fired.add(Duration.between(due, firedAt).toNanos() / 1e6);
                    Instant queued = utc(rs, "queued_at");
                    Instant sent = utc(rs, "delivered_at");
                    if (sent != null) {
                        queuedToSent.add(Duration.between(queued, sent).toNanos() / 1e6);
                    }
                    retried += rs.getInt(4) > 1 ? 1 : 0;
                }
            }
        }
        Collections.sort(fired);
        Round r = new Round(
                name,
                members.size(),
                dms.size(),
                withOne,
                duplicates,
                requests,
                global429,
                route429,
                openDm,
                openedAhead,
                posts,
                maxPerSecond,
                createSeconds,
                planSeconds,
                first,
                last,
                percentile(lateness, 50),
                percentile(lateness, 99),
                rate,
                fired.isEmpty() ? Double.NaN : fired.get(0),
                percentile(fired, 50),
                fired.isEmpty() ? Double.NaN : fired.get(fired.size() - 1),
                percentile(queuedToSent, 50),
                percentile(queuedToSent, 99),
                retried);
        System.err.println(r);
        String timeline = System.getProperty("bench.timeline");
        if (timeline != null) {
            // For profiling: every request as it reached the fake and every 429, in ms from T.
            long dueNanos =
                    System.nanoTime() - Duration.between(due, Instant.now()).toNanos();
            List<String> lines = new ArrayList<>();
            for (String l : TIMELINE) {
                String[] p = l.split(" ", 2);
                lines.add(fmt("%9.1f %s", (Long.parseLong(p[0]) - dueNanos) / 1e6, p[1]));
            }
            for (Faults.Injection i : fake.faults().injections()) {
                lines.add(fmt("%9.1f 429 %s", (i.nanoTime() - dueNanos) / 1e6, i.path()));
            }
            lines.sort(java.util.Comparator.comparingDouble(
                    l -> Double.parseDouble(l.strip().split(" ")[0])));
            Files.createDirectories(Path.of(timeline));
            Files.write(Path.of(timeline, name + ".txt"), lines);
        }
        return r;
    }

    static boolean isDmPost(RecordedRequest r, Set<String> dmChannels) {
        if (!r.method().equals("POST")
                || !r.path().startsWith("/channels/")
                || !r.path().endsWith("/messages")) {
            return false;
        }
        String ch = r.path().substring("/channels/".length(), r.path().length() - "/messages".length());
        return dmChannels.contains(ch);
    }

    /** The most requests (subject to the global limit) that arrived within any one second. */
    static int maxInAnySecond(List<Long> nanos) {
        Collections.sort(nanos);
        int best = 0;
        int from = 0;
        for (int to = 0; to < nanos.size(); to++) {
            while (nanos.get(to) - nanos.get(from) >= 1_000_000_000L) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    static String report(List<Round> rounds, String loadBefore, String loadAfter) {
        Dispatcher.Settings s = Dispatcher.Settings.defaults();
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append(
                        "The real bot (`BotHarness`: Quartz on H2, outbox, `Dispatcher`, JDA) against the fake Discord on 127.0.0.1."
                                + " Generated by `DeliveryBenchmark` on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(".\n\n");
        md.append("- Command: `").append(Bench.command(DeliveryBenchmark.class)).append("`\n");
        md.append(Bench.machine(loadBefore, loadAfter));
        md.append(Bench.java());
        md.append(fmt(
                "- Settings: %d members, %d reminders created through `ReminderService.create`, all due at the same"
                        + " instant T (%d s ahead when the first was created, %d s in the first fan-out); fake Discord enforcing the global limit of %d requests/s"
                        + " (rolling second, `Faults.enforceGlobalLimit`) and per-route buckets of %d per second; dispatcher"
                        + " defaults (%d sender threads, %.0f requests/s, poll %d ms); Quartz %d threads; H2 file database"
                        + " (`WRITE_DELAY=0`); a warm-up round of %d other members before the measured rounds\n",
                rounds.get(0).members(),
                rounds.get(0).members(),
                LEAD.toSeconds(),
                FIRST_LEAD.toSeconds(),
                GLOBAL_LIMIT,
                Faults.DEFAULT_ROUTE_LIMIT,
                s.threads(),
                s.requestsPerSecond(),
                s.pollEvery().toMillis(),
                Scheduling.THREADS,
                WARMUP_MEMBERS));
        md.append(fmt(
                "- Rounds: **first fan-out** (%d times, 300 other members each) = the first DM of the camp to members"
                        + " the bot never DMed: setting the reminders asked for their DM channels, which the bot opened"
                        + " ahead of need in the background (`DmOpener`) before T, so at T each DM is one request; **warm**"
                        + " = the last first fan-out's members again, their DM channel ids"
                        + " known (one request per DM), %d times; 2 s between rounds. Times at the fake are its message"
                        + " timestamps (ms); \"requests\" are those the global limit applies to (all but interaction callbacks)."
                        + " `-Dbench.timeline=DIR` writes every request and 429 of each round, in ms from T, for profiling.\n\n",
                FIRST_ROUNDS, WARM_ROUNDS));
        md.append("| measure |");
        rounds.forEach(r -> md.append(' ').append(r.name()).append(" |"));
        md.append("\n|---|");
        rounds.forEach(r -> md.append("---|"));
        md.append('\n');
        row(
                md,
                rounds,
                "DMs received by the fake / members with exactly one / duplicates",
                r -> fmt("%d / %d / %d", r.delivered(), r.membersWithOne(), r.duplicates()));
        row(md, rounds, "throughput, first to last DM", r -> fmt("%.1f DMs/s", r.rate()));
        row(
                md,
                rounds,
                "requests (subject to the global limit) / answered 429",
                r -> fmt(
                        "%d / %d (%.2f%%; %d global, %d route)",
                        r.requests(),
                        r.global429() + r.route429(),
                        100 * r.fraction429(),
                        r.global429(),
                        r.route429()));
        row(
                md,
                rounds,
                "`POST /users/@me/channels` (of them before T, opened ahead) / DM posts (incl. retries)",
                r -> fmt("%d (%d) / %d", r.openDm(), r.openedAhead(), r.posts()));
        row(md, rounds, "most requests arriving within one second", r -> Integer.toString(r.maxPerSecond()));
        row(
                md,
                rounds,
                "lateness vs T: first / p50 / p99 / last DM",
                r -> fmt("%.0f / %.0f / %.0f / %.0f ms", r.firstMs(), r.p50Ms(), r.p99Ms(), r.lastMs()));
        row(
                md,
                rounds,
                "Quartz fired the reminders: first / p50 / last, vs T",
                r -> fmt("%.0f / %.0f / %.0f ms", r.fireFirstMs(), r.fireP50Ms(), r.fireLastMs()));
        row(
                md,
                rounds,
                "outbox row queued → sent (Discord answered): p50 / p99",
                r -> fmt("%.0f / %.0f ms", r.queuedToSentP50Ms(), r.queuedToSentP99Ms()));
        row(md, rounds, "rows needing more than one attempt", r -> Integer.toString(r.retried()));
        row(
                md,
                rounds,
                "creating the 300 reminders / until all triggers planned",
                r -> fmt("%.2f s / %.2f s", r.createSeconds(), r.planSeconds()));
        md.append('\n');
        md.append(
                "Targets: ≥ 45 DMs/s, ≤ 1% of requests answered 429, first DM within 100 ms of T for the **warm**"
                        + " rounds, the steady state of a camp (every member's DM channel known); issue 19: ≥ 40 DMs/s for the"
                        + " **first fan-out** to members the bot never DMed. Without opening ahead (before issue 19) that round"
                        + " needed two requests per DM (open the channel, post) and could not exceed ~22 DMs/s under the global"
                        + " limit (21.8 DMs/s measured on 2026-11-30). The dispatcher paces a channel opening as a request of its"
                        + " own and lets no more than 45 requests go within any rolling second (`PayloadSender.openDmChannel`,"
                        + " `RateGate`); the openings ahead take only spare permits, at most a third of the pace (`DmOpener`).\n\n");
        for (Round r : rounds) {
            double target = r.name().startsWith(FIRST) ? TARGET_FIRST_RATE : TARGET_RATE;
            boolean rateOk = r.rate() >= target;
            boolean ok429 = r.fraction429() <= TARGET_429;
            boolean firstOk = r.firstMs() <= TARGET_FIRST_MS;
            boolean all = r.membersWithOne() == r.members() && r.duplicates() == 0;
            md.append(fmt(
                    "- %s: all delivered exactly once — **%s**; throughput ≥ %.0f DMs/s — **%s** (%.1f);"
                            + " 429 ≤ 1%% — **%s** (%.2f%%); first DM within %.0f ms — **%s** (%.0f ms)\n",
                    r.name(),
                    all ? "yes" : "NO",
                    target,
                    rateOk ? "met" : "NOT met",
                    r.rate(),
                    ok429 ? "met" : "NOT met",
                    100 * r.fraction429(),
                    TARGET_FIRST_MS,
                    firstOk ? "met" : "NOT met",
                    r.firstMs()));
        }
        return md.toString();
    }

    private static void row(
            StringBuilder md, List<Round> rounds, String name, java.util.function.Function<Round, String> cell) {
        md.append("| ").append(name).append(" |");
        for (Round r : rounds) {
            md.append(' ').append(cell.apply(r)).append(" |");
        }
        md.append('\n');
    }

    /** A TIMESTAMP column as the store writes it: UTC. */
    private static Instant utc(ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Timestamp at =
                rs.getTimestamp(column, java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
        return at == null ? null : at.toInstant();
    }
}
