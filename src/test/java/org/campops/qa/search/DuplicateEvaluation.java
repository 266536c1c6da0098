package org.campops.qa.search;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.campops.qa.QaService;
import org.campops.testing.Bench;

/**
 * Precision and recall of the duplicate check ({@link QuestionIndex#similar}) on {@link DuplicatePairs}.
 *
 * <p>The index holds every distinct earlier question of the pairs plus {@link EvalCorpus#questions()} as
 * background. A pair counts as flagged when the new question's {@code similar} call, with the threshold
 * and the number of suggestions the bot shows ({@link QaService#SIMILAR_SHOWN}), returns its earlier
 * question. Everything is deterministic: the index is built in one batch (fewer documents than a
 * rebuild batch) in list order, and no timing is involved.
 *
 * <p>Also a main class: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench=org.campops.qa.search.DuplicateEvaluation}
 * writes the {@code ## Q&A duplicate check} section of BENCHMARKS.md.
 */
public final class DuplicateEvaluation {

    static final String SECTION = "## Q&A duplicate check";
    static final long FIRST_EARLIER_ID = 1_001;

    /** What happened to one pair: the earlier question's cosine and rank among all candidates (-1: not one). */
    record Outcome(DuplicatePairs.Pair pair, double cosine, int rank, boolean flagged) {
    }

    record Result(List<Outcome> outcomes, double threshold) {
        long truePositives() {
            return outcomes.stream().filter(o -> o.flagged() && o.pair().duplicate()).count();
        }

        long falsePositives() {
            return outcomes.stream().filter(o -> o.flagged() && !o.pair().duplicate()).count();
        }

        long falseNegatives() {
            return outcomes.stream().filter(o -> !o.flagged() && o.pair().duplicate()).count();
        }

        long duplicates() {
            return outcomes.stream().filter(o -> o.pair().duplicate()).count();
        }

        double precision() {
            long flagged = truePositives() + falsePositives();
            return flagged == 0 ? 1.0 : (double) truePositives() / flagged;
        }

        double recall() {
            long dups = duplicates();
            return dups == 0 ? 1.0 : (double) truePositives() / dups;
        }

        /** Share of the pairs of {@code category} that were flagged. */
        double flaggedShare(String category) {
            List<Outcome> of = outcomes.stream().filter(o -> o.pair().category().equals(category)).toList();
            return of.isEmpty() ? Double.NaN : (double) of.stream().filter(Outcome::flagged).count() / of.size();
        }

        /** Precision and recall if the threshold were {@code t} (same candidates, same number shown). */
        Result atThreshold(double t) {
            return new Result(outcomes.stream().map(o -> new Outcome(o.pair(), o.cosine(), o.rank(),
                    o.rank() >= 0 && o.rank() < QaService.SIMILAR_SHOWN && o.cosine() >= t)).toList(), t);
        }

        List<Outcome> errors() {
            return outcomes.stream().filter(o -> o.flagged() != o.pair().duplicate()).toList();
        }
    }

    private DuplicateEvaluation() {
    }

    static Result evaluate(Supplier<QuestionIndex> indexes, List<DuplicatePairs.Pair> pairs, double threshold) {
        Map<String, Long> earlierIds = new LinkedHashMap<>();
        List<IndexedQuestion> docs = new ArrayList<>(EvalCorpus.questions());
        for (DuplicatePairs.Pair p : pairs) {
            String key = p.earlierTitle() + "\n" + p.earlierDetails();
            if (!earlierIds.containsKey(key)) {
                long id = FIRST_EARLIER_ID + earlierIds.size();
                earlierIds.put(key, id);
                docs.add(EvalCorpus.q(id, "eval", false, false, p.earlierTitle(), p.earlierDetails()));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (QuestionIndex index = indexes.get()) {
            index.rebuild(docs);
            for (DuplicatePairs.Pair p : pairs) {
                long earlier = earlierIds.get(p.earlierTitle() + "\n" + p.earlierDetails());
                List<SearchHit> all = index.similar(p.newTitle(), p.newDetails(), QuestionIndex.SIMILAR_CANDIDATES, 0.0);
                int rank = -1;
                double cosine = 0;
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id() == earlier) {
                        rank = i;
                        cosine = all.get(i).score();
                        break;
                    }
                }
                boolean flagged = index.similar(p.newTitle(), p.newDetails(), QaService.SIMILAR_SHOWN, threshold)
                        .stream().anyMatch(h -> h.id() == earlier);
                outcomes.add(new Outcome(p, cosine, rank, flagged));
            }
        }
        return new Result(List.copyOf(outcomes), threshold);
    }

    static Result evaluateDefault() {
        return evaluate(QuestionIndex::new, DuplicatePairs.load(), QuestionIndex.SIMILAR_THRESHOLD);
    }

    /** Counts of the set, e.g. "265 pairs: 162 duplicates (101 register, ...), 103 near-misses". */
    static String describe(List<DuplicatePairs.Pair> pairs) {
        Map<String, Integer> byCategory = new TreeMap<>();
        pairs.stream().filter(DuplicatePairs.Pair::duplicate).forEach(p -> byCategory.merge(p.category(), 1, Integer::sum));
        long dups = pairs.stream().filter(DuplicatePairs.Pair::duplicate).count();
        StringBuilder sb = new StringBuilder();
        sb.append(pairs.size()).append(" pairs: ").append(dups).append(" duplicates (");
        List<String> parts = new ArrayList<>();
        byCategory.forEach((c, n) -> parts.add(n + " " + c));
        sb.append(String.join(", ", parts)).append("), ").append(pairs.size() - dups).append(" near-misses");
        return sb.toString();
    }

    static String errorLines(Result r) {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : r.errors()) {
            DuplicatePairs.Pair p = o.pair();
            sb.append(Bench.fmt("  %s line %d (%s) cos %.3f rank %d: \"%s\" -> \"%s\"%n",
                    p.duplicate() ? "missed" : "false alarm", p.line(), p.category(), o.cosine(), o.rank(),
                    p.newTitle(), p.earlierTitle()));
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        String loadBefore = Bench.loadAverage();
        List<DuplicatePairs.Pair> pairs = DuplicatePairs.load();
        Result r = evaluateDefault();
        String loadAfter = Bench.loadAverage();

        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append("Precision and recall of `QuestionIndex.similar` (the \"did you mean\" list of `/ask`) on the "
                + "hand-written pairs of `src/test/resources/qa/duplicate-pairs.txt`. Generated by `DuplicateEvaluation` on ")
                .append(LocalDate.now(ZoneOffset.UTC)).append(".\n\n");
        md.append("- Command: `").append(Bench.command(DuplicateEvaluation.class)).append("`\n");
        md.append(Bench.machine(loadBefore, loadAfter));
        md.append(Bench.java());
        md.append("- Set: ").append(describe(pairs)).append("\n");
        md.append(Bench.fmt("- Threshold %.2f, %d suggestions shown%n%n", r.threshold(), QaService.SIMILAR_SHOWN));
        md.append(Bench.fmt("| precision | recall | flagged near-misses |%n|---|---|---|%n| %.3f | %.3f | %d of %d |%n",
                r.precision(), r.recall(), r.falsePositives(), pairs.size() - r.duplicates()));
        md.append("\nErrors:\n\n```\n").append(errorLines(r)).append("```\n");
        System.out.println(md);
        if (out != null) {
            Bench.writeSection(out, SECTION, md.toString());
        }
    }
}
