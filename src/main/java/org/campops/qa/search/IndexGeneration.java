package org.campops.qa.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One in-memory index: its directory, its single writer and the searcher manager on top. {@link
 * QuestionIndex} writes to the current generation, and a rebuild fills a fresh one ({@link #addAll}, using
 * all CPUs for analysis) before swapping it in.
 */
final class IndexGeneration {

    private static final double RAM_BUFFER_MB = 64;
    private static final int BATCH = 512;
    private static final int INDEXING_THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    final IndexWriter writer;
    final SearcherManager searchers;

    IndexGeneration(Analyzer analyzer) throws IOException {
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
     * Adds all documents, analyzing batches of {@value #BATCH} questions on up to 4 threads (one per CPU).
     * A failure of the iterable or of a batch is rethrown as it is.
     */
    void addAll(Iterable<IndexedQuestion> all, Function<IndexedQuestion, Document> toDocument) throws IOException {
        int threads = INDEXING_THREADS;
        if (threads <= 1) {
            for (IndexedQuestion q : all) {
                writer.addDocument(toDocument.apply(q));
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
                    tasks.add(submit(pool, inFlight, batch, toDocument));
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                tasks.add(submit(pool, inFlight, batch, toDocument));
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

    private Future<?> submit(
            ExecutorService pool,
            Semaphore inFlight,
            List<IndexedQuestion> batch,
            Function<IndexedQuestion, Document> toDocument)
            throws InterruptedException {
        inFlight.acquire();
        try {
            return pool.submit(() -> {
                try {
                    for (IndexedQuestion q : batch) {
                        writer.addDocument(toDocument.apply(q));
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
