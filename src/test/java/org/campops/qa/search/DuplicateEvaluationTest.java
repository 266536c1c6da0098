package org.campops.qa.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The duplicate check's quality on the hand-written pairs ({@link DuplicateEvaluation}): precision and
 * recall of at least 0.9 (issue 11, item 8), duplicates that differ only in their verb ending found, and
 * better than the analysis before the change. Deterministic (no timing); prints what it measured.
 */
class DuplicateEvaluationTest {

    static final double GOAL = 0.9;

    private static DuplicateEvaluation.Result production;

    @BeforeAll
    static void evaluate() {
        production = DuplicateEvaluation.evaluateDefault();
        System.out.printf(
                Locale.ROOT,
                "%nduplicate check at %.2f: %s%n  precision %.3f, recall %.3f%n%s",
                production.threshold(),
                DuplicateEvaluation.describe(DuplicatePairs.all()),
                production.precision(),
                production.recall(),
                DuplicateEvaluation.errorLines(production));
    }

    @Test
    void theSetHasAtLeast200PairsOfEachKindOfDifference() {
        List<DuplicatePairs.Pair> pairs = DuplicatePairs.all();
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(200);
        for (String category : List.of("register", "spacing", "particles", "reword", "near")) {
            assertThat(pairs.stream().filter(p -> p.category().equals(category)).count())
                    .as(category)
                    .isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void precisionAndRecallReachTheGoal() {
        assertThat(production.precision()).isGreaterThanOrEqualTo(GOAL);
        assertThat(production.recall()).isGreaterThanOrEqualTo(GOAL);
    }

    @Test
    void duplicatesThatDifferOnlyInTheirEndingAreFound() {
        assertThat(production.flaggedShare("register")).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * Against the analysis before (nouns only, endings as Nori reads them, threshold 0.40): far fewer
     * near-misses flagged, ending-only duplicates found at least as often, a better F1. Its recall over all
     * duplicates is a little higher (a lower threshold finds more heavily reworded duplicates) at the price
     * of flagging over half the near-misses.
     */
    @Test
    void betterThanBeforeTheEndingNormalization() {
        DuplicateEvaluation.Variant before = DuplicateEvaluation.variants().get(0);
        DuplicateEvaluation.Result old =
                DuplicateEvaluation.evaluate(before.options(), DuplicatePairs.all(), before.threshold());
        assertThat(production.precision()).isGreaterThan(old.precision() + 0.1);
        assertThat(production.flaggedShare("register")).isGreaterThanOrEqualTo(old.flaggedShare("register"));
        assertThat(f1(production)).isGreaterThan(f1(old));
    }

    private static double f1(DuplicateEvaluation.Result r) {
        return 2 * r.precision() * r.recall() / (r.precision() + r.recall());
    }
}
