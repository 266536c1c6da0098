package org.campops.qa;

import static org.campops.testing.Bench.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.app.RunningBot;
import org.campops.testing.Bench;
import org.campops.testing.BotHarness;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;

/**
 * Benchmark (not a test; never run by {@code mvn verify}): 50 members each send {@code /ask title:…} within one
 * second to the real bot ({@code BotHarness}: H2 file database, outbox, {@code Dispatcher}, JDA) through the fake
 * Discord (127.0.0.1), and each waits for the reply that links their forum post. Measured at the fake, from just
 * before it dispatches INTERACTION_CREATE: the first acknowledgement (the reply, or the deferral after 1.5 s) and
 * the arrival of the answer that carries the thread's link (the reply itself, or the edit of the deferred reply).
 * Writes the {@value #SECTION} section of BENCHMARKS.md (with {@code BENCH_VARIANT=before} in the environment: the
 * {@value #BEFORE_SECTION} section instead).
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench=org.campops.qa.AskBurstBenchmark}. Arguments:
 * {@code [path-to-BENCHMARKS.md]}; without it the Markdown is only printed.
 */
public final class AskBurstBenchmark {
    static final String SECTION = "## `/ask` burst";
    static final String BEFORE_SECTION = "## `/ask` burst, before issue 19 (forum posts one at a time)";
    static final int N = 50;
    static final int ROUNDS = 3;
    static final Duration SPREAD = Duration.ofSeconds(1);
    /** Quiet time between rounds, after the bot settled (see {@link Bench#betweenPhases}). */
    static final Duration GAP = Duration.ofSeconds(2);

    static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/[^/]+/callback");
    /** The fake's interaction tokens carry the interaction id: {@code aW50ZXJhY3Rpb246<id>:<random>}. */
    static final Pattern ORIGINAL_EDIT =
            Pattern.compile("/webhooks/\\d+/aW50ZXJhY3Rpb246(\\d+):[^/]+/messages/@original");

    static final Pattern LINK = Pattern.compile("https://discord\\.com/channels/\\d+/(\\d+)");
    static final String FORUM_POSTS = "/channels/" + FakeDiscord.QA_FORUM_CHANNEL + "/threads";

    private AskBurstBenchmark() {}

    /** What the fake saw of one interaction: nanoTime of the first callback, its type, and the link's arrival. */
    static final class Seen {
        volatile long ackAt;
        volatile int ackType;
        volatile long linkAt;
        volatile String thread;
        volatile boolean answered;
    }

    /** One measured round. */
    record Round(
            String name,
            double sendMs,
            double[] ackMs,
            double[] linkMs,
            int deferred,
            int withoutLink,
            int unanswered,
            int threads,
            int duplicates,
            int linkedTwice,
            double postsSeconds,
            int mostPostsInOneSecond) {}

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        boolean before = "before".equals(System.getenv("BENCH_VARIANT"));
        String loadBefore = Bench.loadAverage();
        Path dir = Files.createTempDirectory("campops-ask-bench");
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        List<Long> forumPostsAt = new CopyOnWriteArrayList<>();
        List<Round> rounds = new ArrayList<>();
        FakeDiscord fake = FakeDiscord.start();
        RunningBot bot = null;
        try {
            fake.faults().enforceGlobalLimit(50);
            fake.observeRequests(r -> observe(r, seen, forumPostsAt));
            List<String> warmupMembers = Bench.members(fake, 1_190_000_000_000_180_000L, N);
            List<String> members = Bench.members(fake, 1_190_000_000_000_200_000L, N);
            bot = BotHarness.start(fake, BotHarness.fileDb(dir));
            fake.awaitRequest("PUT", ".*/guilds/.*/commands", Duration.ofSeconds(30));
            Random words = new Random(20261205L);
            // Warm-up (not reported): JIT, connections; other members than the measured ones.
            run(fake, "warm-up", warmupMembers, words, seen, forumPostsAt);
            for (int round = 1; round <= ROUNDS; round++) {
                Bench.betweenPhases(bot, GAP);
                rounds.add(run(fake, "round " + round, members, words, seen, forumPostsAt));
            }
        } finally {
            if (bot != null) {
                bot.close();
            }
            fake.close();
            Bench.deleteTree(dir);
        }
        String loadAfter = Bench.loadAverage();
        String md = report(rounds, before, loadBefore, loadAfter);
        System.out.println(md);
        if (out != null) {
            Bench.writeSection(out, before ? BEFORE_SECTION : SECTION, md);
            System.out.println("(written to " + out.toAbsolutePath() + ")");
        }
        System.exit(0);
    }

    /** Notes, on the fake's request thread, the callbacks, the edits of deferred replies and the forum posts. */
    static void observe(RecordedRequest r, Map<String, Seen> seen, List<Long> forumPostsAt) {
        long now = System.nanoTime();
        if (r.method().equals("POST") && r.path().equals(FORUM_POSTS)) {
            forumPostsAt.add(now);
            return;
        }
        Matcher cb = CALLBACK.matcher(r.path());
        Matcher edit = ORIGINAL_EDIT.matcher(r.path());
        Seen s;
        if (cb.matches() && (s = seen.get(cb.group(1))) != null && s.ackAt == 0) {
            JsonNode body = r.jsonBody();
            s.ackType = body.path("type").asInt();
            s.ackAt = now;
            if (s.ackType != 5) {
                s.answered = true;
                linked(s, body.path("data").path("content").asText(), now);
            }
        } else if (r.method().equals("PATCH") && edit.matches() && (s = seen.get(edit.group(1))) != null) {
            s.answered = true;
            linked(s, r.jsonBody().path("content").asText(), now);
        }
    }

    private static void linked(Seen s, String content, long now) {
        Matcher m = LINK.matcher(content);
        if (m.find() && s.linkAt == 0) {
            s.thread = m.group(1);
            s.linkAt = now;
        }
    }

    /** Each member sends {@code /ask} with a title of its own, evenly spread over {@link #SPREAD}; waits for every answer. */
    static Round run(
            FakeDiscord fake,
            String name,
            List<String> members,
            Random words,
            Map<String, Seen> seen,
            List<Long> forumPostsAt)
            throws Exception {
        Map<String, Long> sentAt = new LinkedHashMap<>();
        Map<String, String> titles = new HashMap<>();
        forumPostsAt.clear();
        long step = SPREAD.toNanos() / members.size();
        long start = System.nanoTime();
        for (int i = 0; i < members.size(); i++) {
            Bench.waitUntil(start + i * step);
            // Words of random letters: no question is like another, so none is held back as a draft.
            String title = word(words) + " " + word(words) + " " + word(words);
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("title", title);
            Seen s = new Seen();
            long t = System.nanoTime();
            String id = fake.sendSlash(members.get(i), FakeDiscord.GENERAL_CHANNEL, "ask", null, options);
            seen.put(id, s);
            sentAt.put(id, t);
            titles.put(id, title);
        }
        double sendMs = (System.nanoTime() - start) / 1e6;
        try {
            fake.await(
                    () -> sentAt.keySet().stream().allMatch(id -> seen.get(id).answered),
                    Duration.ofSeconds(60),
                    () -> "answers of " + name);
        } catch (AssertionError e) {
            System.err.println(e.getMessage()); // unanswered ones are reported below
        }
        List<Double> ack = new ArrayList<>();
        List<Double> link = new ArrayList<>();
        int deferred = 0;
        int withoutLink = 0;
        int unanswered = 0;
        int linkedTwice = 0;
        Map<String, Integer> threadUse = new HashMap<>();
        for (Map.Entry<String, Long> e : sentAt.entrySet()) {
            Seen s = seen.get(e.getKey());
            if (s.ackAt != 0) {
                ack.add((s.ackAt - e.getValue()) / 1e6);
                deferred += s.ackType == 5 ? 1 : 0;
            }
            if (!s.answered) {
                unanswered++;
            } else if (s.linkAt == 0) {
                withoutLink++;
            } else {
                link.add((s.linkAt - e.getValue()) / 1e6);
                if (threadUse.merge(s.thread, 1, Integer::sum) > 1) {
                    linkedTwice++;
                }
            }
        }
        // Threads in the forum with this round's titles: one per question, none twice.
        Map<String, Integer> threadsByTitle = new HashMap<>();
        for (JsonNode t : fake.threadsIn(FakeDiscord.QA_FORUM_CHANNEL)) {
            threadsByTitle.merge(t.path("name").asText(), 1, Integer::sum);
        }
        int threads = 0;
        int duplicates = 0;
        for (String title : titles.values()) {
            int n = threadsByTitle.getOrDefault(title, 0);
            threads += n;
            duplicates += Math.max(0, n - 1);
        }
        long[] posts = forumPostsAt.stream().mapToLong(Long::longValue).sorted().toArray();
        double postsSeconds = posts.length < 2 ? 0 : (posts[posts.length - 1] - posts[0]) / 1e9;
        int most = 0;
        for (int i = 0, j = 0; i < posts.length; i++) {
            while (posts[i] - posts[j] >= 1_000_000_000L) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        Round r = new Round(
                name,
                sendMs,
                ack.stream().mapToDouble(Double::doubleValue).toArray(),
                link.stream().mapToDouble(Double::doubleValue).toArray(),
                deferred,
                withoutLink,
                unanswered,
                threads,
                duplicates,
                linkedTwice,
                postsSeconds,
                most);
        System.err.printf(
                "%s: sent in %.0f ms; ack %s; link %s; %d deferred, %d without link, %d unanswered, %d threads%n",
                name, sendMs, stats(r.ackMs()), stats(r.linkMs()), deferred, withoutLink, unanswered, threads);
        return r;
    }

    private static String word(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    static String stats(double[] ms) {
        return fmt(
                "%.0f / %.0f / %.0f ms", Bench.percentile(ms, 50), Bench.percentile(ms, 99), Bench.percentile(ms, 100));
    }

    static long within(double[] ms, double limit) {
        return Arrays.stream(ms).filter(v -> v <= limit).count();
    }

    static String report(List<Round> rounds, boolean before, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append(before ? BEFORE_SECTION : SECTION).append("\n\n");
        md.append(fmt(
                "%d members each send `/ask title:…` (a title of three random words: nothing similar, so every question"
                        + " is posted) within one second to the real bot (`BotHarness`: H2 file database with"
                        + " `WRITE_DELAY=0`, outbox, `Dispatcher`, JDA) through the fake Discord on 127.0.0.1; each"
                        + " waits for the answer that links its forum post. Generated by `AskBurstBenchmark` on %s%s.%n%n",
                N, LocalDate.now(ZoneOffset.UTC), before ? ", on the code before the change" : ""));
        md.append("- Command: `")
                .append(before ? "BENCH_VARIANT=before " : "")
                .append(Bench.command(AskBurstBenchmark.class))
                .append("`\n");
        md.append(Bench.machine(loadBefore, loadAfter));
        md.append(Bench.java());
        md.append(fmt(
                "- Settings: %d interactions per round evenly spread over %d ms, %d rounds after a warm-up round of"
                        + " other members; latency from just before the fake dispatches INTERACTION_CREATE to the arrival"
                        + " at the fake of the first acknowledgement (`ack`: the reply, or the deferral after 1.5 s) and"
                        + " of the answer with the thread's link (`link`: the reply itself, or the edit of the deferred"
                        + " reply); the bot waits up to 2.5 s for the post, then answers \"saved, it will appear"
                        + " shortly\" without a link; fake Discord enforcing the global limit of 50 requests/s and route"
                        + " buckets of 50 per second; dispatcher defaults (8 sender threads, 45 requests/s); 2 s pause"
                        + " between rounds%n%n",
                N, SPREAD.toMillis(), ROUNDS));
        md.append("| round | ack p50 / p99 / max | link p50 / p99 / max | link within 1 s / 3 s | deferred"
                + " | answered without link / not at all | forum posts: first to last, most in one second"
                + " | threads / duplicates / a link given twice |\n|---|---|---|---|---|---|---|---|\n");
        for (Round r : rounds) {
            md.append(fmt(
                    "| %s | %s | %s | %d / %d of %d | %d | %d / %d | %.2f s, %d | %d / %d / %d |%n",
                    r.name(),
                    stats(r.ackMs()),
                    stats(r.linkMs()),
                    within(r.linkMs(), 1000),
                    within(r.linkMs(), 3000),
                    N,
                    r.deferred(),
                    r.withoutLink(),
                    r.unanswered(),
                    r.postsSeconds(),
                    r.mostPostsInOneSecond(),
                    r.threads(),
                    r.duplicates(),
                    r.linkedTwice()));
        }
        StringBuilder verdict = new StringBuilder();
        for (Round r : rounds) {
            long in3 = within(r.linkMs(), 3000);
            verdict.append(fmt(
                    "- %s: all %d answered with their link within 3 s — **%s** (%d); one thread per question — **%s**%n",
                    r.name(),
                    N,
                    in3 == N ? "met" : "NOT met",
                    in3,
                    r.threads() == N && r.duplicates() == 0 && r.linkedTwice() == 0 ? "yes" : "NO"));
        }
        md.append("\nTarget (issue 19): 50 `/ask` in one second all answered with their link within 3 s.\n\n")
                .append(verdict);
        return md.toString();
    }
}
