package org.campops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.campops.store.SessionLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telling that the last gateway holder's process has ended, with real processes: a process killed on this host has
 * ended; a live one, one on another host, one on an unknown host have not (the next holder then waits the fence).
 */
class HolderProcessTest {
    @Test
    void aKilledProcessOnThisHostHasEndedALiveOneHasNot() throws Exception {
        String host = HolderProcess.host(Path.of("/proc"));
        assumeTrue(host != null, "needs Linux's /proc");
        Process child = new ProcessBuilder("sleep", "600").start();
        try {
            long started =
                    child.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
            SessionLock.Holder live = new SessionLock.Holder("x", host, child.pid(), started);
            assertThat(HolderProcess.ended(live)).as("running").isFalse();
            assertThat(HolderProcess.ended(new SessionLock.Holder("x", "other-boot/pid:[1]", child.pid(), started)))
                    .as("another host: cannot tell")
                    .isFalse();
            assertThat(HolderProcess.ended(new SessionLock.Holder("x", null, child.pid(), started)))
                    .as("unknown host")
                    .isFalse();
            assertThat(HolderProcess.ended(new SessionLock.Holder("x", host, child.pid(), started - 3_600_000)))
                    .as("the pid now names a process that started an hour later")
                    .isTrue();

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(HolderProcess.ended(live)).as("killed").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(HolderProcess.ended(HolderProcess.current("me")))
                .as("this process")
                .isFalse();
        assertThat(HolderProcess.ended(null)).isFalse();
    }

    @Test
    void theHostIsTheBootIdAndTheProcessNamespaceOrUnknown(@TempDir Path proc) throws Exception {
        assertThat(HolderProcess.host(proc)).as("nothing to read").isNull();
        Files.createDirectories(proc.resolve("sys/kernel/random"));
        Files.writeString(proc.resolve("sys/kernel/random/boot_id"), "6f1c\n");
        Files.createDirectories(proc.resolve("self/ns"));
        Files.createSymbolicLink(proc.resolve("self/ns/pid"), Path.of("pid:[4026531836]"));
        assertThat(HolderProcess.host(proc)).isEqualTo("6f1c/pid:[4026531836]");
    }

    @Test
    void aProcessWaitingToBeCollectedHasEnded(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("7"));
        Files.writeString(proc.resolve("7/stat"), "7 (java (x)) Z 1 7 7 0 -1");
        Files.createDirectories(proc.resolve("8"));
        Files.writeString(proc.resolve("8/stat"), "8 (java) S 1 8 8 0 -1");
        assertThat(HolderProcess.zombie(proc, 7)).isTrue();
        assertThat(HolderProcess.zombie(proc, 8)).isFalse();
        assertThat(HolderProcess.zombie(proc, 9)).as("gone").isFalse();
    }
}
