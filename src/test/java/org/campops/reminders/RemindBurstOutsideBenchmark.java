package org.campops.reminders;

import static org.campops.testing.Bench.fmt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.campops.testing.Bench;
import org.campops.testing.JarProcess;
import org.campops.testing.MinimalJdaBot;
import org.campops.testing.fakediscord.FakeDiscord;

/**
 * Benchmark (not a test; never run by {@code mvn verify}): issue 19's own measurement, from outside. The packaged jar
 * ({@code ./campops run} through the launcher, with its defaults, on a new H2 file database) and a minimal JDA bot
 * ({@link MinimalJdaBot}, a JVM of its own with Java's defaults) are both connected to one fake Discord on 127.0.0.1
 * (this process). Each round sends 300 {@code /noop} to the minimal bot within one second, then 300 {@code /remind
 * set when:"in 2h"} to CampOps within one second, from members new to the bot; no warm-up unless asked, so round 1 is
 * each program's first burst after its start. Latency: from just before the fake dispatches INTERACTION_CREATE to
 * the arrival of the interaction callback at the fake. Between phases: CampOps has opened the DM channels of the
 * phase's members ahead (seen at the fake), then a 2 s pause. Writes the {@value #SECTION} section of BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -B -q package -DskipTests}, then {@code mvn -B -q -Pbench test-compile exec:exec
 * -Dbench=org.campops.reminders.RemindBurstOutsideBenchmark}. Environment: {@code BENCH_ROUNDS=N} (3), {@code
 * BENCH_WARMUPS=N} (0: rounds not reported before the measured ones), {@code BENCH_JVM="..."} (CampOps' JVM options,
 * as {@code CAMPOPS_JAVA_OPTS}).
 */
public final class RemindBurstOutsideBenchmark {
    static final String SECTION = "## `/remind set` burst from outside: the packaged jar against a minimal JDA bot";
    static final String READY = "CampOps is connected as";
    static final String NOOP = "noop";
    static final String NOOP_TOKEN = "minimal-bot-token";
    static final int N = 300;
    static final Duration SPREAD = Duration.ofSeconds(1);
    static final Duration GAP = Duration.ofSeconds(2);

    private RemindBurstOutsideBenchmark() {}

    /** One round: the latencies (ms) of each program's burst. */
    record Round(int number, double[] noop, double[] remind, int deferred, int missing) {}

    public static void main(String[] args) throws Exception {
        Path md = args.length > 0 ? Path.of(args[0]) : null;
        int rounds = Bench.setting("bench.rounds", 3);
        int warmups = Bench.setting("bench.warmups", 0);
        Path jar = Path.of("target/campops.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q package -DskipTests");
        }
        String loadBefore = Bench.loadAverage();
        Path dir = Files.createTempDirectory("campops-outside-burst");
        Map<String, Long> callbackAt = new ConcurrentHashMap<>();
        AtomicInteger dmOpens = new AtomicInteger();
        List<Round> measured = new ArrayList<>();
        JarProcess campops = null;
        JarProcess minimal = null;
        try (FakeDiscord fake = FakeDiscord.start(null)) {
            fake.faults().enforceGlobalLimit(50);
            fake.observeRequests(r -> {
                Matcher m = RemindAckBenchmark.CALLBACK.matcher(r.path());
                if (m.matches()) {
                    callbackAt.putIfAbsent(m.group(1), System.nanoTime());
                } else if (r.method().equals("POST") && r.path().endsWith("/users/@me/channels")) {
                    dmOpens.incrementAndGet();
                }
            });
            fake.routeInteractions((token, interaction) ->
                    NOOP.equals(interaction.path("data").path("name").asText()) == NOOP_TOKEN.equals(token));
            List<List<String>> members = new ArrayList<>();
            for (int r = 0; r < warmups + rounds; r++) {
                members.add(Bench.members(fake, 1_190_000_000_000_300_000L + r * 1000L, N));
            }
            Files.copy(Path.of("src/test/resources/campops-test.yaml"), dir.resolve("campops.yaml"));
            campops = JarProcess.runBot(
                    jar,
                    dir,
                    fake,
                    Bench.jvmOptions(),
                    "jdbc:h2:file:" + dir.resolve("db/campops"),
                    dir.resolve("campops.log"),
                    READY);
            campops.awaitReady();
            fake.awaitRequest("PUT", ".*/guilds/.*/commands", Duration.ofSeconds(60));
            minimal = JarProcess.start(
                    List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            MinimalJdaBot.class.getName()),
                    dir,
                    Map.of(
                            "DISCORD_TOKEN", NOOP_TOKEN,
                            "DISCORD_API_URL", fake.restBaseUrl(),
                            "DISCORD_GATEWAY_URL", fake.gatewayUrl()),
                    dir.resolve("minimal.log"),
                    MinimalJdaBot.READY);
            minimal.awaitReady();
            // The quiet gaps below are measurement design (as in Bench.betweenPhases): each follows a wait with a
            // deadline for what it depends on (both programs ready, every callback, CampOps' DM openings), so the
            // fake's rolling one-second window and one phase's after-work do not count against the next.
            Thread.sleep(GAP.toMillis());
            int reminders = 0;
            for (int r = 0; r < warmups + rounds; r++) {
                List<String> who = members.get(r);
                double[] noop = burst(fake, NOOP, who, callbackAt).latencies;
                Thread.sleep(GAP.toMillis());
                Burst remind = burst(fake, "remind", who, callbackAt);
                reminders += N;
                int expected = reminders;
                // CampOps opens the new members' DM channels ahead once commands are quiet: let it, then pause.
                fake.await(() -> dmOpens.get() >= expected, Duration.ofSeconds(120), () -> "DM channels opened ahead");
                Thread.sleep(GAP.toMillis());
                if (r >= warmups) {
                    measured.add(new Round(r - warmups + 1, noop, remind.latencies, remind.deferred, remind.missing));
                }
            }
        } finally {
            if (minimal != null) {
                minimal.stop(30, "the minimal bot");
            }
            if (campops != null) {
                campops.stop(60, "CampOps");
            }
            Bench.deleteTree(dir);
        }
        String section = section(measured, warmups, loadBefore, Bench.loadAverage());
        System.out.println(section);
        if (md != null) {
            Bench.writeSection(md, SECTION, section);
        }
        System.exit(0);
    }

    record Burst(double[] latencies, int deferred, int missing) {}

    /** {@code command} from each member, evenly spread over {@link #SPREAD}; waits for every callback. */
    static Burst burst(FakeDiscord fake, String command, List<String> members, Map<String, Long> callbackAt) {
        Map<String, Long> sentAt = new LinkedHashMap<>();
        long step = SPREAD.toNanos() / members.size();
        java.time.Instant startedAt = java.time.Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < members.size(); i++) {
            Bench.waitUntil(start + i * step);
            long t = System.nanoTime();
            String id;
            if (command.equals(NOOP)) {
                id = fake.sendSlash(members.get(i), FakeDiscord.GENERAL_CHANNEL, NOOP, null, Map.of());
            } else {
                id = RemindAckBenchmark.sendRemind(fake, members.get(i), "outside burst " + i);
            }
            sentAt.put(id, t);
        }
        try {
            fake.await(() -> callbackAt.keySet().containsAll(sentAt.keySet()), Duration.ofSeconds(60), () -> command);
        } catch (AssertionError e) {
            System.err.println(e.getMessage()); // counted as missing below
        }
        RemindAckBenchmark.Callbacks got = RemindAckBenchmark.Callbacks.of(fake, sentAt, id -> command, callbackAt);
        double[] lat = got.latencies().getOrDefault(command, new double[0]);
        System.err.printf(
                "%s at %s: %s, %d deferred, %d missing%n",
                command, startedAt, stats(lat), got.deferred(), got.missing());
        return new Burst(lat, got.deferred(), got.missing());
    }

    static String stats(double[] ms) {
        return fmt(
                "%.1f / %.1f / %.1f ms",
                Bench.percentile(ms, 50),
                Bench.percentile(ms, 99),
                java.util.Arrays.stream(ms).max().orElse(Double.NaN));
    }

    static String section(List<Round> rounds, int warmups, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append(SECTION).append("\n\n");
        sb.append("Generated by `RemindBurstOutsideBenchmark` on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(".\n\n");
        sb.append("- Command: `mvn -B -q package -DskipTests && ")
                .append(Bench.command(RemindBurstOutsideBenchmark.class))
                .append("`\n");
        sb.append(Bench.machine(loadBefore, loadAfter));
        sb.append("- Programs, each a process of its own, both connected to one fake Discord on 127.0.0.1: CampOps as a"
                + " camp starts it (`./campops run`: the launcher's `-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1` and class data sharing"
                + " archive, a new H2 file database), and `MinimalJdaBot` (JDA's `createLight`, a `ListenerAdapter`"
                + " replying \"ok\" at once; `java -cp …` with Java's defaults), both on "
                + System.getProperty("java.vm.name") + ' ' + System.getProperty("java.runtime.version")
                + "\n");
        sb.append(fmt(
                "- Settings: per round %d `/noop` to the minimal bot within one second, 2 s pause, then %d `/remind set"
                        + " when:\"in 2h\"` to CampOps within one second, from members new to both; %s; latency from"
                        + " just before the fake dispatches INTERACTION_CREATE to the arrival of the callback (the reply,"
                        + " or the deferral after 1.5 s); after each `/remind set` burst the fake waits for CampOps to"
                        + " open the members' DM channels ahead, then 2 s; global limit of 50 requests/s enforced"
                        + " (callbacks are exempt, as on Discord)\n\n",
                N,
                N,
                warmups == 0
                        ? "no warm-up: round 1 is each program's first burst after its start"
                        : warmups + " warm-up rounds before the measured ones"));
        sb.append("| round | minimal JDA bot: p50 / p99 / max | CampOps `/remind set`: p50 / p99 / max | p99 ratio |"
                + " deferred / without callback |\n");
        sb.append("|---|---|---|---|---|\n");
        StringBuilder verdicts = new StringBuilder();
        int met = 0;
        for (Round r : rounds) {
            double a = Bench.percentile(r.noop(), 99);
            double b = Bench.percentile(r.remind(), 99);
            double ratio = b / a;
            boolean ok = ratio <= 2 && r.missing() == 0;
            met += ok ? 1 : 0;
            sb.append(fmt(
                    "| %d | %s | %s | %.2f | %d / %d |\n",
                    r.number(), stats(r.noop()), stats(r.remind()), ratio, r.deferred(), r.missing()));
            verdicts.append(fmt(
                    "- round %d: minimal bot p99 %.1f ms, CampOps p99 %.1f ms: ratio %.2f — **%s**\n",
                    r.number(), a, b, ratio, ok ? "met" : "NOT met"));
        }
        sb.append("\nTarget (issue 19 item 1): in every round, CampOps' `/remind set` p99 at most 2 × the minimal bot's"
                + " p99.\n\n");
        sb.append(verdicts);
        sb.append(fmt(
                "\nEvery round: **%s** (%d of %d).\n", met == rounds.size() ? "met" : "NOT met", met, rounds.size()));
        return sb.toString();
    }
}
