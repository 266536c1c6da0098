package org.campops.qa.search;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Text analysis for the Q&amp;A index (package-private; {@link QuestionIndex} is the public face).
 *
 * <p>Main chain, used for title, details and answers at index and query time:
 * <pre>
 * PatternReplaceCharFilter         (R-CNN = RCNN, U-Net = UNet: hyphen between Latin letters removed)
 *   -> KoreanTokenizer(user dictionary, DecompoundMode.MIXED, discard punctuation)
 *   -> KoreanPartOfSpeechStopFilter (drops particles 을/를/이/가/은/는…, endings, suffixes)
 *   -> KoreanReadingFormFilter      (Hanja -> Hangul reading)
 *   -> LowerCaseFilter              (mAP = map, CUDA = cuda, OOM = oom)
 *   -> EnglishMinimalStemFilter     (plural "s" only: losses = loss, anchors = anchor)
 *   -> ConceptFilter                (injects one token per matched synonym group, e.g. "OOM" and
 *                                    "out of memory" and "메모리 부족" all yield "§oom")
 * </pre>
 * Nori splits Latin, Hangul and digits into separate tokens, so {@code CUDA out of memory가} becomes
 * {@code cuda out of memory} and {@code batch_size를} becomes {@code batch size}.
 *
 * <p>Measured on {@code EvalCorpus} (40 questions, 50 judged queries) by {@code QuestionIndexRecallTest}:
 * <pre>
 * variant                          recall@5  MRR@10  success@1
 * NONE                              0.817    0.815    0.760
 * DISCARD                           0.827    0.809    0.740
 * MIXED                             0.827    0.809    0.740
 * MIXED + bigram field x0.3         0.827    0.819    0.760
 * MIXED + user dictionary           0.817    0.825    0.780
 * MIXED + dictionary + synonyms     0.980    0.940    0.900   (default)
 *   ... + bigram field x0.1 / x0.3  0.980    0.940    0.900
 *   ... + bigram field x0.6         0.980    0.930    0.880
 * DISCARD + dictionary + synonyms   0.980    0.940    0.900
 * </pre>
 * MIXED and DISCARD tie on this set; MIXED is kept because it also indexes the whole compound, so an
 * exact compound match outranks a match on one of its parts. The Hangul bigram field adds nothing once
 * the dictionary and the synonym groups are in, and costs index size and query time, so it is off
 * (weight 0); it stays available through {@link Options} for re-measurement on real data.
 *
 * <p>Bigram chain (optional low-weight recall field): StandardTokenizer -> CJKWidthFilter ->
 * LowerCaseFilter -> CJKBigramFilter(Hangul) keeping only the Hangul bigrams.
 */
final class QaAnalysis {

    /** Token type of the injected synonym-group tokens. */
    static final String CONCEPT_TYPE = "CONCEPT";
    /** Prefix of concept tokens; Nori discards '§' as punctuation, so user text can never produce it. */
    static final String CONCEPT_PREFIX = "§";

    /**
     * Knobs that {@code QuestionIndexRecallTest} compares; {@link #DEFAULT} is what production uses.
     *
     * @param bigramWeight weight of the optional Hangul-bigram field; 0 = field not indexed at all
     */
    record Options(DecompoundMode mode, boolean userDictionary, boolean synonyms, float bigramWeight) {
        static final Options DEFAULT = new Options(DecompoundMode.MIXED, true, true, 0.0f);

        boolean bigrams() {
            return bigramWeight > 0f;
        }
    }

    /**
     * Domain nouns, mostly English loan words in Hangul, that the stock mecab-ko-dic either lacks or
     * chops into junk ({@code 세그멘테이션} becomes {@code 멘 테 이}, which also equals the analysis of
     * {@code 어그멘테이션}). Format of Nori's user dictionary: {@code word [part part ...]}; with
     * DecompoundMode.MIXED a compound entry yields the whole word plus its parts, so {@code 학습률}
     * still matches {@code 학습} and {@code 단위테스트} matches {@code 단위 테스트}.
     */
    static final String USER_DICTIONARY = String.join("\n",
            "데이터셋 데이터 셋",
            "학습률 학습 률",
            "검증셋 검증 셋",
            "학습셋 학습 셋",
            "테스트셋 테스트 셋",
            "단위테스트 단위 테스트",
            "데이터로더 데이터 로더",
            "러닝레이트 러닝 레이트",
            "배치사이즈 배치 사이즈",
            "바운딩박스 바운딩 박스",
            "앵커박스 앵커 박스",
            "피처맵 피처 맵",
            "하이퍼파라미터 하이퍼 파라미터",
            "파인튜닝 파인 튜닝",
            "리더보드 리더 보드",
            "세그멘테이션",
            "어그멘테이션",
            "어노테이션",
            "오버피팅",
            "언더피팅",
            "옵티마이저",
            "스케줄러",
            "백본",
            "에폭",
            "에포크",
            "텐서",
            "그래디언트",
            "임베딩",
            "체크포인트",
            "깃허브",
            "캐글",
            "코랩",
            "파이토치",
            "텐서플로우",
            "쿠다",
            "마스크");

    /**
     * Synonym groups: every phrase of a group, once analyzed, maps to one concept token. Kept small and
     * unambiguous on purpose (Korean term, Hangul transliteration, English term, common abbreviation).
     */
    static final List<List<String>> SYNONYM_GROUPS = List.of(
            List.of("oom", "out of memory", "메모리 부족"),
            List.of("과적합", "오버피팅", "overfitting", "overfit"),
            List.of("증강", "어그멘테이션", "augmentation"),
            List.of("학습률", "러닝레이트", "러닝 레이트", "learning rate", "lr"),
            List.of("배치사이즈", "배치 사이즈", "배치 크기", "batch size", "batchsize"),
            List.of("검증셋", "검증 데이터", "validation set", "validation data", "val set"),
            List.of("세그멘테이션", "segmentation"),
            List.of("객체 탐지", "객체 검출", "물체 검출", "object detection"),
            List.of("바운딩박스", "바운딩 박스", "bounding box", "bbox"),
            List.of("앵커박스", "앵커 박스", "앵커", "anchor box", "anchor"),
            List.of("에폭", "에포크", "epoch"),
            List.of("파인튜닝", "파인 튜닝", "미세 조정", "fine tuning", "finetuning"),
            List.of("하이퍼파라미터", "하이퍼 파라미터", "hyperparameter"),
            List.of("단위테스트", "단위 테스트", "unit test"),
            List.of("어노테이션", "annotation", "라벨링", "labeling"),
            List.of("임계값", "threshold"),
            List.of("쿠다", "cuda"),
            List.of("마스크", "mask"),
            List.of("피처맵", "피처 맵", "feature map", "특징 맵"),
            List.of("로스", "손실", "loss"),
            List.of("백본", "backbone"),
            List.of("코랩", "colab"));

    /** "R-CNN" = "RCNN", "U-Net" = "UNet", "K-Fold" = "KFold" (a hyphen between two Latin letters). */
    private static final Pattern LATIN_HYPHEN = Pattern.compile("(?<=[A-Za-z])-(?=[A-Za-z])");

    /** Lucene's English stop words plus question words that say nothing about the subject. */
    private static final CharArraySet SIMILARITY_STOP_WORDS = stopWords();

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        set.addAll(List.of("how", "do", "does", "did", "i", "we", "you", "my", "our", "your", "me", "what",
                "which", "when", "why", "where", "can", "could", "should", "would", "use", "using", "get",
                "getting", "want", "only", "from", "after", "during", "about", "any", "some", "have", "has"));
        return CharArraySet.unmodifiableSet(set);
    }

    private QaAnalysis() {
    }

    /** The main analyzer for title/details/answers (and for parsing queries). */
    static Analyzer textAnalyzer(Options options) {
        return build(options.userDictionary() ? userDictionary() : null, options.mode(),
                KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS, null, options.synonyms());
    }

    /**
     * Analyzer for the duplicate detector's term vectors: whole words (DecompoundMode.NONE, so that one
     * word is one dimension, not three), content words only (nouns, roots, Latin and Hanja words; verbs,
     * bound nouns and numbers dropped), English stop words dropped, synonym concepts kept.
     */
    static Analyzer similarityAnalyzer() {
        Set<POS.Tag> stop = EnumSet.allOf(POS.Tag.class);
        stop.removeAll(EnumSet.of(POS.Tag.NNG, POS.Tag.NNP, POS.Tag.SL, POS.Tag.SH, POS.Tag.XR, POS.Tag.UNKNOWN));
        return build(userDictionary(), DecompoundMode.NONE, stop, SIMILARITY_STOP_WORDS, true);
    }

    private static Analyzer build(UserDictionary dict, DecompoundMode mode, Set<POS.Tag> stopTags,
                                  CharArraySet stopWords, boolean synonyms) {
        Analyzer base = noriChain(dict, mode, stopTags, null, null);
        if (!synonyms) {
            return stopWords == null ? base : noriChain(dict, mode, stopTags, null, stopWords);
        }
        Map<String, String> phrases = compilePhrases(base);
        base.close();
        return noriChain(dict, mode, stopTags, phrases, stopWords);
    }

    /** Hangul character bigrams; Latin words, digits and single syllables are dropped. */
    static Analyzer bigramAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new CJKWidthFilter(tokenizer);
                stream = new LowerCaseFilter(stream);
                stream = new CJKBigramFilter(stream, CJKBigramFilter.HANGUL, false);
                stream = new TypeTokenFilter(stream, Set.of(CJKBigramFilter.DOUBLE_TYPE), true);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** Analyzes {@code text} and returns its distinct terms in first-seen order (at most {@code max}). */
    static List<String> distinctTerms(Analyzer analyzer, String field, String text, int max) {
        LinkedHashSet<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < max) {
                if (term.length() > 0) {
                    terms.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(terms);
    }

    /** Adds the analyzed term frequencies of {@code text}, each occurrence weighted by {@code weight}. */
    static void addTermFrequencies(Analyzer analyzer, String field, String text, double weight,
                                   Map<String, Double> into) {
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 0) {
                    into.merge(term.toString(), weight, Double::sum);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Analyzer noriChain(UserDictionary dict, DecompoundMode mode, Set<POS.Tag> stopTags,
                                      Map<String, String> phrases, CharArraySet stopWords) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new PatternReplaceCharFilter(LATIN_HYPHEN, "", reader);
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
                        dict, mode, false, true);
                TokenStream stream = new KoreanPartOfSpeechStopFilter(tokenizer, stopTags);
                stream = new KoreanReadingFormFilter(stream);
                stream = new LowerCaseFilter(stream);
                stream = new EnglishMinimalStemFilter(stream);
                if (phrases != null) {
                    stream = new ConceptFilter(stream, phrases);
                }
                if (stopWords != null) {
                    stream = new StopFilter(stream, stopWords);
                }
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    private static UserDictionary userDictionary() {
        try {
            return UserDictionary.open(new StringReader(USER_DICTIONARY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Analyzes every synonym phrase with {@code base}; key = space-joined unit tokens, value = concept. */
    private static Map<String, String> compilePhrases(Analyzer base) {
        Map<String, String> phrases = new HashMap<>();
        for (List<String> group : SYNONYM_GROUPS) {
            String concept = CONCEPT_PREFIX + group.get(0);
            for (String phrase : group) {
                List<String> units = unitTokens(base, phrase);
                if (!units.isEmpty() && units.size() <= ConceptFilter.MAX_PHRASE_TOKENS) {
                    phrases.putIfAbsent(String.join(" ", units), concept);
                }
            }
        }
        return Map.copyOf(phrases);
    }

    /** The tokens of length one position, i.e. the decomposed reading without stacked compounds. */
    private static List<String> unitTokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionLengthAttribute posLen = ts.addAttribute(PositionLengthAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (posLen.getPositionLength() == 1) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Emits every input token unchanged and, right after a token that completes a synonym phrase
     * (looking back over the last few unit tokens, ignoring removed particles), one concept token at
     * the same position. Needs no look-ahead, so it is cheap and safe on Nori's token graph.
     */
    static final class ConceptFilter extends TokenFilter {
        static final int MAX_PHRASE_TOKENS = 3;

        private final Map<String, String> phrases;
        private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
        private final PositionLengthAttribute posLenAtt = addAttribute(PositionLengthAttribute.class);
        private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
        private final ArrayDeque<String> history = new ArrayDeque<>(MAX_PHRASE_TOKENS);
        private final ArrayDeque<String> pending = new ArrayDeque<>(2);
        private State saved;

        ConceptFilter(TokenStream input, Map<String, String> phrases) {
            super(input);
            this.phrases = phrases;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                restoreState(saved);
                termAtt.setEmpty().append(pending.poll());
                posIncAtt.setPositionIncrement(0);
                posLenAtt.setPositionLength(1);
                typeAtt.setType(CONCEPT_TYPE);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            if (posLenAtt.getPositionLength() == 1) {
                if (history.size() == MAX_PHRASE_TOKENS) {
                    history.removeFirst();
                }
                history.addLast(termAtt.toString());
                String key = null;
                var it = history.descendingIterator();
                while (it.hasNext()) {
                    key = key == null ? it.next() : it.next() + " " + key;
                    String concept = phrases.get(key);
                    if (concept != null && !pending.contains(concept)) {
                        pending.add(concept);
                    }
                }
                if (!pending.isEmpty()) {
                    saved = captureState();
                }
            }
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            history.clear();
            pending.clear();
            saved = null;
        }
    }
}
