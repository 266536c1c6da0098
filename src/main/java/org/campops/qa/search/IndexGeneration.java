package org.campops.qa.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.jspecify.annotations.Nullable;

/**
 * One index: its directory (in memory, or a folder of {@link IndexFolder}), its single writer and the searcher
 * manager on top. {@link QuestionIndex} writes to the current generation, and a rebuild fills a fresh one ({@link
 * #addAll}, using all CPUs for analysis) before swapping it in. A generation on disk opens what its folder's last
 * commit holds; {@link #commit} saves it with marks of the caller's.
 */
final class IndexGeneration {

    private static final double RAM_BUFFER_MB = 64;
    private static final int BATCH = 512;
    private static final int INDEXING_THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    final Directory directory;
    /** The generation's folder on disk; null in memory. */
    final @Nullable Path folder;

    final IndexWriter writer;
    final SearcherManager searchers;
    /** The marks of the commit this generation was opened on (empty for a new one). */
    final Map<String, String> openedMarks;

    /** A new, empty generation in memory. */
    IndexGeneration(Analyzer analyzer) throws IOException {
        this(analyzer, new ByteBuffersDirectory(), null);
    }

    /** The generation saved in {@code folder}: what its last commit holds, or empty when it has none. */
    IndexGeneration(Analyzer analyzer, Path folder) throws IOException {
        this(analyzer, IndexFolder.open(folder), folder);
    }

    private IndexGeneration(Analyzer analyzer, Directory directory, @Nullable Path folder) throws IOException {
        this.directory = directory;
        this.folder = folder;
        boolean committed = DirectoryReader.indexExists(directory);
        openedMarks =
                committed ? Map.copyOf(SegmentInfos.readLatestCommit(directory).getUserData()) : Map.of();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(committed ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                .setCommitOnClose(false)
                .setUseCompoundFile(false);
        TieredMergePolicy mergePolicy = new TieredMergePolicy();
        mergePolicy.setNoCFSRatio(0.0); // compound files only save file handles: none in memory, few segments on disk
        config.setMergePolicy(mergePolicy);
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, true, false, null);
    }

    /**
     * Adds all documents, analyzing batches of {@value #BATCH} questions on up to 4 threads (one per CPU).
     * A failure of the iterable or of a batch is rethrown as it is.
     */
    void addAll(Iterable<IndexedQuestion> all, Function<IndexedQuestion, Document> toDocument) throws IOException {
        inParallel(all, q -> writer.addDocument(toDocument.apply(q)));
    }

    /** Adds or replaces (by id) each question, analyzing on up to 4 threads as {@link #addAll} does. */
    void updateAll(Iterable<IndexedQuestion> all, Function<IndexedQuestion, Document> toDocument) throws IOException {
        inParallel(all, q -> writer.updateDocument(QuestionDocuments.keyTerm(q.id()), toDocument.apply(q)));
    }

    /** Writing one question to the writer. */
    @FunctionalInterface
    private interface Write {
        void accept(IndexedQuestion q) throws IOException;
    }

    private void inParallel(Iterable<IndexedQuestion> all, Write write) throws IOException {
        int threads = INDEXING_THREADS;
        if (threads <= 1 || (all instanceof Collection<?> few && few.size() < BATCH)) {
            for (IndexedQuestion q : all) {
                write.accept(q);
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
            List<IndexedQuestion> batch = new ArrayList<>(BATCH);
            for (IndexedQuestion q : all) {
                batch.add(q);
                if (batch.size() == BATCH) {
                    tasks.add(submit(pool, inFlight, batch, write));
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                tasks.add(submit(pool, inFlight, batch, write));
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
            if (cause instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) cause; // a batch throws nothing else
        } finally {
            pool.shutdownNow();
        }
    }

    private static Future<?> submit(ExecutorService pool, Semaphore inFlight, List<IndexedQuestion> batch, Write write)
            throws InterruptedException {
        inFlight.acquire();
        try {
            return pool.submit(() -> {
                try {
                    for (IndexedQuestion q : batch) {
                        write.accept(q);
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

    /**
     * {@code fresh} filled with {@code all}, merged to one segment, refreshed, and committed with {@code marks}
     * unless they are null; closed (and the failure rethrown) if any of it fails.
     */
    static IndexGeneration built(
            IndexGeneration fresh,
            Iterable<IndexedQuestion> all,
            Function<IndexedQuestion, Document> toDocument,
            @Nullable Map<String, String> marks)
            throws IOException {
        try {
            fresh.addAll(all, toDocument);
            fresh.writer.forceMerge(1);
            fresh.searchers.maybeRefreshBlocking();
            if (marks != null) {
                fresh.commit(marks);
            }
            return fresh;
        } catch (IOException | RuntimeException | Error e) {
            try {
                fresh.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Saves what the writer holds (fsynced), with {@code marks} as the commit's user data. */
    void commit(Map<String, String> marks) throws IOException {
        writer.setLiveCommitData(Map.copyOf(marks).entrySet());
        writer.commit();
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
