package org.campops.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What is being sent and what a caller may wait for: the groups of rows being sent (one per target, so a target's
 * rows go out one after another), and every change of a row's state. A command waits for its post to be final; the
 * orderly stop waits for the outbox to drain.
 */
final class InFlight {
    private final Object changed = new Object();
    private final Outbox outbox;
    private final Leases leases;
    private final Clock clock;
    private final Set<String> busyTargets = new HashSet<>();
    private final int maxNewThreads;
    private int groups;

    /**
     * {@code maxNewThreads}: how many rows that start a new thread (each a target of its own, see
     * {@link Delivery#target()}) are sent at once, so a burst of them leaves sender threads for other targets.
     */
    InFlight(Outbox outbox, Leases leases, Clock clock, int maxNewThreads) {
        this.outbox = outbox;
        this.leases = leases;
        this.clock = clock;
        this.maxNewThreads = Math.max(1, maxNewThreads);
    }

    /**
     * Leaves out of {@code byTarget} the targets a group is being sent to, and new threads beyond those that may be
     * sent at once (they wait for the next poll), and returns the ids left, in order.
     */
    List<Long> notBusy(Map<String, List<Long>> byTarget) {
        synchronized (busyTargets) {
            byTarget.entrySet().removeIf(e -> busyTargets.contains(e.getKey()));
            long newThreads =
                    busyTargets.stream().filter(InFlight::startsThread).count();
            Iterator<String> targets = byTarget.keySet().iterator();
            while (targets.hasNext()) {
                if (startsThread(targets.next()) && newThreads++ >= maxNewThreads) {
                    targets.remove();
                }
            }
            return byTarget.values().stream().flatMap(List::stream).toList();
        }
    }

    private static boolean startsThread(String target) {
        return target.startsWith(Delivery.NEW_THREAD);
    }

    /** Whether no group is being sent (background work may use the spare request budget). */
    boolean idle() {
        synchronized (changed) {
            return groups == 0;
        }
    }

    /** Groups to {@code targets} were handed to the senders. */
    void started(Collection<String> targets) {
        synchronized (busyTargets) {
            busyTargets.addAll(targets);
        }
        synchronized (changed) {
            groups += targets.size();
        }
    }

    /** The group to {@code target} is done, sent or not. */
    void finished(String target) {
        synchronized (busyTargets) {
            busyTargets.remove(target);
        }
        synchronized (changed) {
            groups--;
            changed.notifyAll();
        }
    }

    /** A row became sent, failed or due later. */
    void rowChanged() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /**
     * Waits until the row of {@code key} is SENT or FAILED; empty when it is not final by then (it is
     * stored and will still go out).
     */
    Optional<Delivery> awaitFinal(String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Delivery> d = outbox.find(key);
            if (d.isPresent()
                    && (d.get().status() == Delivery.Status.SENT || d.get().status() == Delivery.Status.FAILED)) {
                return d;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            synchronized (changed) {
                changed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /**
     * Waits at most {@code timeout} until nothing due is left and nothing is in flight; returns how many
     * rows were still unsent. {@code wake} has the dispatcher look for rows at once.
     */
    int drain(Duration timeout, Runnable wake) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        wake.run();
        while (System.nanoTime() < deadline) {
            int due = leases.dueOrInFlight(clock.instant());
            synchronized (changed) {
                if (due == 0 && groups == 0) {
                    return leases.unsent();
                }
                changed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 100)));
            }
        }
        return leases.unsent();
    }
}
