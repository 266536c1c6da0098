package org.campops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.campops.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway holder's lock on a real PostgreSQL: one session holds it; it is free again as soon as that session
 * ends (closed, or terminated by the server as when its process dies), and the holder can tell it lost it.
 */
class SessionLockTest {
    private static final long KEY = 0x43616D704F7073L;

    private String url;
    private Database a;
    private Database b;
    private SessionLock lockA;
    private SessionLock lockB;

    /** Two instances' databases and locks on one fresh PostgreSQL database. */
    @BeforeEach
    void setUp() {
        url = TestPostgres.freshDatabase();
        a = Database.open(url, 2);
        b = Database.open(url, 2);
        lockA = new SessionLock(a, KEY, Duration.ofSeconds(2));
        lockB = new SessionLock(b, KEY, Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        lockA.close();
        lockB.close();
        a.close();
        b.close();
    }

    /** The server ends every session holding an advisory lock (as when its process dies or an administrator ends it). */
    private void endLockSessions() throws Exception {
        try (Connection admin = DriverManager.getConnection(url);
                PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database"
                        + " WHERE datname = current_database())")) {
            ps.executeQuery().close();
        }
    }

    @Test
    void oneHolderAtATimeAndFreeAssoonAsItsSessionEnds() throws Exception {
        assertThat(lockA.tryAcquire()).isTrue();
        assertThat(lockA.tryAcquire()).as("held already").isTrue();
        assertThat(lockB.tryAcquire()).as("held by a").isFalse();
        assertThat(lockB.stillHeld()).isFalse();
        assertThat(lockA.stillHeld()).isTrue();

        // An orderly release.
        lockA.release();
        assertThat(lockA.stillHeld()).isFalse();
        assertThat(lockB.tryAcquire()).isTrue();
        assertThat(lockA.tryAcquire()).isFalse();

        // The server ends b's session (as when b's process dies or an administrator terminates it).
        endLockSessions();
        assertThat(lockB.stillHeld()).as("b learns it lost the lock").isFalse();
        // The server frees the lock as the terminated backend exits, a moment after it was told to.
        org.campops.testing.Await.until(lockA::tryAcquire, Duration.ofSeconds(10), () -> "the lock free again");
        assertThat(lockB.tryAcquire()).isFalse();
    }

    /**
     * The record of who took the gateway: a holder that left in order lets the next connect at once; a holder that
     * lost its session, or one that was followed by another, cannot write that it did.
     */
    @Test
    void onlyTheLastClaimantStillHoldingTheLockRecordsAnOrderlyLeave() throws Exception {
        assertThat(lockA.tryAcquire()).isTrue();
        assertThat(lockA.claim(holder("a")).leftInOrder())
                .as("nobody recorded yet")
                .isFalse();
        lockA.leftInOrder("a");
        lockA.release();

        assertThat(lockB.tryAcquire()).isTrue();
        assertThat(lockB.claim(holder("b")).leftInOrder()).as("a left in order").isTrue();
        lockA.leftInOrder("a"); // a no longer holds the lock: nothing written
        lockB.release(); // b gives the lock back without leaving in order (it could not confirm it)

        assertThat(lockA.tryAcquire()).isTrue();
        assertThat(lockA.claim(holder("a")).leftInOrder())
                .as("b did not record an orderly leave")
                .isFalse();
        // a's session ends before it leaves in order: it can write nothing any more.
        endLockSessions();
        assertThat(lockA.stillHeld()).isFalse();
        lockA.leftInOrder("a");
        org.campops.testing.Await.until(lockB::tryAcquire, Duration.ofSeconds(10), () -> "the lock free again");
        assertThat(lockB.claim(holder("b")).leftInOrder()).isFalse();
    }

    private static SessionLock.Holder holder(String instance) {
        return new SessionLock.Holder(instance, "host-1", 100, 1_000);
    }

    /** A claim reads back the process recorded by the claim before it, and how long ago (by the server) that was. */
    @Test
    void aClaimReadsTheLastHoldersProcessAndHowLongAgoItClaimed() {
        assertThat(lockA.tryAcquire()).isTrue();
        SessionLock.Previous none = lockA.claim(new SessionLock.Holder("a", null, 42, -1));
        assertThat(none.holder()).as("nobody recorded yet").isNull();
        assertThat(none.claimedBefore()).isZero();
        lockA.release();

        assertThat(lockB.tryAcquire()).isTrue();
        SessionLock.Previous afterA =
                lockB.claim(new SessionLock.Holder("b", "boot/pid:[1]", 4242, 1_700_000_000_000L));
        assertThat(afterA.holder()).isEqualTo(new SessionLock.Holder("a", null, 42, -1));
        lockB.release();

        assertThat(lockA.tryAcquire()).isTrue();
        SessionLock.Previous afterB = lockA.claim(holder("a"));
        assertThat(afterB.holder()).isEqualTo(new SessionLock.Holder("b", "boot/pid:[1]", 4242, 1_700_000_000_000L));
        assertThat(afterB.leftInOrder()).isFalse();
        assertThat(afterB.claimedBefore()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(30));
    }
}
