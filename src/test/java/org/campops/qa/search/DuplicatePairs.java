package org.campops.qa.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written pairs of {@code src/test/resources/qa/}: an earlier question, a new one, and whether the
 * new one asks the same thing (see {@value #TUNING}'s header for the format). {@value #TUNING} is the set the
 * analysis and the threshold were tuned on; {@value #HELD_OUT} was written after both were fixed, to see
 * how far the tuning carries to questions it has not seen.
 */
final class DuplicatePairs {

    static final String TUNING = "/qa/duplicate-pairs.txt";
    static final String HELD_OUT = "/qa/duplicate-pairs-held-out.txt";

    /**
     * @param duplicate whether the new question should be suggested the earlier one
     * @param source    the resource it comes from
     * @param category  what differs for a duplicate (register, spacing, particles, reword); "near" otherwise
     */
    record Pair(
            String source,
            int line,
            boolean duplicate,
            String category,
            String earlierTitle,
            String earlierDetails,
            String newTitle,
            String newDetails) {}

    private DuplicatePairs() {}

    /** Both sets, tuning set first. */
    static List<Pair> all() {
        List<Pair> all = new ArrayList<>(load(TUNING));
        all.addAll(load(HELD_OUT));
        return List.copyOf(all);
    }

    static List<Pair> load(String resource) {
        List<Pair> pairs = new ArrayList<>();
        try (InputStream in = DuplicatePairs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length != 6) {
                    throw new IllegalStateException(resource + ":" + number + ": expected 6 fields, got " + f.length);
                }
                String kind = f[0].strip();
                if (!kind.equals("dup") && !kind.equals("near")) {
                    throw new IllegalStateException(resource + ":" + number + ": kind must be dup or near: " + kind);
                }
                String category = f[1].strip();
                if (kind.equals("near") != category.equals("near")) {
                    throw new IllegalStateException(resource + ":" + number + ": near pairs, and only they, say near");
                }
                if (f[2].isBlank() || f[4].isBlank()) {
                    throw new IllegalStateException(resource + ":" + number + ": both titles are required");
                }
                pairs.add(new Pair(
                        resource,
                        number,
                        kind.equals("dup"),
                        category,
                        f[2].strip(),
                        f[3].strip(),
                        f[4].strip(),
                        f[5].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(pairs);
    }
}
