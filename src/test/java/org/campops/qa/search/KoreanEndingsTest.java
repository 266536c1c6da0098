package org.campops.qa.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KoreanEndingsTest {

    private static Analyzer text;
    private static Analyzer similarity;

    @BeforeAll
    static void analyzers() {
        text = QaAnalysis.textAnalyzer(QaAnalysis.Options.DEFAULT);
        similarity = QaAnalysis.similarityAnalyzer(QaAnalysis.Options.DEFAULT);
    }

    @AfterAll
    static void close() {
        text.close();
        similarity.close();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "학습이 너무 느립니다 | 학습이 너무 느리다",
                "성능이 오릅니까? | 성능이 오르다?",
                "에러가 납니다. 다시 해도 됩니다 | 에러가 나다. 다시 해도 되다",
                "커널이 죽습니다 | 커널이 죽다",
                "값이 있습니까 | 값이 있다",
                "mAP@0.5입니다 | mAP@0.5이다",
                "뭐가 다른가요 | 뭐가 다른가",
                "학습이 너무 느린데요 | 학습이 너무 느린데",
            })
    void formalEndingsBecomePlainOnes(String in, String out) {
        assertThat(KoreanEndings.normalize(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"합니다만 괜찮습니다요", "입니다다", "하니까", "어디로 가요", "학습이 느려요", "RNN다", ""})
    void otherTextIsLeftAlone(String in) {
        assertThat(KoreanEndings.normalize(in)).isEqualTo(in);
    }

    @Test
    void charFilterMapsOffsetsBackToTheOriginalText() throws IOException {
        String original = "느립니다 에러 죽습니다 끝";
        try (WhitespaceTokenizer tokens = new WhitespaceTokenizer()) {
            tokens.setReader(new KoreanEndings.EndingCharFilter(new StringReader(original)));
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            List<String> seen = new ArrayList<>();
            while (tokens.incrementToken()) {
                seen.add(term + "=" + original.substring(offset.startOffset(), offset.endOffset()));
            }
            tokens.end();
            assertThat(seen).containsExactly("느리다=느립니다", "에러=에러", "죽다=죽습니다", "끝=끝");
        }
    }

    /** Each line: one question in several registers, separated by "/"; each must leave the first's terms. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "학습이 너무 느립니다 / 학습이 너무 느려요 / 학습이 너무 느린데요 / 학습 너무 느림",
                "성능이 오릅니까 / 성능이 올라요? / 성능이 오르나요",
                "뭐가 다릅니까 / 뭐가 다른가요 / 뭐가 달라요",
                "결과가 이상합니다 / 결과가 이상해요 / 결과가 이상하네",
                "코랩 세션이 끊깁니다 / 코랩 세션이 끊겨요 / 코랩 세션이 끊기는데요",
            })
    void registersLeaveTheSameTermsForTheDuplicateCheckAndForSearch(String group) {
        String[] forms = group.split(" / ");
        for (String other : forms) {
            assertThat(terms(similarity, other)).as(other).isEqualTo(terms(similarity, forms[0]));
            assertThat(terms(text, other)).as(other).isEqualTo(terms(text, forms[0]));
        }
    }

    @Test
    void duplicateCheckKeepsVerbStemsAndQuestionWordsButNotLightVerbs() {
        assertThat(terms(similarity, "모델 파라미터 수를 줄이는 방법이 있습니까")).contains("줄이").doesNotContain("있");
        assertThat(terms(similarity, "모델 파라미터 수를 확인하는 방법이 있나요")).contains("확인").doesNotContain("줄이");
        assertThat(terms(similarity, "코드 리뷰는 언제까지 받을 수 있습니까")).contains("언제", "받");
        assertThat(terms(similarity, "mAP이 뭔가요")).containsExactly("map", "무엇");
        assertThat(terms(similarity, "mAP는 무엇입니까")).containsExactly("map", "무엇");
    }

    @Test
    void duplicateCheckCountsASynonymOnceAndSplitsCompounds() {
        assertThat(terms(similarity, "학습률 warmup")).containsExactly("§학습률", "warmup");
        assertThat(terms(similarity, "러닝 레이트 warmup")).containsExactly("§학습률", "warmup");
        assertThat(terms(similarity, "피처맵 시각화")).isEqualTo(terms(similarity, "피처 맵 시각화"));
        assertThat(terms(similarity, "바운딩박스 좌표")).isEqualTo(terms(similarity, "바운딩 박스 좌표"));
    }

    private static List<String> terms(Analyzer analyzer, String s) {
        return AnalyzedTerms.distinctTerms(analyzer, "f", s, 100);
    }
}
