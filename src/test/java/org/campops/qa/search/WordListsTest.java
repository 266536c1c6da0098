package org.campops.qa.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

/** The word lists read from the resource files, and the synonym groups as the analyzers use them. */
class WordListsTest {

    @Test
    void everySynonymPhraseYieldsItsGroupsConceptInSearchAndInTheDuplicateCheck() {
        assertThat(WordLists.SYNONYM_GROUPS)
                .hasSizeGreaterThanOrEqualTo(20)
                .first()
                .isEqualTo(List.of("oom", "out of memory", "메모리 부족"));
        try (Analyzer text = QaAnalysis.textAnalyzer(QaAnalysis.Options.DEFAULT);
                Analyzer similarity = QaAnalysis.similarityAnalyzer(QaAnalysis.Options.DEFAULT)) {
            for (List<String> group : WordLists.SYNONYM_GROUPS) {
                String concept = ConceptFilter.CONCEPT_PREFIX + group.get(0);
                for (String phrase : group) {
                    assertThat(AnalyzedTerms.distinctTerms(text, QuestionDocuments.F_TITLE, phrase, 100))
                            .as("search: %s", phrase)
                            .contains(concept);
                    assertThat(AnalyzedTerms.distinctTerms(similarity, QuestionDocuments.F_SIM_TITLE, phrase, 100))
                            .as("duplicate check: %s", phrase)
                            .contains(concept);
                }
            }
        }
    }

    @Test
    void questionWordsMapEverySpellingToTheFirstWordOfItsLine() {
        assertThat(WordLists.QUESTION_WORDS)
                .containsEntry("뭐", "무엇")
                .containsEntry("뭘", "무엇")
                .containsEntry("무엇", "무엇")
                .containsEntry("언제", "언제")
                .doesNotContainKey("어떻게");
    }

    @Test
    void similarityStopWordsAreLucenesEnglishOnesPlusTheFile() {
        assertThat(WordLists.SIMILARITY_STOP_WORDS.contains("the")).isTrue();
        assertThat(WordLists.SIMILARITY_STOP_WORDS.contains("how")).isTrue();
        assertThat(WordLists.SIMILARITY_STOP_WORDS.contains("하")).isTrue();
        assertThat(WordLists.SIMILARITY_STOP_WORDS.contains("#")).isFalse();
        assertThat(WordLists.SIMILARITY_STOP_WORDS.contains("학습")).isFalse();
    }
}
