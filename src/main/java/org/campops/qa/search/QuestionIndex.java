package org.campops.qa.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.jspecify.annotations.Nullable;

/**
 * Lucene index over questions and their answers, in memory or saved in a folder ({@link #open}, {@link IndexFolder}):
 * the public entry of the Q&amp;A search, which owns the index's lifecycle and serializes its writes.
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
    /** Where the index is saved; null for an index in memory only. */
    private final @Nullable IndexFolder folder;
    /** The marks of the last commit of the live generation, without the format (empty: nothing saved). */
    private volatile Map<String, String> savedMarks;

    /** The live index; replaced as a whole by {@link #rebuild}. Written under {@link #writeLock}. */
    private volatile IndexGeneration current;

    private volatile boolean closed;

    /** An index in memory only: empty until {@link #rebuild}. */
    public QuestionIndex() {
        this(QaAnalysis.Options.DEFAULT, null);
    }

    /** Variant with non-default analysis options, for the comparisons in tests. */
    QuestionIndex(QaAnalysis.Options options) {
        this(options, null);
    }

    private QuestionIndex(QaAnalysis.Options options, @Nullable IndexFolder folder) {
        this.documents = new QuestionDocuments(options);
        this.rankedSearch = new RankedSearch(documents, options);
        this.duplicateCheck = new DuplicateCheck(documents);
        this.folder = folder;
        try {
            this.current = folder == null
                    ? new IndexGeneration(documents.indexAnalyzer())
                    : folder.openCurrent(documents.indexAnalyzer(), documents.format());
        } catch (IOException | RuntimeException e) {
            documents.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        this.savedMarks = IndexFolder.withoutFormat(current.openedMarks);
    }

    /**
     * The index saved in {@code folder} (created if missing), as its last {@link #save} left it; empty, with no
     * {@link #savedMarks}, when nothing was saved there or it was saved by a build that indexed differently. The
     * folder is locked by this process until {@link #close}: throws {@link IndexFolderInUse} when another has it.
     */
    public static QuestionIndex open(Path folder) {
        return new QuestionIndex(QaAnalysis.Options.DEFAULT, new IndexFolder(folder));
    }

    /** Whether {@link #save} keeps the index on disk (false: in memory only, and save does nothing). */
    public boolean savesToDisk() {
        return folder != null;
    }

    /** The marks passed to the last {@link #save} or {@link #rebuild} that saved the index; empty if none did. */
    public Map<String, String> savedMarks() {
        return savedMarks;
    }

    /**
     * Saves the index as it is now (fsynced), with {@code marks} telling the caller later what it holds, when it is
     * kept on disk; does nothing otherwise. Whatever was written after the last save is lost if the process dies.
     */
    public void save(Map<String, String> marks) {
        synchronized (writeLock) {
            ensureOpen();
            if (folder == null) {
                return;
            }
            try {
                current.commit(IndexFolder.withFormat(marks, documents.format()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            savedMarks = Map.copyOf(marks);
        }
    }

    /** How many questions the index holds. */
    public int size() {
        ensureOpen();
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** The ids of the questions the index holds. */
    public Set<Long> ids() {
        ensureOpen();
        return withSearcher(QuestionDocuments::ids);
    }

    /** {@link #rebuild(Iterable, Map)} with no marks. */
    public void rebuild(Iterable<IndexedQuestion> all) {
        rebuild(all, Map.of());
    }

    /**
     * Replaces the whole content of the index. The new content is built in a fresh index, using all CPUs for
     * analysis, merged to one segment, saved with {@code marks} when kept on disk (see {@link #save}), then swapped
     * in atomically: searches see the old content until this returns, and if it throws the old content stays.
     */
    public void rebuild(Iterable<IndexedQuestion> all, Map<String, String> marks) {
        synchronized (writeLock) {
            ensureOpen();
            try {
                IndexGeneration fresh = IndexGeneration.built(
                        folder == null
                                ? new IndexGeneration(documents.indexAnalyzer())
                                : folder.fresh(documents.indexAnalyzer()),
                        all,
                        documents::toDocument,
                        folder == null ? null : IndexFolder.withFormat(marks, documents.format()));
                IndexGeneration old = current;
                current = fresh;
                savedMarks = folder == null ? Map.of() : Map.copyOf(marks);
                old.close();
                if (folder != null) {
                    old.directory.close();
                    folder.removeAllBut(fresh.folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Many {@link #upsert}s and {@link #delete}s at once (one refresh at the end), e.g. the catch-up of a saved
     * index; analysis runs on all CPUs, as in a rebuild. Visible to the next search.
     */
    public void apply(Collection<IndexedQuestion> upserts, Collection<Long> deletes) {
        synchronized (writeLock) {
            ensureOpen();
            try {
                current.updateAll(upserts, documents::toDocument);
                for (long id : deletes) {
                    current.writer.deleteDocuments(QuestionDocuments.keyTerm(id));
                }
                current.searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Adds the question or replaces the one with the same id; visible to the next search. */
    public void upsert(IndexedQuestion q) {
        apply(List.of(q), List.of());
    }

    /** Removes the question with this id, if present; visible to the next search. */
    public void delete(long id) {
        apply(List.of(), List.of(id));
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
                IndexFolder.closeQuietly(folder); // the folder's lock
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
}
