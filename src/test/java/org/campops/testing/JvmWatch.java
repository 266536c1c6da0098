package org.campops.testing;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JVM did during a benchmark phase: its CPU time, the garbage collections (count and time) and the JIT
 * compilers' time, and which threads used the CPU. Where the time of a phase went, next to its latencies.
 */
public final class JvmWatch {
    private JvmWatch() {}

    /** The counters at one instant. */
    public record Snapshot(long cpuNanos, long gcCount, long gcMillis, long jitMillis, Map<Long, ThreadCpu> threadCpu) {
        /** "CPU 1.42 s, 1 GC (22 ms), JIT 0.91 s" between {@code earlier} and this. */
        public String since(Snapshot earlier) {
            long gcs = gcCount - earlier.gcCount;
            return Bench.fmt(
                    "CPU %.2f s, %d GC%s (%d ms), JIT %.2f s",
                    (cpuNanos - earlier.cpuNanos) / 1e9,
                    gcs,
                    gcs == 1 ? "" : "s",
                    gcMillis - earlier.gcMillis,
                    (jitMillis - earlier.jitMillis) / 1e3);
        }

        /**
         * The {@code n} threads (numbers in names folded) that used the most CPU since {@code earlier}, in ms. Threads
         * are matched by id: some rename themselves while they run a task (OkHttp's task runner), and matching by name
         * counted such a thread's whole life into one phase.
         */
        public String busiestThreadsSince(Snapshot earlier, int n) {
            Map<String, Long> byName = new HashMap<>();
            threadCpu.forEach((id, named) -> byName.merge(
                    named.name().replaceAll("\\d+", "N"),
                    named.cpuNanos()
                            - (earlier.threadCpu.containsKey(id)
                                    ? earlier.threadCpu.get(id).cpuNanos()
                                    : 0L),
                    Long::sum));
            StringBuilder sb = new StringBuilder();
            byName.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .limit(n)
                    .forEach(e -> sb.append(Bench.fmt("%s %.0f ms, ", e.getKey(), e.getValue() / 1e6)));
            return sb.toString().replaceAll(", $", "");
        }
    }

    /** A thread's name at the snapshot and the CPU it used so far. */
    public record ThreadCpu(String name, long cpuNanos) {}

    public static Snapshot snapshot() {
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadCpu> threadCpu = new HashMap<>();
        for (ThreadInfo ti : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (ti != null) {
                long cpu = threads.getThreadCpuTime(ti.getThreadId());
                if (cpu > 0) {
                    threadCpu.put(ti.getThreadId(), new ThreadCpu(ti.getThreadName(), cpu));
                }
            }
        }
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
        return new Snapshot(
                cpu, gcCount, gcMillis, ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), threadCpu);
    }
}
