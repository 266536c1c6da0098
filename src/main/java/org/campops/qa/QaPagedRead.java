package org.campops.qa;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.campops.qa.search.IndexedQuestion;
import org.campops.store.Database;

/**
 * Every posted question for a rebuild ({@link QaIndexing#rebuild}), read {@value #PAGE} at a time in id order as the
 * index takes them ({@link QaIndexRepository#indexedAfter}): the whole set is never in memory at once, and reading
 * overlaps the analysis. Counts the questions and the time spent reading. One iteration only.
 */
final class QaPagedRead implements Iterable<IndexedQuestion> {
    static final int PAGE = 5_000;

    private final Database db;
    private final QaIndexRepository rows;
    private int count;
    private long readingNanos;

    QaPagedRead(Database db, QaIndexRepository rows) {
        this.db = db;
        this.rows = rows;
    }

    int count() {
        return count;
    }

    long readingNanos() {
        return readingNanos;
    }

    @Override
    public Iterator<IndexedQuestion> iterator() {
        return new Iterator<>() {
            private List<IndexedQuestion> page = List.of();
            private int next;
            private long after;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (last) {
                    return false;
                }
                long t = System.nanoTime();
                long from = after;
                page = db.inTransaction(c -> rows.indexedAfter(c, from, PAGE));
                readingNanos += System.nanoTime() - t;
                next = 0;
                last = page.size() < PAGE;
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).id();
                }
                return !page.isEmpty();
            }

            @Override
            public IndexedQuestion next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                count++;
                return page.get(next++);
            }
        };
    }
}
