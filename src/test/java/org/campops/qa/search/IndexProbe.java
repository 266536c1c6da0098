package org.campops.qa.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** What tests, the evaluations and the benchmark read of a {@link QuestionIndex} besides its API. */
final class IndexProbe {

    private IndexProbe() {}

    /** Number of questions visible to searches. */
    static int size(QuestionIndex index) {
        return index.withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /**
     * Best-effort estimate of the index memory: the size of all files in the in-memory directory (the
     * segments, which dominate) plus the writer's not yet flushed indexing buffer. Excludes the small
     * per-reader heap structures; the benchmark reports the measured heap delta next to this number.
     */
    static long ramBytesUsed(QuestionIndex index) {
        IndexGeneration g = index.generation();
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

    /**
     * {@link QuestionIndex#similar} with another threshold than {@link DuplicateCheck#THRESHOLD} (0 = every
     * candidate), for the calibration.
     */
    static List<SearchHit> similar(QuestionIndex index, String title, String details, int limit, double threshold) {
        if (limit <= 0) {
            return List.of();
        }
        DuplicateCheck check = index.duplicateCheck();
        Map<String, Double> terms = check.termFrequencies(title, details);
        if (terms.isEmpty()) {
            return List.of();
        }
        return index.withSearcher(searcher -> check.find(searcher, terms, limit, threshold));
    }
}
