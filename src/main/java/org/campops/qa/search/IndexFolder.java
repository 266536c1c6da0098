package org.campops.qa.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NRTCachingDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a saved index lives in: one sub-folder per generation ({@code gen-1}, {@code gen-2}, …). The current
 * generation is the highest one holding a commit. A rebuild fills the next one, commits it and only then removes the
 * older ones, so a process killed during a rebuild leaves the last saved index in place (and the unfinished folder is
 * removed at the next open).
 */
final class IndexFolder implements java.io.Closeable {
    /** The commit mark holding the format the generation was built in ({@link QuestionDocuments#format}). */
    static final String FORMAT = "format";

    private static final Logger LOG = LoggerFactory.getLogger(IndexFolder.class);
    private static final String PREFIX = "gen-";
    /** Small segments of single updates stay in memory until merged or committed. */
    private static final double MAX_MERGE_MB = 4;

    private static final double MAX_CACHED_MB = 32;

    /** The file whose lock tells that a process has the folder open (an H2 file has one user; PostgreSQL, many). */
    static final String LOCK_FILE = "in-use.lock";

    private final Path root;
    private java.nio.channels.@Nullable FileLock lock;

    IndexFolder(Path root) {
        this.root = root;
    }

    /**
     * Takes the folder for this index until {@link #close}: before anything is read or removed in it, so that a second
     * instance pointed at the same folder changes nothing there. Throws {@link IndexFolderInUse} when another
     * process (or another index in this one) has it.
     */
    void lock() throws IOException {
        Files.createDirectories(root);
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                root.resolve(LOCK_FILE),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IndexFolderInUse(root);
        }
    }

    /** {@link #close} of a folder that may be null, for a failed open (its error is the one that counts). */
    static void closeQuietly(@Nullable IndexFolder folder) {
        try {
            if (folder != null) {
                folder.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing the search index folder failed", e);
        }
    }

    /** Gives the folder back ({@link #lock}). */
    @Override
    public void close() throws IOException {
        java.nio.channels.FileLock l = lock;
        lock = null;
        if (l != null) {
            l.channel().close(); // releases the lock
        }
    }

    Path root() {
        return root;
    }

    /** The highest generation folder with a commit; the others are removed. Empty when none has one. */
    Optional<Path> current() throws IOException {
        Files.createDirectories(root);
        Optional<Path> current = Optional.empty();
        List<Path> gens = generations();
        for (int i = gens.size() - 1; i >= 0; i--) {
            Path gen = gens.get(i);
            try (Directory d = FSDirectory.open(gen)) {
                if (DirectoryReader.indexExists(d)) {
                    current = Optional.of(gen);
                    break;
                }
            }
        }
        removeAllBut(current.orElse(null));
        return current;
    }

    /**
     * The saved generation when it was saved in {@code format} (its marks then hold {@value #FORMAT}); otherwise, or
     * when it cannot be read, a new empty one (the old ones removed).
     */
    IndexGeneration openCurrent(Analyzer analyzer, String format) throws IOException {
        lock();
        try {
            return openCurrentLocked(analyzer, format);
        } catch (IOException | RuntimeException e) {
            closeQuietly(this);
            throw e;
        }
    }

    private IndexGeneration openCurrentLocked(Analyzer analyzer, String format) throws IOException {
        Optional<Path> saved = current();
        if (saved.isPresent()) {
            IndexGeneration g = null;
            try {
                g = new IndexGeneration(analyzer, saved.get());
                if (format.equals(g.openedMarks.get(FORMAT))) {
                    return g;
                }
                LOG.info("the saved search index was built differently ({}): it is built again", saved.get());
            } catch (LockObtainFailedException e) {
                throw e; // another index in this process has it open: not ours to remove
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "the saved search index in {} cannot be read ({}): it is built again",
                        saved.get(),
                        e.toString());
            }
            if (g != null) {
                g.close();
                g.directory.close();
            }
        }
        IndexGeneration fresh = fresh(analyzer);
        removeAllBut(fresh.folder);
        return fresh;
    }

    /** {@code marks} with the format mark added, for a commit. */
    static Map<String, String> withFormat(Map<String, String> marks, String format) {
        Map<String, String> all = new HashMap<>(marks);
        all.put(FORMAT, format);
        return all;
    }

    /** A commit's marks without the format mark, as the index's user sees them. */
    static Map<String, String> withoutFormat(Map<String, String> marks) {
        Map<String, String> all = new HashMap<>(marks);
        all.remove(FORMAT);
        return Map.copyOf(all);
    }

    /** An empty generation in a new folder after the highest one there. */
    IndexGeneration fresh(Analyzer analyzer) throws IOException {
        return new IndexGeneration(analyzer, next());
    }

    /** A new, empty generation folder after the highest one there. */
    Path next() throws IOException {
        List<Path> gens = generations();
        int n = gens.isEmpty() ? 1 : number(gens.get(gens.size() - 1)) + 1;
        return Files.createDirectories(root.resolve(PREFIX + n));
    }

    /** Removes every generation folder except {@code keep} (all of them when it is null). */
    void removeAllBut(@Nullable Path keep) throws IOException {
        for (Path gen : generations()) {
            if (!gen.equals(keep)) {
                delete(gen);
            }
        }
    }

    /** Opens a generation folder for the index (memory-mapped, small new segments cached in memory). */
    static Directory open(Path gen) throws IOException {
        return new NRTCachingDirectory(FSDirectory.open(gen), MAX_MERGE_MB, MAX_CACHED_MB);
    }

    private List<Path> generations() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isDirectory(p) && number(p) > 0)
                    .sorted(Comparator.comparingInt(IndexFolder::number))
                    .toList();
        }
    }

    private static int number(Path gen) {
        String name = gen.getFileName().toString();
        if (!name.startsWith(PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
