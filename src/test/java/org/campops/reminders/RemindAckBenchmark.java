package org.campops.reminders;

import static org.campops.testing.Bench.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.campops.app.RunningBot;
import org.campops.testing.Bench;
import org.campops.testing.BotHarness;
import org.campops.testing.JvmWatch;
import org.campops.testing.fakediscord.FakeDiscord;

/**
 * Benchmark (not a test; never run by {@code mvn verify}): how long members wait for the acknowledgement of
 * {@code /remind set} when 300 of them set a reminder within one second, compared with a plain JDA
 * {@link ListenerAdapter} that replies at once, connected to the same fake Discord (127.0.0.1) in the same
 * process. The latency is measured at the fake: from just before it dispatches INTERACTION_CREATE to the
 * arrival of the interaction callback. Writes the {@value #SECTION} section of BENCHMARKS.md.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench=org.campops.reminders.RemindAckBenchmark}.
 * Arguments: {@code [path-to-BENCHMARKS.md]}; without it the Markdown is only printed.
 */
public final class RemindAckBenchmark {
    static final String SECTION = "## `/remind set` acknowledgement latency";
    static final int N = Integer.getInteger("bench.interactions", 300);
    static final int WARMUP = 300;
    /** Warm-up rounds at least; then more until the JIT is quiet, at most {@link #WARMUP_MAX}. */
    static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmups", 2);

    static final int WARMUP_MAX = Integer.getInteger("bench.warmups.max", 15);
    /**
     * A warm-up `/remind set` phase with less JIT compiler time than this ends the warm-up: the bot is as warm as one
     * that has run for a day. With 2 or 4 fixed rounds the compilers still worked 0.4-0.9 s in each measured
     * `/remind set` phase (methods called once per command reach C2's thresholds only after thousands of commands),
     * and a bot running a camp is measured cold nowhere but in a benchmark.
     */
    static final Duration JIT_QUIET = Duration.ofMillis(Integer.getInteger("bench.jitQuietMs", 150));
    /** The alone phases are repeated, alternating, so a busy moment of the shared machine does not hit one kind only. */
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);

    static final Duration SPREAD = Duration.ofSeconds(1);
    /** Quiet time between phases, after the bot settled (see {@link Bench#betweenPhases}). */
    static final Duration GAP = Duration.ofSeconds(2);

    static final String NOOP = "noop";
    static final String NOOP_TOKEN = "noop-client-token";
    static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/[^/]+/callback");

    private RemindAckBenchmark() {}

    /** One measured phase: latencies in ms per kind of interaction. */
    record Phase(String name, Map<String, double[]> latencies, int deferred, int missing, String jvm, long jitMillis) {}

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        String loadBefore = Bench.loadAverage();
        Path dir = Files.createTempDirectory("campops-ack-bench");
        Map<String, Long> callbackAt = new ConcurrentHashMap<>();
        List<Phase> phases = new ArrayList<>();
        List<Long> warmupJit = new ArrayList<>();
        // Any token: the bot logs in with the default one, the no-op client with its own.
        FakeDiscord fake = FakeDiscord.start(null);
        RunningBot bot = null;
        JDA noop = null;
        try {
            fake.faults().enforceGlobalLimit(50);
            fake.observeRequests(r -> {
                Matcher m = CALLBACK.matcher(r.path());
                if (m.matches()) {
                    callbackAt.putIfAbsent(m.group(1), System.nanoTime());
                }
            });
            // /noop goes to the no-op client only, every other command to the bot only.
            fake.routeInteractions((token, interaction) ->
                    NOOP.equals(interaction.path("data").path("name").asText()) == NOOP_TOKEN.equals(token));
            // Every round has members new to the bot, so every round measures the same: a member's first reminder
            // (their DM channel wished for). With one set of members, round 1 measured that and rounds 2 and 3
            // members who already had a reminder and a DM channel.
            List<List<String>> warmupMembers = new ArrayList<>();
            for (int w = 0; w < WARMUP_MAX; w++) {
                warmupMembers.add(Bench.members(fake, 1_190_000_000_000_200_000L + w * 1000L, WARMUP));
            }
            List<List<String>> roundMembers = new ArrayList<>();
            for (int r = 0; r <= REPEATS; r++) { // the last: the interleaved phase
                roundMembers.add(Bench.members(fake, 1_190_000_000_000_100_000L + r * 1000L, N));
            }
            bot = BotHarness.start(fake, BotHarness.fileDb(dir));
            noop = fake.configure(JDABuilder.createLight(NOOP_TOKEN, EnumSet.noneOf(GatewayIntent.class)))
                    .addEventListeners(new ListenerAdapter() {
                        @Override
                        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                            event.reply("ok").setEphemeral(true).queue();
                        }
                    })
                    .build();
            noop.awaitReady();
            fake.awaitRequest("PUT", ".*/guilds/.*/commands", Duration.ofSeconds(30));

            // Warm-up (not reported): JIT, connections, both clients; other members than the measured ones. At least
            // WARMUP_ROUNDS rounds, then until a /remind set round leaves the JIT compilers quiet.
            for (int w = 0; w < WARMUP_MAX; w++) {
                settle(bot);
                run(fake, bot, "warm-up", warmupMembers.get(w), false, true, SPREAD, callbackAt);
                settle(bot);
                Phase p = run(fake, bot, "warm-up", warmupMembers.get(w), true, false, SPREAD, callbackAt);
                warmupJit.add(p.jitMillis());
                if (w + 1 >= WARMUP_ROUNDS && p.jitMillis() < JIT_QUIET.toMillis()) {
                    break;
                }
            }
            for (int rep = 1; rep <= REPEATS; rep++) {
                List<String> members = roundMembers.get(rep - 1);
                settle(bot);
                phases.add(run(fake, bot, "no-op alone, " + rep, members, false, true, SPREAD, callbackAt));
                settle(bot);
                phases.add(run(fake, bot, "`/remind set` alone, " + rep, members, true, false, SPREAD, callbackAt));
            }
            settle(bot);
            phases.add(run(fake, bot, "both interleaved", roundMembers.get(REPEATS), true, true, SPREAD, callbackAt));
        } finally {
            if (noop != null) {
                noop.shutdownNow();
            }
            if (bot != null) {
                bot.close();
            }
            fake.close();
            Bench.deleteTree(dir);
        }
        String loadAfter = Bench.loadAverage();
        String md = report(phases, warmupJit, loadBefore, loadAfter);
        System.out.println(md);
        if (out != null) {
            Bench.writeSection(out, SECTION, md);
            System.out.println("(written to " + out.toAbsolutePath() + ")");
        }
        System.exit(0);
    }

    /**
     * Before a phase: the bot settles ({@link Bench#betweenPhases}: triggers planned, outbox drained, DM channels
     * opened), then the garbage of that background work is collected, then the quiet gap. Without the collection a
     * young collection (12-35 ms on this machine) caused by the previous phase's planning and DM openings fell into
     * whichever phase came next, mostly the allocation-heavier /remind set ones.
     */
    static void settle(RunningBot bot) throws InterruptedException {
        Bench.betweenPhases(bot, Duration.ZERO);
        System.gc();
        Thread.sleep(GAP.toMillis());
    }

    /**
     * Sends {@code /remind set} from each member and/or {@code /noop}, evenly spread over {@code spread}
     * (interleaved when both), then waits for every callback.
     */
    static Phase run(
            FakeDiscord fake,
            RunningBot bot,
            String name,
            List<String> members,
            boolean remind,
            boolean noop,
            Duration spread,
            Map<String, Long> callbackAt)
            throws Exception {
        List<String[]> plan = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (remind) {
                plan.add(new String[] {"remind", members.get(i)});
            }
            if (noop) {
                plan.add(new String[] {NOOP, members.get(i)});
            }
        }
        Map<String, String> kindOf = new LinkedHashMap<>();
        Map<String, Long> sentAt = new LinkedHashMap<>();
        long step = spread.toNanos() / plan.size();
        java.time.Instant startedAt = java.time.Instant.now();
        JvmWatch.Snapshot before = JvmWatch.snapshot();
        long start = System.nanoTime();
        for (int i = 0; i < plan.size(); i++) {
            Bench.waitUntil(start + i * step);
            String kind = plan.get(i)[0];
            String member = plan.get(i)[1];
            long t = System.nanoTime();
            String id;
            if (kind.equals(NOOP)) {
                id = fake.sendSlash(member, FakeDiscord.GENERAL_CHANNEL, NOOP, null, Map.of());
            } else {
                id = sendRemind(fake, member, "bench ack " + i);
            }
            sentAt.put(id, t);
            kindOf.put(id, kind);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        try {
            // The fake records each callback after its request hook saw it: wait on the fake's record.
            fake.await(
                    () -> callbackAt.keySet().containsAll(sentAt.keySet()),
                    Duration.ofSeconds(60),
                    () -> "callbacks of " + name);
        } catch (AssertionError e) {
            System.err.println(e.getMessage()); // missing callbacks are reported below
        }
        JvmWatch.Snapshot after = JvmWatch.snapshot();
        String jvm = after.since(before);
        System.err.println("  JVM until the last callback: " + jvm + "; load " + Bench.loadAverage());
        System.err.println("  thread CPU: " + after.busiestThreadsSince(before, 8));
        System.err.println("  slowest (kind@sent offset=latency): " + slowest(sentAt, kindOf, callbackAt, start, 8));
        bot.app().moments().awaitPlanned(Duration.ofSeconds(30));
        Callbacks got = Callbacks.of(fake, sentAt, kindOf::get, callbackAt);
        Map<String, double[]> lat = got.latencies();
        int deferred = got.deferred();
        int missing = got.missing();
        System.err.printf(
                "%s: %d interactions sent in %.3f s from %s, %d missing, %d deferred%n",
                name, plan.size(), sendSeconds, startedAt, missing, deferred);
        lat.forEach((k, v) -> System.err.printf("  %s: %s%n", k, stats(v)));
        return new Phase(name, lat, deferred, missing, jvm, after.jitMillis() - before.jitMillis());
    }

    /** Latencies (ms) per kind of the interactions sent, and how many were deferred or got no callback. */
    record Callbacks(Map<String, double[]> latencies, int deferred, int missing) {
        static Callbacks of(
                FakeDiscord fake,
                Map<String, Long> sentAt,
                java.util.function.Function<String, String> kindOf,
                Map<String, Long> callbackAt) {
            Map<String, List<Double>> byKind = new LinkedHashMap<>();
            int deferred = 0;
            int missing = 0;
            for (Map.Entry<String, Long> e : sentAt.entrySet()) {
                Long cb = callbackAt.get(e.getKey());
                if (cb == null) {
                    missing++;
                    continue;
                }
                byKind.computeIfAbsent(kindOf.apply(e.getKey()), k -> new ArrayList<>())
                        .add((cb - e.getValue()) / 1e6);
                JsonNode body = fake.callbackFor(e.getKey(), Duration.ofSeconds(5));
                if (body.path("type").asInt() == 5) {
                    deferred++;
                }
            }
            Map<String, double[]> lat = new LinkedHashMap<>();
            byKind.forEach((k, v) ->
                    lat.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            return new Callbacks(lat, deferred, missing);
        }
    }

    /** {@code /remind set when:"in 2h" text:<text>} from {@code member} in the general channel; the interaction's id. */
    static String sendRemind(FakeDiscord fake, String member, String text) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("when", "in 2h");
        options.put("text", text);
        return fake.sendSlash(member, FakeDiscord.GENERAL_CHANNEL, "remind", "set", options);
    }

    /** The slowest acknowledgements: when in the phase they were sent and how long they took (a pause shows as a cluster). */
    static String slowest(
            Map<String, Long> sentAt, Map<String, String> kindOf, Map<String, Long> callbackAt, long start, int n) {
        List<long[]> all = new ArrayList<>();
        for (Map.Entry<String, Long> e : sentAt.entrySet()) {
            Long cb = callbackAt.get(e.getKey());
            if (cb != null) {
                long kind = kindOf.get(e.getKey()).equals(NOOP) ? 0 : 1;
                all.add(new long[] {(e.getValue() - start) / 1_000_000, (cb - e.getValue()) / 1_000_000, kind});
            }
        }
        all.sort((a, b) -> Long.compare(b[1], a[1]));
        StringBuilder sb = new StringBuilder();
        for (long[] x : all.subList(0, Math.min(n, all.size()))) {
            sb.append(fmt("%s@%d=%d ms ", x[2] == 0 ? "no-op" : "remind", x[0], x[1]));
        }
        return sb.toString().strip();
    }

    static String label(String kind) {
        return kind.equals(NOOP) ? "no-op `ListenerAdapter`" : "`/remind set`";
    }

    /** Every latency of {@code kind} in the alone phases (or all phases). */
    static double[] pooled(List<Phase> phases, String kind, boolean aloneOnly) {
        return phases.stream()
                .filter(p -> !aloneOnly || p.latencies().size() == 1)
                .map(p -> p.latencies().get(kind))
                .filter(java.util.Objects::nonNull)
                .flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }

    static String stats(double[] ms) {
        return fmt(
                "%.1f / %.1f / %.1f / %.1f ms (%.1f ms)",
                Bench.percentile(ms, 50),
                Bench.percentile(ms, 95),
                Bench.percentile(ms, 99),
                Bench.percentile(ms, 100),
                java.util.Arrays.stream(ms).average().orElse(0));
    }

    static String report(List<Phase> phases, List<Long> warmupJit, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append("300 members each send `/remind set when:\"in 2h\" text:…` within one second to the real bot"
                        + " (`BotHarness`: H2 file database with `WRITE_DELAY=0`, Quartz planning on the planner thread), and the same"
                        + " through a second JDA client whose `ListenerAdapter` replies at once (`/noop`), connected to the same"
                        + " fake Discord in the same process. Generated by `RemindAckBenchmark` on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(".\n\n");
        md.append("- Command: `")
                .append(Bench.command(RemindAckBenchmark.class))
                .append("`\n");
        md.append(Bench.machine(loadBefore, loadAfter));
        md.append(Bench.java());
        md.append(fmt(
                "- Settings: %d interactions per kind, evenly spread over %d ms (interleaved in the last phase:"
                        + " %d of each within the same second); latency = from just before the fake dispatches INTERACTION_CREATE"
                        + " to the arrival of `POST /interactions/{id}/{token}/callback` at the fake (the acknowledgement: the"
                        + " reply itself, or the deferral if the bot took over 1.5 s); warm-up: %d rounds of %d interactions of"
                        + " each kind (one second of each alone), at least %d and then until a `/remind set` round's JIT"
                        + " compiler time was under %d ms (at most %d rounds; JIT per warm-up `/remind set` round: %s); %d rounds of a no-op phase and a `/remind set` phase, then the"
                        + " interleaved phase; every round (warm-up, measured, interleaved) with %d members new to the bot, so each"
                        + " measures a member's first reminder; before each phase the bot settles (triggers planned, outbox"
                        + " drained, DM channels opened ahead), the garbage is collected (`System.gc()`), then 2 s pause; global"
                        + " limit of 50 requests/s enforced (interaction callbacks are exempt, as on Discord)\n\n",
                N,
                SPREAD.toMillis(),
                N,
                warmupJit.size(),
                WARMUP,
                WARMUP_ROUNDS,
                JIT_QUIET.toMillis(),
                WARMUP_MAX,
                warmupJit.stream()
                        .map(ms -> fmt("%.2f s", ms / 1e3))
                        .collect(java.util.stream.Collectors.joining(", ")),
                REPEATS,
                N));
        md.append(
                "| phase | interactions | acknowledgement latency: p50 / p95 / p99 / max (mean) | the JVM from the first"
                        + " interaction to the last callback |\n|---|---|---|---|\n");
        for (Phase p : phases) {
            for (Map.Entry<String, double[]> e : p.latencies().entrySet()) {
                md.append("| ")
                        .append(p.name())
                        .append(" | ")
                        .append(e.getValue().length)
                        .append(' ')
                        .append(label(e.getKey()))
                        .append(" | ")
                        .append(stats(e.getValue()))
                        .append(" | ")
                        .append(p.jvm())
                        .append(" |\n");
            }
        }
        double[] noopAlone = pooled(phases, NOOP, true);
        double[] remindAlone = pooled(phases, "remind", true);
        md.append("| **all alone phases together** | ")
                .append(noopAlone.length)
                .append(' ')
                .append(label(NOOP))
                .append(" | ")
                .append(stats(noopAlone))
                .append(" | |\n");
        md.append("| **all alone phases together** | ")
                .append(remindAlone.length)
                .append(' ')
                .append(label("remind"))
                .append(" | ")
                .append(stats(remindAlone))
                .append(" | |\n");
        int deferred = phases.stream().mapToInt(Phase::deferred).sum();
        int missing = phases.stream().mapToInt(Phase::missing).sum();
        md.append(fmt(
                "%nDeferred acknowledgements (the bot needed more than 1.5 s): %d; interactions without any"
                        + " callback: %d.%n%n",
                deferred, missing));
        double noopP99 = Bench.percentile(noopAlone, 99);
        double remindP99 = Bench.percentile(remindAlone, 99);
        Phase mixed = phases.get(phases.size() - 1);
        double mixedNoopP99 = Bench.percentile(mixed.latencies().get(NOOP), 99);
        double mixedRemindP99 = Bench.percentile(mixed.latencies().get("remind"), 99);
        md.append("Target (issue 19): in every round (a no-op phase and the `/remind set` phase after it), the"
                + " `/remind set` p99 at most 2 × the no-op p99:\n\n");
        int met = 0;
        int rounds = 0;
        for (int i = 0; i + 1 < phases.size() - 1; i += 2) {
            rounds++;
            double n = Bench.percentile(phases.get(i).latencies().get(NOOP), 99);
            double r = Bench.percentile(phases.get(i + 1).latencies().get("remind"), 99);
            met += r <= 2 * n ? 1 : 0;
            md.append(fmt(
                    "- round %d: no-op p99 %.1f ms, `/remind set` p99 %.1f ms: ratio %.2f — **%s**%n",
                    rounds, n, r, r / n, r <= 2 * n ? "met" : "NOT met"));
        }
        md.append(fmt(
                "- interleaved (%d of each in the same second): no-op p99 %.1f ms, `/remind set` p99 %.1f ms: ratio %.2f"
                        + " — **%s**%n",
                N,
                mixedNoopP99,
                mixedRemindP99,
                mixedRemindP99 / mixedNoopP99,
                mixedRemindP99 <= 2 * mixedNoopP99 ? "met" : "NOT met"));
        md.append(fmt(
                "%nEvery round: **%s** (%d of %d). All alone phases together: %.1f ms vs %.1f ms, ratio %.2f.%n",
                met == rounds ? "met" : "NOT met", met, rounds, remindP99, noopP99, remindP99 / noopP99));
        return md.toString();
    }
}
