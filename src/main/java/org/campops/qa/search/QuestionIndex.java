package org.campops.qa.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * In-memory Lucene index over questions and their answers, rebuilt from the database at start.
 *
 * <h2>Analysis</h2>
 * Korean-aware (Nori, see {@link QaAnalysis}): particles and verb endings are dropped, compounds are
 * indexed both whole and decomposed, English terms are lower-cased, and a few domain synonym groups
 * (OOM / out of memory / 메모리 부족, 과적합 / 오버피팅 / overfitting, …) map to a shared concept token.
 *
 * <h2>Ranking ({@link #search})</h2>
 * The query text is analyzed with the same analyzer as the documents, and every distinct term becomes
 * one optional clause {@code max(title^3, details, answers^0.8) + 0.3 * (sum of the other two)}
 * (a {@link DisjunctionMaxQuery} with tie-breaker 0.3, so a term that appears in several fields counts
 * mostly once). No query syntax is parsed, so user input can never cause a parse error. The BM25 sum is
 * then multiplied by a per-question prior stored as a doc value ({@link FunctionScoreQuery#boostByValue}):
 * <pre>
 *   prior = 1.0 (open)   * 1.25 if answered   * 1.2 if endorsed      (max 1.5)
 * </pre>
 * A multiplicative prior is scale-free (BM25 magnitudes depend on the query length and the corpus), so
 * it reorders hits of similar relevance — an answered question beats an open one unless the open one
 * is more than 25% more relevant — without letting a vaguely related endorsed answer beat an exact match.
 * (FunctionScoreQuery reports an unbounded maximum score, which turns off Lucene's top-k pruning; a
 * bound-aware wrapper was measured at only ~5% faster on the 100k benchmark, not worth custom scorer code.)
 *
 * <h2>Duplicates ({@link #similar})</h2>
 * BM25 retrieves up to {@value #SIMILAR_CANDIDATES} candidates from title and details; each candidate is
 * then scored by the cosine similarity of idf-weighted term vectors (title terms count double), read
 * from the term vectors of two extra fields analyzed for this purpose only (compound parts; nouns, verb
 * stems and interrogatives, whatever the verb ending; synonym concepts; see
 * {@link QaAnalysis#similarityAnalyzer}). Unlike a raw BM25 score, the
 * cosine is bounded in [0, 1] and does not grow with the length of the question, which makes a fixed
 * threshold ({@value #SIMILAR_THRESHOLD}) meaningful; see {@code DuplicateEvaluation} for the
 * calibration.
 *
 * <h2>Concurrency</h2>
 * Writes ({@link #rebuild}, {@link #upsert}, {@link #delete}) are serialized and each ends with
 * {@link SearcherManager#maybeRefreshBlocking()}, so a completed write is visible to the next search.
 * A rebuild fills a fresh index and swaps it in, so it is never seen half-done. Searches never block
 * on writes: they use the last published point-in-time searcher. After {@link #close()} every method
 * throws {@link AlreadyClosedException} (close itself is idempotent).
 */
public final class QuestionIndex implements AutoCloseable {

    static final String F_KEY = "key";
    static final String F_ID = "id";
    static final String F_TITLE = "title";
    static final String F_DETAILS = "details";
    static final String F_ANSWERS = "answers";
    static final String F_BIGRAMS = "bigrams";
    static final String F_SIM_TITLE = "sim_title";
    static final String F_SIM_DETAILS = "sim_details";
    static final String F_TOPIC = "topic";
    static final String F_PRIOR = "prior";

    static final float TITLE_BOOST = 3.0f;
    static final float DETAILS_BOOST = 1.0f;
    static final float ANSWERS_BOOST = 0.8f;
    static final float TIE_BREAKER = 0.3f;
    static final double ANSWERED_PRIOR = 1.25;
    static final double ENDORSED_PRIOR = 1.2;

    static final int SIMILAR_CANDIDATES = 50;
    static final int SIMILAR_QUERY_TERMS = 32;
    /**
     * Calibrated by DuplicateEvaluation on the pairs of src/test/resources/qa/duplicate-pairs.txt (281:
     * duplicates across verb endings, spacing, particles and rewordings; same-topic questions that ask
     * something else): precision and recall are both at least 0.9 from 0.50 to 0.65 (0.902 and 0.971 at
     * 0.50; both 0.96 around 0.58). The lower end is taken because duplicates written by others score
     * lower than these: heavily reworded ones (another verb, another word for the subject) 0.44–0.55, and
     * in an index of one question, where every unshared word weighs most (the start of a camp;
     * QaEndToEndTest), a duplicate with details that differ 0.545. The near-misses still suggested are
     * questions on the same sub-subject that differ in one word (파라미터 수를 확인하는 vs 줄이는 방법: 0.74).
     * BENCHMARKS.md ("Q&amp;A duplicate check") has the sweep.
     */
    static final double SIMILAR_THRESHOLD = 0.50;

    private static final int MAX_QUERY_CHARS = 2_000;
    private static final int MAX_SIMILAR_CHARS = 10_000;
    private static final int MAX_QUERY_TERMS = 64;
    private static final int MAX_LIMIT = 1_000;
    private static final double RAM_BUFFER_MB = 64;
    private static final int REBUILD_BATCH = 512;
    private static final int INDEXING_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final FieldType TEXT = textType(IndexOptions.DOCS_AND_FREQS, false);
    private static final FieldType SIM = textType(IndexOptions.DOCS, true);

    private final QaAnalysis.Options options;
    private final Analyzer textAnalyzer;
    private final Analyzer bigramAnalyzer;
    private final Analyzer similarityAnalyzer;
    private final Analyzer perFieldAnalyzer;
    private final Object writeLock = new Object();
    /** The live index; replaced as a whole by {@link #rebuild}. Written under {@link #writeLock}. */
    private volatile Generation current;
    private volatile boolean closed;

    /** One in-memory index: directory, its single writer and the searcher manager on top. */
    private static final class Generation {
        final ByteBuffersDirectory directory = new ByteBuffersDirectory();
        final IndexWriter writer;
        final SearcherManager searchers;

        Generation(Analyzer analyzer) throws IOException {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(RAM_BUFFER_MB)
                    .setCommitOnClose(false)
                    .setUseCompoundFile(false);
            TieredMergePolicy mergePolicy = new TieredMergePolicy();
            mergePolicy.setNoCFSRatio(0.0); // compound files only save file handles, irrelevant in memory
            config.setMergePolicy(mergePolicy);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, true, false, null);
        }

        /**
         * Closes manager and writer. Searchers still acquired from it keep working: their readers hold
         * the segment data (heap buffers) until released.
         */
        void close() throws IOException {
            try {
                searchers.close();
            } finally {
                writer.close();
            }
        }
    }

    public QuestionIndex() {
        this(QaAnalysis.Options.DEFAULT);
    }

    /** Variant with non-default analysis options, for the recall comparison in tests. */
    QuestionIndex(QaAnalysis.Options options) {
        this.options = options;
        this.textAnalyzer = QaAnalysis.textAnalyzer(options);
        this.bigramAnalyzer = QaAnalysis.bigramAnalyzer();
        this.similarityAnalyzer = QaAnalysis.similarityAnalyzer(options);
        this.perFieldAnalyzer = new PerFieldAnalyzerWrapper(textAnalyzer, Map.of(F_BIGRAMS, bigramAnalyzer,
                F_SIM_TITLE, similarityAnalyzer, F_SIM_DETAILS, similarityAnalyzer));
        try {
            this.current = new Generation(perFieldAnalyzer);
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
            Generation fresh;
            try {
                fresh = new Generation(perFieldAnalyzer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                addAll(fresh.writer, all);
                fresh.writer.forceMerge(1);
                fresh.searchers.maybeRefreshBlocking();
            } catch (IOException | RuntimeException | Error e) {
                closeQuietly(fresh, e);
                throw e instanceof IOException io ? new UncheckedIOException(io) : sneaky(e);
            }
            Generation old = current;
            current = fresh;
            try {
                old.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Adds all documents, analyzing batches on up to {@link #INDEXING_THREADS} threads. */
    private void addAll(IndexWriter writer, Iterable<IndexedQuestion> all) throws IOException {
        int threads = INDEXING_THREADS;
        if (threads <= 1) {
            for (IndexedQuestion q : all) {
                writer.addDocument(toDocument(q));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "qa-index-rebuild");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads * 2); // bounds the batches held in memory
        List<Future<?>> tasks = new ArrayList<>();
        try {
            List<IndexedQuestion> batch = new ArrayList<>(REBUILD_BATCH);
            for (IndexedQuestion q : all) {
                batch.add(q);
                if (batch.size() == REBUILD_BATCH) {
                    tasks.add(submit(pool, inFlight, writer, batch));
                    batch = new ArrayList<>(REBUILD_BATCH);
                }
            }
            if (!batch.isEmpty()) {
                tasks.add(submit(pool, inFlight, writer, batch));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw sneaky(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private Future<?> submit(ExecutorService pool, Semaphore inFlight, IndexWriter writer,
                             List<IndexedQuestion> batch) throws InterruptedException {
        inFlight.acquire();
        try {
            return pool.submit(() -> {
                try {
                    for (IndexedQuestion q : batch) {
                        writer.addDocument(toDocument(q));
                    }
                } finally {
                    inFlight.release();
                }
                return null;
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /** Adds the question or replaces the one with the same id; visible to the next search. */
    public void upsert(IndexedQuestion q) {
        synchronized (writeLock) {
            ensureOpen();
            try {
                current.writer.updateDocument(keyTerm(q.id()), toDocument(q));
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
                current.writer.deleteDocuments(keyTerm(id));
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
    public List<SearchHit> search(String query, int limit, String topicOrNull) {
        ensureOpen();
        if (query == null || limit <= 0) {
            return List.of();
        }
        List<String> terms = AnalyzedTerms.distinctTerms(textAnalyzer, F_TITLE, clip(query, MAX_QUERY_CHARS),
                MAX_QUERY_TERMS);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (String term : terms) {
            text.add(new DisjunctionMaxQuery(List.of(
                    new BoostQuery(new TermQuery(new Term(F_TITLE, term)), TITLE_BOOST),
                    new BoostQuery(new TermQuery(new Term(F_DETAILS, term)), DETAILS_BOOST),
                    new BoostQuery(new TermQuery(new Term(F_ANSWERS, term)), ANSWERS_BOOST)),
                    TIE_BREAKER), Occur.SHOULD);
        }
        if (options.bigrams()) {
            List<String> bigrams = AnalyzedTerms.distinctTerms(bigramAnalyzer, F_BIGRAMS,
                    clip(query, MAX_QUERY_CHARS), MAX_QUERY_TERMS);
            if (!bigrams.isEmpty()) {
                BooleanQuery.Builder bg = new BooleanQuery.Builder();
                for (String b : bigrams) {
                    bg.add(new TermQuery(new Term(F_BIGRAMS, b)), Occur.SHOULD);
                }
                text.add(new BoostQuery(bg.build(), options.bigramWeight()), Occur.SHOULD);
            }
        }
        Query query1 = text.build();
        String topic = normalizeTopic(topicOrNull);
        if (topic != null) {
            query1 = new BooleanQuery.Builder()
                    .add(query1, Occur.MUST)
                    .add(new TermQuery(new Term(F_TOPIC, topic)), Occur.FILTER)
                    .build();
        }
        Query ranked = FunctionScoreQuery.boostByValue(query1, DoubleValuesSource.fromDoubleField(F_PRIOR));
        int n = Math.min(limit, MAX_LIMIT);
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(ranked, n);
            List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(new SearchHit(idOf(searcher.getIndexReader(), sd.doc), sd.score));
            }
            return hits;
        });
    }

    /**
     * Earlier questions that look like the same question, most similar first, with a cosine similarity
     * of at least {@value #SIMILAR_THRESHOLD}. Does not exclude anything (a caller checking an edited
     * question should drop its own id).
     */
    public List<SearchHit> similar(String title, String details, int limit) {
        return similar(title, details, limit, SIMILAR_THRESHOLD);
    }

    /** {@link #similar(String, String, int)} with an explicit threshold (0 = all candidates), for calibration. */
    List<SearchHit> similar(String title, String details, int limit, double threshold) {
        ensureOpen();
        if (limit <= 0) {
            return List.of();
        }
        Map<String, Double> queryTf = new HashMap<>();
        if (title != null) {
            AnalyzedTerms.addTermFrequencies(similarityAnalyzer, F_SIM_TITLE, clip(title, MAX_SIMILAR_CHARS), 2.0,
                    queryTf);
        }
        if (details != null) {
            AnalyzedTerms.addTermFrequencies(similarityAnalyzer, F_SIM_DETAILS, clip(details, MAX_SIMILAR_CHARS), 1.0,
                    queryTf);
        }
        if (queryTf.isEmpty()) {
            return List.of();
        }
        return withSearcher(searcher -> {
            IndexReader reader = searcher.getIndexReader();
            Map<String, Double> idfCache = new HashMap<>();
            Map<String, Double> queryVec = weigh(queryTf, reader, idfCache);
            double queryNorm = norm(queryVec);
            if (queryNorm == 0) {
                return List.of();
            }
            BooleanQuery.Builder candidates = new BooleanQuery.Builder();
            queryVec.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(SIMILAR_QUERY_TERMS)
                    .forEach(e -> {
                        candidates.add(new BoostQuery(new TermQuery(new Term(F_SIM_TITLE, e.getKey())), 2f),
                                Occur.SHOULD);
                        candidates.add(new TermQuery(new Term(F_SIM_DETAILS, e.getKey())), Occur.SHOULD);
                    });
            TopDocs top = searcher.search(candidates.build(), SIMILAR_CANDIDATES);
            TermVectors vectors = reader.termVectors();
            List<SearchHit> hits = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                Map<String, Double> docTf = new HashMap<>();
                Fields fields = vectors.get(sd.doc);
                if (fields != null) {
                    addVectorTf(fields.terms(F_SIM_TITLE), 2.0, docTf);
                    addVectorTf(fields.terms(F_SIM_DETAILS), 1.0, docTf);
                }
                Map<String, Double> docVec = weigh(docTf, reader, idfCache);
                double cosine = dot(queryVec, docVec) / (queryNorm * norm(docVec));
                if (cosine >= threshold) {
                    hits.add(new SearchHit(idOf(reader, sd.doc), cosine));
                }
            }
            hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
            return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
        });
    }

    /** Number of questions visible to searches. */
    public int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /**
     * Best-effort estimate of the index memory: the size of all files in the in-memory directory (the
     * segments, which dominate) plus the writer's not yet flushed indexing buffer. Excludes the small
     * per-reader heap structures; the benchmark reports the measured heap delta next to this number.
     */
    public long ramBytesUsed() {
        ensureOpen();
        Generation g = current;
        long bytes = g.writer.ramBytesUsed();
        try {
            for (String file : g.directory.listAll()) {
                try {
                    bytes += g.directory.fileLength(file);
                } catch (IOException deletedMeanwhile) {
                    // a merge removed the file between listAll and fileLength
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
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
                textAnalyzer.close();
                bigramAnalyzer.close();
                similarityAnalyzer.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private Document toDocument(IndexedQuestion q) {
        Document doc = new Document();
        doc.add(new StringField(F_KEY, Long.toString(q.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(F_ID, q.id()));
        doc.add(new Field(F_TITLE, q.title(), TEXT));
        doc.add(new Field(F_DETAILS, q.details(), TEXT));
        doc.add(new Field(F_SIM_TITLE, q.title(), SIM));
        doc.add(new Field(F_SIM_DETAILS, q.details(), SIM));
        for (String answer : q.answers()) {
            doc.add(new Field(F_ANSWERS, answer, TEXT));
        }
        if (options.bigrams()) {
            doc.add(new Field(F_BIGRAMS, q.title(), TEXT));
            doc.add(new Field(F_BIGRAMS, q.details(), TEXT));
            for (String answer : q.answers()) {
                doc.add(new Field(F_BIGRAMS, answer, TEXT));
            }
        }
        String topic = normalizeTopic(q.topic());
        if (topic != null) {
            doc.add(new StringField(F_TOPIC, topic, Field.Store.NO));
        }
        doc.add(new DoubleDocValuesField(F_PRIOR, prior(q.answered(), q.endorsed())));
        return doc;
    }

    static double prior(boolean answered, boolean endorsed) {
        return (answered ? ANSWERED_PRIOR : 1.0) * (endorsed ? ENDORSED_PRIOR : 1.0);
    }

    /** Bag of words: no phrase queries, so no positions are indexed. */
    private static FieldType textType(IndexOptions indexOptions, boolean vectors) {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(false);
        type.setIndexOptions(indexOptions);
        type.setStoreTermVectors(vectors);
        type.freeze();
        return type;
    }

    private static Term keyTerm(long id) {
        return new Term(F_KEY, Long.toString(id));
    }

    private static String normalizeTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            return null;
        }
        return topic.strip().toLowerCase(Locale.ROOT);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @FunctionalInterface
    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /**
     * Runs {@code fn} on the current point-in-time searcher. If a concurrent {@link #rebuild} closed
     * the generation between reading {@link #current} and acquiring from it, retries on the new one.
     */
    private <T> T withSearcher(SearcherFunction<T> fn) {
        while (true) {
            Generation g = current;
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

    private void ensureOpen() {
        if (closed) {
            throw new AlreadyClosedException("QuestionIndex is closed");
        }
    }

    private static void closeQuietly(Generation g, Throwable primary) {
        try {
            g.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private static long idOf(IndexReader reader, int doc) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues ids = leaf.reader().getNumericDocValues(F_ID);
        if (ids == null || !ids.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("document without id: " + doc);
        }
        return ids.longValue();
    }

    private static void addVectorTf(Terms terms, double weight, Map<String, Double> into) throws IOException {
        if (terms == null) {
            return;
        }
        TermsEnum te = terms.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            into.merge(t.utf8ToString(), weight * te.totalTermFreq(), Double::sum);
        }
    }

    /** Log-scaled tf times a BM25-style idf (always positive); df is the larger of title and details. */
    private static Map<String, Double> weigh(Map<String, Double> tf, IndexReader reader,
                                             Map<String, Double> idfCache) throws IOException {
        Map<String, Double> vec = new HashMap<>(tf.size() * 2);
        double n = reader.maxDoc() + 1.0; // + the question being checked
        for (Map.Entry<String, Double> e : tf.entrySet()) {
            Double idf = idfCache.get(e.getKey());
            if (idf == null) {
                int df = Math.max(reader.docFreq(new Term(F_SIM_TITLE, e.getKey())),
                        reader.docFreq(new Term(F_SIM_DETAILS, e.getKey())));
                idf = Math.log(1.0 + (n - df + 0.5) / (df + 0.5));
                idfCache.put(e.getKey(), idf);
            }
            vec.put(e.getKey(), (1.0 + Math.log(e.getValue())) * idf);
        }
        return vec;
    }

    private static double dot(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            Map<String, Double> t = a;
            a = b;
            b = t;
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double other = b.get(e.getKey());
            if (other != null) {
                sum += e.getValue() * other;
            }
        }
        return sum;
    }

    private static double norm(Map<String, Double> v) {
        double sum = 0;
        for (double x : v.values()) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
