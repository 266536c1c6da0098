package org.campops.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.campops.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * The gateway holder's rules with a lock in memory (the real one is {@code SessionLockTest}'s): one holder at a time,
 * a non-holder takes over when the lock frees, a holder that loses its lock leaves before the next one connects, a
 * failed take-over gives the lock back and tries again.
 */
class GatewayHolderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final GatewayHolder.Timing FAST =
            new GatewayHolder.Timing(Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofMillis(300));
    /** As {@link #FAST} but with a fence no test waits out: a holder connected in time did not wait it. */
    private static final GatewayHolder.Timing LONG_FENCE =
            new GatewayHolder.Timing(Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofMinutes(10));

    /** The database's view: who holds the lock. Ending a session frees it, as PostgreSQL does. */
    static final class LockServer {
        private String owner;
        /** The gateway_holder row: who claimed last and whether it left in order. */
        private String claimant;

        private boolean leftInOrder;
        /** What the next claim learns besides: the last holder's process has ended, and how long ago it claimed. */
        private boolean ended;

        private Duration claimedBefore = Duration.ZERO;
        private final java.util.Set<String> unreachable = new java.util.HashSet<>();
        final AtomicInteger connected = new AtomicInteger();
        final AtomicInteger mostConnected = new AtomicInteger();

        synchronized GatewayHolder.Lock lockOf(String who) {
            return new GatewayHolder.Lock() {
                @Override
                public boolean tryAcquire() {
                    synchronized (LockServer.this) {
                        if (unreachable.contains(who)) {
                            return false;
                        }
                        if (owner == null) {
                            owner = who;
                        }
                        return who.equals(owner);
                    }
                }

                @Override
                public boolean stillHeld() {
                    synchronized (LockServer.this) {
                        return !unreachable.contains(who) && who.equals(owner);
                    }
                }

                @Override
                public void release() {
                    synchronized (LockServer.this) {
                        if (who.equals(owner)) {
                            owner = null;
                        }
                    }
                }

                @Override
                public LastHolder claim() {
                    synchronized (LockServer.this) {
                        LastHolder before = new LastHolder(leftInOrder, ended, claimedBefore);
                        claimant = who;
                        leftInOrder = false;
                        ended = false;
                        claimedBefore = Duration.ZERO;
                        return before;
                    }
                }

                @Override
                public void leftInOrder() {
                    synchronized (LockServer.this) {
                        if (who.equals(owner) && who.equals(claimant)) {
                            leftInOrder = true;
                        }
                    }
                }
            };
        }

        /** {@code who} cannot reach the database any more (its session ends, as PostgreSQL ends it). */
        synchronized void cutOff(String who) {
            unreachable.add(who);
            if (who.equals(owner)) {
                owner = null;
            }
        }

        /** The last claimant's process ended (as {@code HolderProcess} tells it), {@code ago} after it claimed. */
        synchronized void claimantEnded(Duration ago) {
            ended = true;
            claimedBefore = ago;
        }

        synchronized void reconnect(String who) {
            unreachable.remove(who);
        }

        synchronized String owner() {
            return owner;
        }
    }

    /** A gateway session: counts who is connected at once. */
    static final class Session implements GatewayHolder.Session {
        final LockServer server;
        final AtomicInteger takes = new AtomicInteger();
        final AtomicInteger drops = new AtomicInteger();
        volatile int failNext;
        volatile boolean connected;

        Session(LockServer server) {
            this.server = server;
        }

        @Override
        public void take(boolean atStart) {
            takes.incrementAndGet();
            if (failNext > 0) {
                failNext--;
                throw new IllegalStateException("Discord refused");
            }
            connected = true;
            int now = server.connected.incrementAndGet();
            server.mostConnected.accumulateAndGet(now, Math::max);
        }

        @Override
        public void drop() {
            drops.incrementAndGet();
            if (connected) {
                connected = false;
                server.connected.decrementAndGet();
            }
        }
    }

    @Test
    void oneHoldsTheOtherTakesOverWhenItsSessionEndsAndTheLoserLeavesFirst() throws Exception {
        LockServer server = new LockServer();
        Session sa = new Session(server);
        Session sb = new Session(server);
        GatewayHolder a = new GatewayHolder(server.lockOf("a"), sa, FAST);
        GatewayHolder b = new GatewayHolder(server.lockOf("b"), sb, FAST);
        try {
            assertThat(a.takeAtStart()).isTrue();
            assertThat(b.takeAtStart()).isFalse();
            a.watch();
            b.watch();
            assertThat(a.holding()).isTrue();
            assertThat(sb.takes.get()).isZero();

            // a is cut off from the database (a still runs): its session ends, b gets the lock, a notices and
            // leaves, b connects after the fence.
            server.cutOff("a");
            Await.until(() -> b.holding(), WAIT, () -> "b holding");
            assertThat(a.holding()).isFalse();
            assertThat(sa.drops.get()).isEqualTo(1);
            assertThat(sa.connected).isFalse();
            assertThat(sb.connected).isTrue();
            assertThat(b.takeovers()).isEqualTo(1);
            assertThat(server.mostConnected.get())
                    .as("never two connected at once")
                    .isEqualTo(1);

            // a can reach the database again: it stands by. An orderly stop of b gives the lock back; a takes over.
            server.reconnect("a");
            b.close();
            sb.drop();
            b.releaseLock(true);
            Await.until(() -> a.holding(), WAIT, () -> "a holding again");
            assertThat(server.owner()).isEqualTo("a");
            assertThat(server.mostConnected.get()).isEqualTo(1);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void afterAnOrderlyLeaveTheNextHolderConnectsWithoutTheFence() throws Exception {
        LockServer server = new LockServer();
        Session sa = new Session(server);
        Session sb = new Session(server);
        Session sc = new Session(server);
        GatewayHolder a = new GatewayHolder(server.lockOf("a"), sa, FAST);
        GatewayHolder b = new GatewayHolder(server.lockOf("b"), sb, LONG_FENCE);
        GatewayHolder c = new GatewayHolder(server.lockOf("c"), sc, LONG_FENCE);
        try {
            assertThat(a.takeAtStart())
                    .as("nobody recorded before: after the fence")
                    .isTrue();
            assertThat(b.takeAtStart()).isFalse();
            b.watch();
            // a stops in order: it leaves the gateway, records it, gives the lock back; b connects at once, not
            // after its ten-minute fence.
            a.close();
            sa.drop();
            a.releaseLock(true);
            Await.until(() -> b.holding(), WAIT, () -> "b holding without the fence");
            assertThat(server.mostConnected.get()).isEqualTo(1);

            // b leaves without confirming the gateway closed: the next one would wait the fence.
            b.close();
            sb.drop();
            b.releaseLock(false);
            c.watch();
            Await.until(() -> "c".equals(server.owner()), WAIT, () -> "c got the lock");
            assertThat(c.holding()).as("c waits its ten-minute fence").isFalse();
            assertThat(sc.takes.get()).isZero();
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    /**
     * A holder killed on this host (its process ended, its session with it): the next one connects once the fence that
     * began with the killed holder's claim is over, at once when that claim is older than the fence.
     */
    @Test
    void afterAHolderWhoseProcessEndedOnlyTheRestOfItsFenceIsWaited() throws Exception {
        LockServer server = new LockServer();
        Session sb = new Session(server);
        Session sc = new Session(server);
        GatewayHolder.Lock killed = server.lockOf("a");
        assertThat(killed.tryAcquire()).isTrue();
        killed.claim();
        GatewayHolder b = new GatewayHolder(server.lockOf("b"), sb, LONG_FENCE);
        GatewayHolder c = new GatewayHolder(server.lockOf("c"), sc, LONG_FENCE);
        try {
            assertThat(b.takeAtStart()).isFalse();
            b.watch();
            // a's process ends eleven minutes after its claim: the session goes with it, b connects at once.
            server.claimantEnded(Duration.ofMinutes(11));
            server.cutOff("a");
            Await.until(() -> b.holding(), WAIT, () -> "b holding without waiting the fence");
            assertThat(b.takeovers()).isEqualTo(1);

            // b's process ends a minute after its claim: c still waits the nine minutes left of b's fence.
            server.claimantEnded(Duration.ofMinutes(1));
            server.cutOff("b");
            sb.drop();
            c.watch();
            Await.until(() -> "c".equals(server.owner()), WAIT, () -> "c got the lock");
            assertThat(c.holding()).as("c waits the rest of b's fence").isFalse();
            assertThat(sc.takes.get()).isZero();
            assertThat(new LastHolder(false, true, Duration.ofMinutes(1)).wait(Duration.ofMinutes(10)))
                    .isEqualTo(Duration.ofMinutes(9));
            assertThat(new LastHolder(false, false, Duration.ofMinutes(11)).wait(Duration.ofMinutes(10)))
                    .as("a holder not known to have ended: the whole fence")
                    .isEqualTo(Duration.ofMinutes(10));
        } finally {
            b.close();
            c.close();
        }
    }

    /** A restart on the host where the holder was killed: the start itself connects without the fence. */
    @Test
    @org.junit.jupiter.api.Timeout(60) // a start that waited the ten-minute fence fails here, not in ten minutes
    void aStartAfterAHolderWhoseProcessEndedConnectsAtOnce() throws Exception {
        LockServer server = new LockServer();
        GatewayHolder.Lock killed = server.lockOf("a");
        assertThat(killed.tryAcquire()).isTrue();
        killed.claim();
        server.claimantEnded(Duration.ofMinutes(11)); // it had held the lock longer than the fence
        server.cutOff("a");
        Session sr = new Session(server);
        GatewayHolder restarted = new GatewayHolder(server.lockOf("restarted"), sr, LONG_FENCE);
        try {
            assertThat(restarted.takeAtStart())
                    .as("connected at start, not after the ten-minute fence")
                    .isTrue();
            assertThat(sr.connected).isTrue();
        } finally {
            restarted.close();
        }
    }

    @Test
    void aFailedTakeOverGivesTheLockBackAndTriesAgain() throws Exception {
        LockServer server = new LockServer();
        Session sa = new Session(server);
        GatewayHolder a = new GatewayHolder(server.lockOf("a"), sa, FAST);
        GatewayHolder.Lock other = server.lockOf("other");
        assertThat(other.tryAcquire()).isTrue();
        try {
            assertThat(a.takeAtStart()).isFalse();
            sa.failNext = 2;
            a.watch();
            other.release();
            Await.until(() -> a.holding(), WAIT, () -> "a holding after two failed attempts");
            assertThat(sa.takes.get()).isEqualTo(3);
            assertThat(sa.drops.get()).as("each failed attempt left cleanly").isEqualTo(2);
        } finally {
            a.close();
        }
    }

    @Test
    void aFailureToConnectAtStartIsThrownAndTheLockGivenBack() {
        LockServer server = new LockServer();
        Session sa = new Session(server);
        sa.failNext = 1;
        GatewayHolder a = new GatewayHolder(server.lockOf("a"), sa, FAST);
        assertThatThrownBy(a::takeAtStart).hasMessageContaining("Discord refused");
        assertThat(server.owner()).isNull();
        a.close();
    }
}
