package org.campops.app;

import java.time.Duration;
import java.util.UUID;
import org.campops.store.Database;
import org.campops.store.SessionLock;

/**
 * The gateway's lock on PostgreSQL: a session advisory lock ({@link SessionLock}) plus the record of who claimed it
 * last, this process told apart as a {@link HolderProcess} so that the next holder on this host can see it ended.
 */
final class AdvisoryGatewayLock implements GatewayHolder.Lock {
    private final SessionLock lock;
    private final SessionLock.Holder me;

    AdvisoryGatewayLock(Database db, long key, Duration timeout) {
        this.lock = new SessionLock(db, key, timeout);
        this.me = HolderProcess.current(UUID.randomUUID().toString());
    }

    @Override
    public LastHolder claim() {
        SessionLock.Previous previous = lock.claim(me);
        return new LastHolder(previous.leftInOrder(), HolderProcess.ended(previous.holder()), previous.claimedBefore());
    }

    @Override
    public void leftInOrder() {
        lock.leftInOrder(me.instance());
    }

    @Override
    public boolean tryAcquire() {
        return lock.tryAcquire();
    }

    @Override
    public boolean stillHeld() {
        return lock.stillHeld();
    }

    @Override
    public void release() {
        lock.release();
    }
}
