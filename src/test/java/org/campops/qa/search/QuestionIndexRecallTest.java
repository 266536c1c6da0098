package org.campops.qa.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode;
import org.junit.jupiter.api.Test;

/**
 * Measures recall of the analysis variants on {@link EvalCorpus} and checks the {@code similar} ranking on
 * its reworded duplicates. Prints a table (visible in the surefire output) and asserts that the production
 * choice ({@link QaAnalysis.Options#DEFAULT}) is at least as good as every alternative. The {@code similar}
 * threshold is calibrated by {@link DuplicateEvaluationTest} on a larger set that includes these pairs.
 */
class QuestionIndexRecallTest {

    record Metrics(double recallAt5, double mrr, double successAt1, List<String> misses) {}

    static Metrics evaluate(QaAnalysis.Options options) {
        try (QuestionIndex index = new QuestionIndex(options)) {
            index.rebuild(EvalCorpus.questions());
            double recall = 0;
            double mrr = 0;
            double success = 0;
            List<String> misses = new ArrayList<>();
            List<EvalCorpus.Judged> queries = EvalCorpus.judgedQueries();
            for (EvalCorpus.Judged j : queries) {
                List<Long> ids = index.search(j.query(), 10, null).stream()
                        .map(SearchHit::id)
                        .toList();
                long found =
                        ids.stream().limit(5).filter(j.relevant()::contains).count();
                recall += (double) found / j.relevant().size();
                for (int i = 0; i < ids.size(); i++) {
                    if (j.relevant().contains(ids.get(i))) {
                        mrr += 1.0 / (i + 1);
                        break;
                    }
                }
                if (!ids.isEmpty() && j.relevant().contains(ids.get(0))) {
                    success++;
                } else {
                    misses.add(j.query() + " -> " + ids.stream().limit(3).toList());
                }
            }
            int n = queries.size();
            return new Metrics(recall / n, mrr / n, success / n, misses);
        }
    }

    /** Irrelevant to search; the duplicate check's terms are compared by {@code DuplicateEvaluation}. */
    private static final QaAnalysis.SimilarityTerms SIM = QaAnalysis.Options.DEFAULT.similarity();

    static Map<String, QaAnalysis.Options> variants() {
        Map<String, QaAnalysis.Options> v = new LinkedHashMap<>();
        v.put("NONE", new QaAnalysis.Options(DecompoundMode.NONE, false, false, 0f, false, SIM));
        v.put("DISCARD", new QaAnalysis.Options(DecompoundMode.DISCARD, false, false, 0f, false, SIM));
        v.put("MIXED", new QaAnalysis.Options(DecompoundMode.MIXED, false, false, 0f, false, SIM));
        v.put("MIXED+bigram0.3", new QaAnalysis.Options(DecompoundMode.MIXED, false, false, 0.3f, false, SIM));
        v.put("MIXED+dict", new QaAnalysis.Options(DecompoundMode.MIXED, true, false, 0f, false, SIM));
        v.put("DISCARD+dict+syn", new QaAnalysis.Options(DecompoundMode.DISCARD, true, true, 0f, false, SIM));
        v.put("MIXED+dict+syn", new QaAnalysis.Options(DecompoundMode.MIXED, true, true, 0f, false, SIM));
        v.put("MIXED+dict+syn+endings", new QaAnalysis.Options(DecompoundMode.MIXED, true, true, 0f, true, SIM));
        v.put("MIXED+dict+syn+bigram0.1", new QaAnalysis.Options(DecompoundMode.MIXED, true, true, 0.1f, false, SIM));
        v.put("MIXED+dict+syn+bigram0.3", new QaAnalysis.Options(DecompoundMode.MIXED, true, true, 0.3f, false, SIM));
        v.put("MIXED+dict+syn+bigram0.6", new QaAnalysis.Options(DecompoundMode.MIXED, true, true, 0.6f, false, SIM));
        return v;
    }

    @Test
    void defaultAnalysisIsAtLeastAsGoodAsEveryAlternative() {
        Map<String, Metrics> results = new LinkedHashMap<>();
        variants().forEach((name, options) -> results.put(name, evaluate(options)));
        Metrics chosen = evaluate(QaAnalysis.Options.DEFAULT);

        StringBuilder table = new StringBuilder("\n| variant | recall@5 | MRR@10 | success@1 |\n|---|---|---|---|\n");
        results.forEach((name, m) -> table.append(String.format(
                Locale.ROOT,
                "| %s%s | %.3f | %.3f | %.3f |%n",
                name,
                options(name).equals(QaAnalysis.Options.DEFAULT) ? " (default)" : "",
                m.recallAt5(),
                m.mrr(),
                m.successAt1())));
        table.append("queries: ")
                .append(EvalCorpus.judgedQueries().size())
                .append(", questions: ")
                .append(EvalCorpus.questions().size())
                .append('\n');
        table.append("default misses at rank 1:\n");
        chosen.misses().forEach(m -> table.append("  ").append(m).append('\n'));
        System.out.println(table);

        for (Metrics m : results.values()) {
            assertThat(chosen.recallAt5()).isGreaterThanOrEqualTo(m.recallAt5() - 1e-9);
            assertThat(chosen.mrr()).isGreaterThanOrEqualTo(m.mrr() - 0.02);
        }
        assertThat(chosen.recallAt5()).isGreaterThanOrEqualTo(0.9);
    }

    private static QaAnalysis.Options options(String name) {
        return variants().get(name);
    }

    /**
     * Each reworded duplicate finds its original first, and no new question on the same topics reaches the
     * threshold. Whether each duplicate reaches it is measured, with precision and recall, on the larger set
     * of {@link DuplicateEvaluationTest}, which includes these pairs: the most reworded of the eight (other
     * verbs and other words for the subject) stay below it, and its output lists them.
     */
    @Test
    void similarRanksRewordedDuplicatesFirstAndKeepsSameTopicQuestionsBelowTheThreshold() {
        try (QuestionIndex index = new QuestionIndex()) {
            index.rebuild(EvalCorpus.questions());
            double minDuplicate = Double.MAX_VALUE;
            double maxUnrelated = 0;
            StringBuilder report = new StringBuilder("\nsimilar() cosine calibration\n");
            for (EvalCorpus.Duplicate d : EvalCorpus.duplicates()) {
                double cos = IndexProbe.similar(index, d.title(), d.details(), 50, 0.0).stream()
                        .filter(h -> h.id() == d.duplicateOf())
                        .mapToDouble(SearchHit::score)
                        .findFirst()
                        .orElse(0);
                List<SearchHit> others = IndexProbe.similar(index, d.title(), d.details(), 3, 0.0);
                assertThat(others).first().extracting(SearchHit::id).isEqualTo(d.duplicateOf());
                report.append(String.format(Locale.ROOT, "  dup  %.3f  %s   top3=%s%n", cos, d.title(), others));
                minDuplicate = Math.min(minDuplicate, cos);
            }
            for (EvalCorpus.Unrelated u : EvalCorpus.unrelated()) {
                List<SearchHit> top = IndexProbe.similar(index, u.title(), u.details(), 3, 0.0);
                double best = top.isEmpty() ? 0 : top.get(0).score();
                report.append(String.format(Locale.ROOT, "  new  %.3f  %s   top3=%s%n", best, u.title(), top));
                maxUnrelated = Math.max(maxUnrelated, best);
            }
            report.append(String.format(
                    Locale.ROOT,
                    "  min duplicate %.3f, max unrelated %.3f, threshold %.2f%n",
                    minDuplicate,
                    maxUnrelated,
                    DuplicateCheck.THRESHOLD));
            System.out.println(report);
            assertThat(maxUnrelated).isLessThan(DuplicateCheck.THRESHOLD);
        }
    }
}
