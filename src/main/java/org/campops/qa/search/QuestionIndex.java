package org.campops.qa.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.jspecify.annotations.Nullable;

/**
 * In-memory Lucene index over questions and their answers, rebuilt from the database at start: the public
 * entry of the Q&amp;A search, which owns the index's lifecycle and serializes its writes.
 *
 * <ul>
 * <li>Analysis ({@link QaAnalysis}): Korean-aware (Nori): particles and verb endings are dropped, compounds
 *     are indexed both whole and decomposed, English terms are lower-cased, and a few domain synonym groups
 *     (OOM / out of memory / 메모리 부족, 과적합 / 오버피팅 / overfitting, …) map to a shared concept token.</li>
 * <li>Documents ({@link QuestionDocuments}): the fields of a question and how each is analyzed.</li>
 * <li>{@link #search}: BM25 times an answered/endorsed prior ({@link RankedSearch}).</li>
 * <li>{@link #similar}: cosine similarity with a fixed threshold ({@link DuplicateCheck}).</li>
 * </ul>
 *
 * <h2>Concurrency</h2>
 * Writes ({@link #rebuild}, {@link #upsert}, {@link #delete}) are serialized and each ends with
 * {@link SearcherManager#maybeRefreshBlocking()}, so a completed write is visible to the next search.
 * A rebuild fills a fresh index ({@link IndexGeneration}) and swaps it in, so it is never seen half-done.
 * Searches never block on writes: they use the last published point-in-time searcher. After
 * {@link #close()} every method throws {@link AlreadyClosedException} (close itself is idempotent).
 */
public final class QuestionIndex implements AutoCloseable {

    private final QuestionDocuments documents;
    private final RankedSearch rankedSearch;
    private final DuplicateCheck duplicateCheck;
    private final Object writeLock = new Object();
    /** The live index; replaced as a whole by {@link #rebuild}. Written under {@link #writeLock}. */
    private volatile IndexGeneration current;

    private volatile boolean closed;

    public QuestionIndex() {
        this(QaAnalysis.Options.DEFAULT);
    }

    /** Variant with non-default analysis options, for the comparisons in tests. */
    QuestionIndex(QaAnalysis.Options options) {
        this.documents = new QuestionDocuments(options);
        this.rankedSearch = new RankedSearch(documents, options);
        this.duplicateCheck = new DuplicateCheck(documents);
        try {
            this.current = new IndexGeneration(documents.indexAnalyzer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the whole content of the index. The new content is built in a fresh in-memory index,
     * using all CPUs for analysis, merged to one segment and then swapped in atomically: searches see
     * the old content until this returns, and if it throws the old content stays in place.
     */
    public void rebuild(Iterable<IndexedQuestion> all) {
        synchronized (writeLock) {
            ensureOpen();
            IndexGeneration fresh;
            try {
                fresh = new IndexGeneration(documents.indexAnalyzer());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                fresh.addAll(all, documents::toDocument);
                fresh.writer.forceMerge(1);
                fresh.searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                closeQuietly(fresh, e);
                throw new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                closeQuietly(fresh, e);
                throw e;
            }
            IndexGeneration old = current;
            current = fresh;
            try {
                old.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Adds the question or replaces the one with the same id; visible to the next search. */
    public void upsert(IndexedQuestion q) {
        synchronized (writeLock) {
            ensureOpen();
            try {
                current.writer.updateDocument(QuestionDocuments.keyTerm(q.id()), documents.toDocument(q));
                current.searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Removes the question with this id, if present; visible to the next search. */
    public void delete(long id) {
        synchronized (writeLock) {
            ensureOpen();
            try {
                current.writer.deleteDocuments(QuestionDocuments.keyTerm(id));
                current.searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Best matches for free text, best first. Answered and endorsed questions rank above open ones of
     * similar relevance. Returns an empty list for blank or punctuation-only queries; never throws on
     * query syntax characters.
     *
     * @param topicOrNull if non-blank, only questions with exactly this topic (case-insensitive)
     */
    public List<SearchHit> search(String query, int limit, @Nullable String topicOrNull) {
        ensureOpen();
        if (query == null || limit <= 0) {
            return List.of();
        }
        Query ranked = rankedSearch.query(query, topicOrNull);
        if (ranked == null) {
            return List.of();
        }
        return withSearcher(searcher -> RankedSearch.top(searcher, ranked, limit));
    }

    /**
     * Earlier questions that look like the same question, most similar first, with a cosine similarity
     * of at least {@value DuplicateCheck#THRESHOLD}. Does not exclude anything (a caller checking an edited
     * question should drop its own id).
     */
    public List<SearchHit> similar(String title, String details, int limit) {
        ensureOpen();
        if (limit <= 0) {
            return List.of();
        }
        Map<String, Double> terms = duplicateCheck.termFrequencies(title, details);
        if (terms.isEmpty()) {
            return List.of();
        }
        return withSearcher(searcher -> duplicateCheck.find(searcher, terms, limit, DuplicateCheck.THRESHOLD));
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                current.close();
                current.directory.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                documents.close();
            }
        }
    }

    /** Reads the index through a point-in-time searcher. */
    @FunctionalInterface
    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /**
     * Runs {@code fn} on the current point-in-time searcher. If a concurrent {@link #rebuild} closed
     * the generation between reading {@link #current} and acquiring from it, retries on the new one.
     */
    <T> T withSearcher(SearcherFunction<T> fn) {
        while (true) {
            IndexGeneration g = current;
            IndexSearcher searcher;
            try {
                searcher = g.searchers.acquire();
            } catch (AlreadyClosedException e) {
                if (closed || g == current) {
                    throw e;
                }
                continue; // swapped by a rebuild: use the new generation
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return fn.apply(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    g.searchers.release(searcher);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The live generation, for tests that measure it. */
    IndexGeneration generation() {
        ensureOpen();
        return current;
    }

    /** The duplicate check this index's {@link #similar} uses, for the calibration in tests. */
    DuplicateCheck duplicateCheck() {
        return duplicateCheck;
    }

    private void ensureOpen() {
        if (closed) {
            throw new AlreadyClosedException("QuestionIndex is closed");
        }
    }

    private static void closeQuietly(IndexGeneration g, Throwable primary) {
        try {
            g.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
