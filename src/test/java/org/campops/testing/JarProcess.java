package org.campops.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.campops.testing.fakediscord.FakeDiscord;

/**
 * A program started as its own process for a benchmark (the packaged jar through the {@code campops} launcher, or
 * another JVM): its output (standard output and error together) is read from a pipe by a thread of its own with
 * blocking reads, so the benchmark takes no CPU from it, copied to a log file, and {@link #awaitReady} returns once a
 * line holding the ready text was printed.
 */
public record JarProcess(Process process, CompletableFuture<Boolean> ready, Thread copier, Path log) {

    /** Starts {@code command} in {@code dir} with {@code env} added to this process's environment. */
    public static JarProcess start(List<String> command, Path dir, Map<String, String> env, Path log, String readyLine)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread copier = new Thread(() -> copy(p, log, readyLine, ready), "bench-child-output");
        copier.setDaemon(true);
        copier.start();
        return new JarProcess(p, ready, copier, log);
    }

    /**
     * {@code campops run --config dir/campops.yaml} through the launcher beside {@code jar}, as a camp starts the bot
     * (it execs java in the same process, with its defaults and class data sharing archive), connected to {@code
     * fake}, with {@code javaOptions} as {@code CAMPOPS_JAVA_OPTS} and {@code dbUrl} as {@code CAMPOPS_DB_URL}.
     */
    public static JarProcess runBot(
            Path jar, Path dir, FakeDiscord fake, String javaOptions, String dbUrl, Path log, String readyLine)
            throws IOException {
        Path launcher = jar.getParent().resolveSibling("campops");
        return start(
                List.of(
                        "sh",
                        launcher.toString(),
                        "run",
                        "--config",
                        dir.resolve("campops.yaml").toString()),
                dir,
                Map.of(
                        "CAMPOPS_JAVA_OPTS",
                        javaOptions,
                        "DISCORD_TOKEN",
                        FakeDiscord.DEFAULT_TOKEN,
                        "DISCORD_API_URL",
                        fake.restBaseUrl(),
                        "DISCORD_GATEWAY_URL",
                        fake.gatewayUrl(),
                        "CAMPOPS_DB_URL",
                        dbUrl),
                log,
                readyLine);
    }

    /** Waits up to five minutes for the ready line; throws with the log if the output ended first. */
    public void awaitReady() throws Exception {
        if (!ready.get(5, TimeUnit.MINUTES)) {
            copier.join(TimeUnit.SECONDS.toMillis(10));
            throw new IllegalStateException("not ready: " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** Waits for the exit and for the copier to have written the whole output; false if it did not exit. */
    public boolean awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return false;
        }
        copier.join(TimeUnit.SECONDS.toMillis(10));
        return true;
    }

    /** SIGTERM, then the exit within {@code seconds}, else kill -9 and an exception. */
    public void stop(int seconds, String what) throws InterruptedException {
        process.destroy();
        if (!awaitExit(seconds)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not stop within " + seconds + " s of SIGTERM");
        }
    }

    private static void copy(Process p, Path log, String readyLine, CompletableFuture<Boolean> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.write('\n');
                if (line.contains(readyLine)) {
                    w.flush();
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } finally {
            ready.complete(false);
        }
    }
}
