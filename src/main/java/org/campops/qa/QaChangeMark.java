package org.campops.qa;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change number a read of the database may claim to hold everything up to ({@link QaIndexing}): read it, then
 * read the changes, and every change numbered at or below it is among them.
 *
 * <p>On H2 one process makes every change and indexes each right after its commit, so the highest number is enough.
 * On PostgreSQL other instances change questions too, and a sequence number is taken before its transaction commits:
 * a number can be visible while a lower one is still in flight, and a catch-up from the higher one would miss it for
 * good. There the mark counts only when no writer was open just after it was read ({@link
 * QaIndexRepository#maxChangeSeqNoWriterOpen}), tried again every {@value #RETRY_MS} ms; nothing is locked.
 */
final class QaChangeMark {
    private static final Logger LOG = LoggerFactory.getLogger(QaChangeMark.class);
    private static final long RETRY_MS = 20;

    private final Database db;
    private final QaIndexRepository rows;

    QaChangeMark(Database db, QaIndexRepository rows) {
        this.db = db;
        this.rows = rows;
    }

    /** Whether other instances may change questions (PostgreSQL). */
    boolean shared() {
        return db.vendor() == Database.Vendor.POSTGRESQL;
    }

    /** The mark; empty when writers stayed open for all of {@code patience} (PostgreSQL only). */
    OptionalLong read(Duration patience) {
        if (!shared()) {
            return OptionalLong.of(db.inTransaction(rows::maxChangeSeq));
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long mark = db.inTransaction(rows::maxChangeSeqNoWriterOpen);
            if (mark >= 0) {
                return OptionalLong.of(mark);
            }
            if (System.nanoTime() - deadline >= 0) {
                return OptionalLong.empty();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MS));
            if (Thread.currentThread().isInterrupted()) {
                return OptionalLong.empty();
            }
        }
    }

    /**
     * The mark for a start or a takeover: as {@link #read}, or, when writers stayed open for {@code patience}, the
     * highest number now (a change in flight at this moment is then indexed again only with its next change).
     */
    long readOrHighest(Duration patience) {
        OptionalLong mark = read(patience);
        if (mark.isPresent()) {
            return mark.getAsLong();
        }
        LOG.warn(
                "writers kept the question tables busy for {}: the Q&A search index reads the highest change",
                patience);
        return db.inTransaction(rows::maxChangeSeq);
    }
}
