package org.campops.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.campops.store.SessionLock;
import org.jspecify.annotations.Nullable;

/**
 * The process that holds the gateway, told apart well enough that a later holder on the same host can see it has
 * ended: the host is the kernel's boot id with the process namespace (the same pid then names the same process to
 * both), the process its pid with its start time (a pid taken again by another process starts later). Only Linux's
 * {@code /proc} tells these; elsewhere the host is unknown and nothing is ever taken as ended.
 */
final class HolderProcess {
    /** Start times read by two processes differ by rounding at most; a reused pid starts after its first one ended. */
    private static final long SAME_START_MS = 2_000;

    private HolderProcess() {}

    /** This process as a holder of {@code instance}. */
    static SessionLock.Holder current(String instance) {
        ProcessHandle me = ProcessHandle.current();
        long started = me.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        return new SessionLock.Holder(instance, host(Path.of("/proc")), me.pid(), started);
    }

    /**
     * Whether {@code holder} has certainly ended: it ran on this host, and its pid names no process any more, or a
     * process that started at another time. False whenever that cannot be told (another host, an unknown host).
     */
    static boolean ended(SessionLock.@Nullable Holder holder) {
        if (holder == null || holder.host() == null || !holder.host().equals(host(Path.of("/proc")))) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(holder.pid());
        if (p.isEmpty() || !p.get().isAlive() || zombie(Path.of("/proc"), holder.pid())) {
            return true;
        }
        Optional<Instant> started = p.get().info().startInstant();
        return holder.startedMs() >= 0
                && started.isPresent()
                && Math.abs(started.get().toEpochMilli() - holder.startedMs()) > SAME_START_MS;
    }

    /** Whether the process has exited and only waits for its parent to collect it (state Z or X in its stat). */
    static boolean zombie(Path proc, long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** {@code <boot id>/<pid namespace>} read under {@code proc}; null when either cannot be read. */
    static @Nullable String host(Path proc) {
        try {
            String boot = Files.readString(proc.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                    .strip();
            String namespace =
                    Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString();
            return boot.isEmpty() ? null : boot + "/" + namespace;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
