package org.campops.time;

/** Carries a refusal out of nested parsing code; it never escapes {@link WhenParser#parse}. */
final class ParseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Problem problem;

    ParseFailure(Problem problem) {
        // A refusal is an expected outcome, not a bug, so a stack trace would only cost time.
        super(problem.name(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
