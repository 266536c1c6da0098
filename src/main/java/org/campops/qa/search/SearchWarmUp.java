package org.campops.qa.search;

import java.util.List;

/**
 * Indexes and searches {@value #QUESTIONS} made-up questions in a throwaway index: Nori's dictionaries are loaded and
 * the analysis code compiled before the real index needs them. At start, on a thread of its own (~1 s of one CPU
 * while the database opens), so opening the saved index and re-indexing what changed run at full speed.
 */
public final class SearchWarmUp {
    static final int QUESTIONS = 400;

    private SearchWarmUp() {}

    public static void run() {
        try (QuestionIndex index = new QuestionIndex()) {
            List<IndexedQuestion> made = WordLists.madeUp(QUESTIONS);
            index.apply(made, List.of());
            for (IndexedQuestion q : made.subList(0, QUESTIONS / 10)) {
                index.search(q.title(), 5, null);
                index.similar(q.title(), q.details(), 5);
            }
        }
    }
}
