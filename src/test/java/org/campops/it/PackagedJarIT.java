package org.campops.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, tried the way the README tells a newcomer to use it. */
class PackagedJarIT {
    private static final Path JAR = Path.of("target/campops.jar");
    /**
     * A deadline for what includes starting the jar (a JVM, the database, the migrations): seconds on an idle machine,
     * far longer on a loaded one. Not a wait: each use waits for an event.
     */
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private ProcessBuilder campops(String... args) {
        // C1 only, the serial collector and the drills' class data sharing archive (ChildJvm): these runs are short,
        // as a user's console session (the jar behaves the same either way), and several run at once on two cores.
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(ChildJvm.options());
        cmd.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISCORD_TOKEN");
        pb.environment()
                .put(
                        "CAMPOPS_DB_URL",
                        "jdbc:h2:file:" + dir.resolve("db/campops").toAbsolutePath());
        return pb;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void consoleReadsAScriptAndPrintsRepliesAndScheduledPosts() throws Exception {
        Process p = campops("console", "--as", "mentor")
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        Output output = new Output(p.getInputStream());
        try (Writer script = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            script.write(String.join(
                    "\n",
                    "/help",
                    "/remind set when:\"in 2s\" text:\"물 마시기\"",
                    "/remind set when:\"sometime\" text:x",
                    "/wait 0s",
                    ""));
            script.flush();
            // The console reads the script as it comes and ends with it: keep it open until the reminder, posted
            // by itself 2 s later, has appeared (instead of a "/wait" long enough on a fast machine).
            output.await("[DM → console-user] ⏰ 리마인더: 물 마시기", START);
        }
        assertThat(p.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String out = output.all(Duration.ofSeconds(30));
        assertThat(p.exitValue())
                .as(out + Files.readString(dir.resolve("err.txt")))
                .isZero();
        assertThat(out)
                .contains("/remind set when:<when> text:<text>")
                .contains("#1 번 리마인더를")
                .contains("'sometime' 을(를) 시간으로 읽지 못했어요")
                .contains("[DM → console-user] ⏰ 리마인더: 물 마시기");
    }

    /** Runs the console on a script; returns standard output, with standard error checked for stack traces. */
    private String console(String name, String... lines) throws Exception {
        Path script = dir.resolve(name + ".txt");
        Files.writeString(script, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path err = dir.resolve(name + ".err");
        Process p = campops("console", "--as", "organizer", "--lang", "en")
                .redirectInput(script.toFile())
                .redirectError(err.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err);
        assertThat(p.exitValue()).as(out + errors).isZero();
        assertThat(errors).doesNotContain("Exception").doesNotContain("\tat ");
        return out;
    }

    @Test
    void hostileLinesNeverEndTheConsole() throws Exception {
        String out = console(
                "hostile",
                "/help <t:99999999999999999999:F>",
                "/remind set when:\"in 1h\" text:\"due <t:99999999999999999999:F>\"",
                "/remind list",
                "/wait -1m",
                "/wait 99999999h",
                "/press qa:resolve",
                "/press oh:rsvp",
                "/submit qa:ask title:x",
                "/ask title:\"\u200b\u2060\"",
                "/help");
        assertThat(out)
                .contains("due <t:99999999999999999999:F>")
                .contains("/wait takes a time from 1s to 1h")
                .contains("This button or form is not valid any more")
                .contains("The question title is empty")
                .contains("/officehours schedule title:<title>");
    }

    @Test
    void twoConsoleRunsOnOneDatabaseBothPost() throws Exception {
        assertThat(console("first", "/ask title:\"CUDA out of memory on a T4\""))
                .contains("Your question #1 is posted");
        String second = console("second", "/ask title:\"How do I read the COCO mAP table?\"", "/qa unanswered");
        assertThat(second)
                .contains("Your question #2 is posted")
                .contains("#1 🔴 CUDA out of memory on a T4")
                .contains("#2 🔴 How do I read the COCO mAP table?");
    }

    @Test
    void exportWritesTheAnsweredQuestionsAsAnFaq() throws Exception {
        Path script = dir.resolve("qa.txt");
        Files.writeString(
                script,
                String.join(
                        "\n",
                        "/ask title:\"Faster R-CNN CUDA out of memory\" topic:\"Object Detection\"",
                        "/ask title:\"아직 답이 없는 질문\"",
                        "/as mentor",
                        "/press qa:resolve:1",
                        ""),
                StandardCharsets.UTF_8);
        Process console = campops("console")
                .redirectInput(script.toFile())
                .redirectErrorStream(true)
                .start();
        console.getInputStream().readAllBytes();
        assertThat(console.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Process md = campops("export", "qa", "--format", "md")
                .redirectErrorStream(true)
                .start();
        String faq = new String(md.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(md.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(md.exitValue()).as(faq).isZero();
        assertThat(faq)
                .contains("FAQ")
                .contains("## Object Detection")
                .contains("Faster R-CNN CUDA out of memory")
                .doesNotContain("아직 답이 없는 질문");
        Process csv = campops(
                        "export",
                        "qa",
                        "--format",
                        "csv",
                        "--output",
                        dir.resolve("qa.csv").toString())
                .start();
        csv.getInputStream().readAllBytes();
        assertThat(csv.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("qa.csv")))
                .startsWith("id,topic,title")
                .contains("Faster R-CNN");
        Process bad = campops("export", "qa", "--format", "pdf")
                .redirectErrorStream(true)
                .start();
        assertThat(new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("md or csv");
        assertThat(bad.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isNotZero();
    }

    @Test
    void exportReportWritesTheWeeksCsvMarkdownAndChartsIntoTheFolder() throws Exception {
        Path script = dir.resolve("report.txt");
        Files.writeString(
                script,
                String.join("\n", "/ask title:\"Faster R-CNN CUDA out of memory\" topic:\"Object Detection\"", ""),
                StandardCharsets.UTF_8);
        run(campops("console").redirectInput(script.toFile()), 0);
        String week = org.campops.report.ReportWeek.of(java.time.Instant.now(), java.time.ZoneId.of("Asia/Seoul"))
                .toString();
        Path out = dir.resolve("report");
        String csvRun =
                run(campops("export", "report", "--week", week, "--format", "csv", "--output", out.toString()), 0);
        assertThat(csvRun).contains("Wrote").contains("report-" + week + ".csv");
        assertThat(Files.readString(out.resolve("report-" + week + ".csv")))
                .startsWith("section,week,day,name,measure,value")
                .contains("qa," + week + ",,,questions_total,1");
        String pngRun =
                run(campops("export", "report", "--week", week, "--format", "png", "--output", out.toString()), 0);
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            List<String> pngs = files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.endsWith(".csv") && !n.endsWith(".md"))
                    .toList();
            assertThat(pngs).allSatisfy(n -> assertThat(n).endsWith(".png"));
            assertThat(pngRun.lines().filter(l -> l.startsWith("Wrote"))).hasSize(pngs.size());
        }
        // The Markdown and a week it cannot read: ReportFiguresTest (in process, as the command calls it).
    }

    private String run(ProcessBuilder pb, int expectedExit) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(expectedExit);
        return out;
    }

    @Test
    void aBrokenProgramFileIsRefusedLineByLineAndARosterIsImportedWholeOrNotAtAll() throws Exception {
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        Files.copy(Path.of("config/campops.yaml"), conf.resolve("campops.yaml"));
        Files.writeString(
                conf.resolve("program.yaml"),
                String.join(
                        "\n",
                        "stages:",
                        "  - name: CV",
                        "    start: 2026-11-02",
                        "    end: 2026-10-30",
                        "competitions:",
                        "  - id: trash",
                        "    name: Trash",
                        "    start: 2026-11-16",
                        "    end: 2026-12-04",
                        "    discussion: nowhere",
                        ""),
                StandardCharsets.UTF_8);
        String bad = run(
                campops("check-config", "--config", conf.resolve("campops.yaml").toString()), 2);
        assertThat(bad)
                .contains("program.yaml line 4: stages[0].end:")
                .contains("program.yaml line 10: competitions[0].discussion:" + " unknown channel 'nowhere'");
        assertThat(run(campops("check-config"), 0)).contains("Program: 3 stages, 3 competitions");

        Path roster = dir.resolve("roster.csv");
        Files.writeString(
                roster,
                "team,member,role\nCV-01,kim,mentor\nCV-01,minji,camper\nCV-01,jisoo,campr\n",
                StandardCharsets.UTF_8);
        assertThat(run(campops("import", "roster", roster.toString()), 2))
                .contains("line 4: role 'campr'")
                .contains("nothing changed");
        Files.writeString(
                roster,
                "team,member,role\nCV-01,kim,mentor\nCV-01,minji,camper\nCV-01,jisoo,camper\n",
                StandardCharsets.UTF_8);
        assertThat(run(campops("import", "roster", roster.toString()), 0)).contains("1 new teams, 2 campers added");
        String script = String.join(
                "\n",
                "/as mentor kim",
                "/mentoring set team:CV-01 day:wed time:20:00 link:https://zoom.us/j/4242",
                "/as camper minji",
                "/mentoring next",
                "/team list",
                "");
        Path in = dir.resolve("mentoring.txt");
        Files.writeString(in, script, StandardCharsets.UTF_8);
        String console = run(campops("console", "--lang", "en").redirectInput(in.toFile()), 0);
        assertThat(console)
                .contains("[new private channel")
                .contains("Weekly mentoring for **CV-01**")
                .contains("https://zoom.us/j/4242")
                .contains("CV-01");
        String csv = run(campops("export", "mentoring", "--format", "csv"), 0);
        assertThat(csv).startsWith("team,mentor_id,date").contains("CV-01,kim,").doesNotContain("zoom.us");
        assertThat(run(campops("export", "duties", "--format", "md"), 0))
                .contains("mentors' duties")
                .contains("kim");
    }

    @Test
    void checkConfigListsEveryProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "camp:\n  zone: Nowhere/City\ndiscord:\n  guildId: x\n");
        Process p = campops("check-config", "--config", bad.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out)
                .contains("camp.name")
                .contains("camp.zone")
                .contains("discord.guildId")
                .contains("discord.roles");
        Process ok = campops("check-config").redirectErrorStream(true).start();
        ok.getInputStream().readAllBytes();
        assertThat(ok.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).isZero();
    }

    @Test
    void runConnectsToADiscordCompatibleServerOnLoopback() throws Exception {
        try (FakeDiscord fake = FakeDiscord.start()) {
            // The example config for the fake's server, listening on any free loopback port (8080 may be taken on a
            // shared machine); the management listener on a free port written into the config, so the healthcheck
            // finds it as Docker's does.
            int managementPort;
            try (java.net.ServerSocket free =
                    new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                managementPort = free.getLocalPort();
            }
            Path config = dir.resolve("campops.yaml");
            String example = Files.readString(Path.of("config/campops.yaml"));
            assertThat(example).contains("managementHost: 127.0.0.1").contains("managementPort: 8081");
            Files.writeString(
                    config,
                    example.replace("guildId: \"100000000000000001\"", "guildId: \"" + FakeDiscord.GUILD_ID + "\"")
                            .replace("host: 0.0.0.0", "host: 127.0.0.1")
                            .replace("  port: 8080", "  port: 0")
                            .replace("managementPort: 8081", "managementPort: " + managementPort));
            Files.copy(Path.of("config/program.yaml"), dir.resolve("program.yaml"));
            ProcessBuilder pb = campops("run", "--config", config.toString());
            pb.environment().put("DISCORD_TOKEN", FakeDiscord.DEFAULT_TOKEN);
            pb.environment().put("DISCORD_API_URL", fake.restBaseUrl());
            pb.environment().put("DISCORD_GATEWAY_URL", fake.gatewayUrl());
            File log = dir.resolve("run.log").toFile();
            Process p = pb.redirectErrorStream(true).redirectOutput(log).start();
            try {
                fake.awaitReady(START);
                fake.awaitRequest("PUT", ".*/guilds/.*/commands", Duration.ofSeconds(30));
                String id = fake.sendSlash(
                        FakeDiscord.CAMPER_ID, "en-US", FakeDiscord.GENERAL_CHANNEL, "help", null, Map.of());
                JsonNode reply = fake.callbackFor(id, Duration.ofSeconds(15));
                assertThat(reply.path("data").path("content").asText()).contains("/remind set");
                assertThat(Files.readString(log.toPath())).doesNotContain(FakeDiscord.DEFAULT_TOKEN);
                java.util.regex.Pattern listening = java.util.regex.Pattern.compile(
                        "HTTP server listening on 127.0.0.1:(\\d+) \\(calendar feeds\\); management on 127.0.0.1:(\\d+)");
                org.campops.testing.Await.until(
                        () -> {
                            try {
                                return listening
                                        .matcher(Files.readString(log.toPath()))
                                        .find();
                            } catch (IOException e) {
                                return false;
                            }
                        },
                        Duration.ofSeconds(30),
                        () -> "the HTTP server's ports in the log",
                        100);
                java.util.regex.Matcher ports = listening.matcher(Files.readString(log.toPath()));
                assertThat(ports.find()).isTrue();
                assertThat(Integer.parseInt(ports.group(2))).isEqualTo(managementPort);
                // The Dockerfile's HEALTHCHECK: the jar reads the config and asks the management listener's /health.
                Process check = campops("healthcheck", "--config", config.toString())
                        .redirectErrorStream(true)
                        .start();
                String answer = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(check.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(check.exitValue()).as(answer).isZero();
                assertThat(answer).startsWith("200 ").contains("\"discord\":\"CONNECTED\"");
                // The public listener has no /health: the same empty 404 as any unknown path.
                java.net.http.HttpResponse<String> onPublic = java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create("http://127.0.0.1:" + ports.group(1) + "/health"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(onPublic.statusCode()).isEqualTo(404);
                assertThat(onPublic.body()).isEmpty();
            } finally {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** What a process writes, read line by line as it comes, so a test can wait for a line. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        Output(InputStream in) {
            Thread reader = new Thread(() -> read(in), "process-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read stays
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        /** Waits for a line containing {@code text}. */
        synchronized void await(String text, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (lines.stream().noneMatch(l -> l.contains(text))) {
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError(
                            "no line with '" + text + "' " + (ended ? "before the output ended" : "within " + wait)
                                    + ":\n" + String.join("\n", lines));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Everything, once the process closed its output. */
        synchronized String all(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("output still open after " + wait);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return String.join("\n", lines);
        }
    }

    @Test
    void runWithoutTokenExplainsWhatToDo() throws IOException, InterruptedException {
        Process p = campops("run").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("DISCORD_TOKEN").contains("campops console");
    }

    @Test
    void runRefusesAPlainDiscordAddressOffLoopback() throws IOException, InterruptedException {
        ProcessBuilder pb = campops("run");
        pb.environment().put("DISCORD_TOKEN", FakeDiscord.DEFAULT_TOKEN);
        pb.environment().put("DISCORD_API_URL", "http://discord.example.org/api");
        pb.environment().put("DISCORD_GATEWAY_URL", "ws://127.0.0.1:9");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out)
                .contains("DISCORD_API_URL must use https://")
                .doesNotContain("DISCORD_GATEWAY_URL")
                .doesNotContain(FakeDiscord.DEFAULT_TOKEN);
    }
}
