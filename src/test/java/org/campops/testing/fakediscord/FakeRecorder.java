package org.campops.testing.fakediscord;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the fake recorded (REST requests, which of them were answered, unrouted requests, the fake's own errors) and
 * waiting on it: {@link #await} sleeps on a monitor that is signalled whenever the fake has answered a REST request
 * and when a gateway connection opens, identifies, resumes or closes; it never polls on a timer.
 */
final class FakeRecorder {

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> unhandled = new CopyOnWriteArrayList<>();
    private final List<Throwable> serverErrors = new CopyOnWriteArrayList<>();
    /** Recorded requests the fake has answered: their effects on its state are applied (by identity). */
    private final Set<RecordedRequest> answered =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Signalled whenever the fake records something (see {@link #signal}). */
    private final Object recorded = new Object();
    /**
     * Bumped on every signal (guarded by {@link #recorded}): a waiter can tell whether anything happened since it
     * looked.
     */
    private long recordedVersion;

    // ---------------------------------------------------------------- recording

    void request(RecordedRequest r) {
        requests.add(r);
    }

    void unhandled(RecordedRequest r) {
        unhandled.add(r);
    }

    /** The request's effects on the fake's state are applied and its answer sent. */
    void answered(RecordedRequest r) {
        answered.add(r);
    }

    void serverError(Throwable t) {
        serverErrors.add(t);
    }

    /**
     * Wakes the waiters: called when the fake has answered a REST request (its callback, echoed events and stored
     * state are visible then) and when a gateway connection opens, identifies, resumes or closes.
     */
    void signal() {
        synchronized (recorded) {
            recordedVersion++;
            recorded.notifyAll();
        }
    }

    // ---------------------------------------------------------------- views

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Recorded requests with this method whose path (without /api/v10) fully matches {@code pathRegex}. */
    List<RecordedRequest> requests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream()
                .filter(r -> r.method().equalsIgnoreCase(method)
                        && p.matcher(r.path()).matches())
                .toList();
    }

    List<RecordedRequest> unhandledRequests() {
        return List.copyOf(unhandled);
    }

    List<Throwable> serverErrors() {
        return List.copyOf(serverErrors);
    }

    long answeredCount(List<RecordedRequest> rs) {
        return rs.stream().filter(answered::contains).count();
    }

    String describeRequests() {
        StringBuilder sb = new StringBuilder();
        for (RecordedRequest r : requests) {
            sb.append("  ").append(r).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- waiting

    /** See {@link FakeDiscord#await}. */
    void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (recorded) {
                seen = recordedVersion;
            }
            // Checked outside the monitor, so a condition may take other locks (the state lock) freely.
            if (condition.getAsBoolean()) {
                return;
            }
            synchronized (recorded) {
                while (recordedVersion == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(recorded, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted", e);
                    }
                }
            }
        }
    }

    /** See {@link FakeDiscord#awaitRequest(Predicate, Duration)}. */
    RecordedRequest awaitRequest(Predicate<RecordedRequest> predicate, Duration timeout) {
        RecordedRequest[] found = new RecordedRequest[1];
        await(
                () -> {
                    for (RecordedRequest r : requests) {
                        if (predicate.test(r)) {
                            found[0] = r;
                            return answered.contains(r);
                        }
                    }
                    return false;
                },
                timeout,
                () -> "a matching request. Requests so far:\n" + describeRequests());
        return found[0];
    }
}
