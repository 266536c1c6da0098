package org.campops.qa.search;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.Dictionary.Morpheme;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Keeps the interrogatives among pronouns, determiners and adverbs, each as one canonical term, and drops
 * the rest of those classes: {@code 언제} (when), {@code 어디} (where), {@code 누구} (who), {@code 왜} (why),
 * {@code 몇} (how many) and {@code 무엇} for {@code 무엇/뭐/뭘/뭔가요} (what). Two questions on the same
 * subject that ask when and who are different questions ({@code 코드 리뷰는 언제까지 받을 수 있나요} vs
 * {@code 코드 리뷰는 누구에게 요청하나요}); {@code 어떻게} (how) is not kept, since a duplicate says it as
 * often as {@code 방법} (way). The words are the resource file {@value WordLists#QUESTION_WORDS_FILE}.
 */
final class QuestionWords {

    /** The word classes the filter looks at; the analyzer's part-of-speech stop filter must let them through. */
    static final Set<POS.Tag> TAGS = EnumSet.of(POS.Tag.NP, POS.Tag.MM, POS.Tag.MAG);

    private QuestionWords() {}

    static final class Filter extends FilteringTokenFilter {
        private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
        private final PartOfSpeechAttribute posAtt = addAttribute(PartOfSpeechAttribute.class);

        Filter(TokenStream input) {
            super(input);
        }

        @Override
        protected boolean accept() throws IOException {
            if (!TAGS.contains(posAtt.getLeftPOS())) {
                return true;
            }
            String canonical = WordLists.QUESTION_WORDS.get(termAtt.toString());
            Morpheme[] parts = posAtt.getMorphemes();
            if (canonical == null && parts != null && parts.length > 0) {
                canonical = WordLists.QUESTION_WORDS.get(parts[0].surfaceForm);
            }
            if (canonical == null) {
                return false;
            }
            termAtt.setEmpty().append(canonical);
            return true;
        }
    }
}
