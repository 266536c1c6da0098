package org.campops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code campops} launcher's JVM for {@code run}: a 256 MB heap, the serial collector and the C1 compiler only
 * unless {@code CAMPOPS_JAVA_OPTS} sets them (what keeps a camp of 100,000 questions under 512 MB, BENCHMARKS.md
 * "Start-up at scale", and the first bursts after a start quick, "`/remind set` burst from outside"). Run from a copy of the launcher beside the built jar, with no configuration: the JVM prints the flags it
 * was given, then the bot stops at once, saying what is missing.
 */
class LauncherIT {
    @TempDir
    Path dir;

    private String flagsOf(String javaOptions) throws Exception {
        Files.copy(Path.of("campops"), dir.resolve("campops"));
        Files.createDirectories(dir.resolve("target"));
        Files.createSymbolicLink(
                dir.resolve("target/campops.jar"), Path.of("target/campops.jar").toAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder("sh", dir.resolve("campops").toString(), "run")
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("DISCORD_TOKEN");
        pb.environment().put("CAMPOPS_CDS", "off");
        pb.environment().put("CAMPOPS_JAVA_OPTS", ("-XX:+PrintCommandLineFlags " + javaOptions).strip());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("the launcher's run ended")
                .isTrue();
        return out;
    }

    @Test
    void runGetsTheSmallHeapTheSerialCollectorAndC1Only() throws Exception {
        String flags = flagsOf("");
        assertThat(flags)
                .contains("-XX:MaxHeapSize=268435456")
                .contains("-XX:+UseSerialGC")
                .contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    void aCompilerLevelInTheOptionsWins() throws Exception {
        String flags = flagsOf("-XX:TieredStopAtLevel=4");
        assertThat(flags).contains("-XX:TieredStopAtLevel=4").doesNotContain("TieredStopAtLevel=1");
    }

    @Test
    void aHeapOrACollectorInTheOptionsWins() throws Exception {
        String flags = flagsOf("-Xmx300m -XX:+UseParallelGC");
        assertThat(flags)
                .contains("-XX:MaxHeapSize=314572800")
                .contains("-XX:+UseParallelGC")
                .doesNotContain("UseSerialGC");
    }
}
