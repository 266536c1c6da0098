package org.campops.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.campops.testing.Bench;
import org.campops.testing.fakediscord.FakeDiscord;

/**
 * The options of every {@code campops.jar} child process the drills start: C1 only and the serial collector (the
 * runs are short and several run at once on two cores), and a class data sharing archive of the jar's classes. The
 * archive is written once per test JVM, by one {@code campops run} against a fake Discord stopped in order (a JVM
 * writes it as it exits), so each later child maps those classes instead of loading them one by one from the jar
 * (about a second of CPU less per start: the drills start the jar some 50 times, side by side on two cores). The same
 * as the {@code campops} launcher does for {@code run}; the jar behaves the same with or without it. Should the
 * archive not be written, the children start without it.
 */
final class ChildJvm {
    /** The options without the archive: what the archive is written with, and what is used when it is missing. */
    static final List<String> BASE = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Quiet about the archive (a mismatch would otherwise be printed on the output that drills read). */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private static boolean tried;
    private static Path archive;

    private ChildJvm() {}

    /** {@link #BASE} and, once written, the archive (the first call writes it: a few seconds, once). */
    static synchronized List<String> options() {
        if (!tried) {
            tried = true;
            archive = write();
        }
        if (archive == null) {
            return BASE;
        }
        return concat(BASE, List.of("-XX:SharedArchiveFile=" + archive), QUIET);
    }

    private static Path write() {
        Path target = BotProcess.JAR
                .toAbsolutePath()
                .resolveSibling("it-classes-" + ProcessHandle.current().pid() + ".jsa");
        Path dumped = target.resolveSibling(target.getFileName() + ".part");
        Path dir = null;
        try (FakeDiscord fake = FakeDiscord.start(null)) {
            dir = Files.createTempDirectory("campops-it-cds");
            List<String> jvm = concat(BASE, List.of("-XX:ArchiveClassesAtExit=" + dumped), QUIET);
            BotProcess bot =
                    new BotProcess(dir, fake, Path.of("src/test/resources/campops-test.yaml"), "cds", Map.of(), jvm);
            try (bot) {
                bot.start(Duration.ofSeconds(120));
                bot.terminate(Duration.ofSeconds(60));
            }
            if (!Files.isRegularFile(dumped)) {
                System.err.println("no class data sharing archive was written: the drills' children start without it");
                return null;
            }
            // Complete before any child maps it: the JVM writes the file in place as it exits.
            Files.move(dumped, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException | RuntimeException | AssertionError e) {
            System.err.println(
                    "class data sharing archive not written (" + e + "): the drills' children start without it");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            Bench.deleteTree(dir);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
