package org.campops.qa.search;

import java.io.Reader;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.jspecify.annotations.Nullable;

/**
 * Text analysis for the Q&amp;A index (package-private; {@link QuestionIndex} is the public face).
 *
 * <p>Main chain, used for title, details and answers at index and query time:
 * <pre>
 * PatternReplaceCharFilter         (R-CNN = RCNN, U-Net = UNet: hyphen between Latin letters removed)
 *   -> KoreanEndings.EndingCharFilter (느립니다 = 느리다, 다른가요 = 다른가: formal endings Nori misreads)
 *   -> KoreanTokenizer(user dictionary, DecompoundMode.MIXED, discard punctuation)
 *   -> KoreanPartOfSpeechStopFilter (drops particles 을/를/이/가/은/는…, endings, suffixes)
 *   -> KoreanEndings.StemFilter     (올라요 = 오르나요 = 오르: an inflected verb leaves only its stem)
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
 * <p>Duplicate-check chain ({@link #similarityAnalyzer}): the same char filters, tokenizer and ending
 * normalization, but compound parts only (DISCARD), content words and interrogatives only, and a synonym
 * phrase replaced by its concept (see {@link SimilarityTerms}); measured by {@code DuplicateEvaluation}.
 *
 * <p>Bigram chain (optional low-weight recall field): StandardTokenizer -> CJKWidthFilter ->
 * LowerCaseFilter -> CJKBigramFilter(Hangul) keeping only the Hangul bigrams.
 *
 * <p>The word lists (user dictionary, synonym groups, similarity stop words, interrogatives) are resource
 * files, read once by {@link WordLists}; this class only puts the chains together.
 */
final class QaAnalysis {

    /**
     * Knobs that {@code QuestionIndexRecallTest} and {@code DuplicateEvaluation} compare; {@link #DEFAULT} is
     * what production uses.
     *
     * @param bigramWeight weight of the optional Hangul-bigram field; 0 = field not indexed at all
     * @param endings      verb endings normalized ({@link KoreanEndings}) in the text and similarity analyzers
     * @param similarity   what the duplicate check's term vectors are made of
     */
    record Options(
            DecompoundMode mode,
            boolean userDictionary,
            boolean synonyms,
            float bigramWeight,
            boolean endings,
            SimilarityTerms similarity) {
        static final Options DEFAULT =
                new Options(DecompoundMode.MIXED, true, true, 0.0f, true, SimilarityTerms.NOUNS_VERBS_QUESTION_WORDS);

        boolean bigrams() {
            return bigramWeight > 0f;
        }

        Options with(boolean endings, SimilarityTerms similarity) {
            return new Options(mode, userDictionary, synonyms, bigramWeight, endings, similarity);
        }
    }

    /** The terms of the duplicate check's vectors ({@link #similarityAnalyzer}). */
    enum SimilarityTerms {
        /**
         * Until issue 11: whole words (DecompoundMode.NONE); nouns, roots, Latin and Hanja words only; a
         * synonym concept added next to the words it stands for. Two questions on one subject that ask
         * different things ({@code 파라미터 수를 확인하는 방법} vs {@code 파라미터 수를 줄이는 방법}) look alike.
         */
        NOUNS,
        /**
         * Compound parts (DecompoundMode.DISCARD, so {@code 피처맵} = {@code 피처 맵}); nouns, roots, Latin and
         * Hanja words, the stems of verbs and adjectives (light ones such as {@code 하 되 있} are stop words)
         * and the interrogatives of {@link QuestionWords}; a synonym phrase replaced by its concept, so a
         * word and its concept do not count twice.
         */
        NOUNS_VERBS_QUESTION_WORDS
    }

    /** "R-CNN" = "RCNN", "U-Net" = "UNet", "K-Fold" = "KFold" (a hyphen between two Latin letters). */
    private static final Pattern LATIN_HYPHEN = Pattern.compile("(?<=[A-Za-z])-(?=[A-Za-z])");

    private QaAnalysis() {}

    /** The main analyzer for title/details/answers (and for parsing queries). */
    static Analyzer textAnalyzer(Options options) {
        return build(
                new Chain(
                        options.userDictionary() ? WordLists.USER_DICTIONARY : null,
                        options.mode(),
                        KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS,
                        options.endings(),
                        false,
                        null,
                        false,
                        null),
                options.synonyms());
    }

    /**
     * Analyzer for the duplicate detector's term vectors: content words only (see {@link SimilarityTerms}),
     * English and {@value WordLists#SIMILARITY_STOP_WORDS_FILE} stop words dropped, synonym concepts kept.
     */
    static Analyzer similarityAnalyzer(Options options) {
        Set<POS.Tag> stop = EnumSet.allOf(POS.Tag.class);
        stop.removeAll(EnumSet.of(POS.Tag.NNG, POS.Tag.NNP, POS.Tag.SL, POS.Tag.SH, POS.Tag.XR, POS.Tag.UNKNOWN));
        if (options.similarity() == SimilarityTerms.NOUNS) {
            return build(
                    new Chain(
                            WordLists.USER_DICTIONARY,
                            DecompoundMode.NONE,
                            stop,
                            options.endings(),
                            false,
                            null,
                            false,
                            WordLists.SIMILARITY_STOP_WORDS),
                    true);
        }
        stop.removeAll(EnumSet.of(POS.Tag.VV, POS.Tag.VA));
        stop.removeAll(QuestionWords.TAGS);
        return build(
                new Chain(
                        WordLists.USER_DICTIONARY,
                        DecompoundMode.DISCARD,
                        stop,
                        options.endings(),
                        true,
                        null,
                        true,
                        WordLists.SIMILARITY_STOP_WORDS),
                true);
    }

    /**
     * What a Nori analysis chain is made of.
     *
     * @param questionWords   {@link QuestionWords.Filter} on the pronouns, determiners and adverbs let through
     * @param phrases         synonym phrase (analyzed, space-joined) to concept; null = no concepts
     * @param replaceConcepts a matched phrase is replaced by its concept ({@link ConceptReplaceFilter}) rather
     *                        than followed by it ({@link ConceptFilter})
     */
    private record Chain(
            @Nullable UserDictionary dict,
            DecompoundMode mode,
            Set<POS.Tag> stopTags,
            boolean endings,
            boolean questionWords,
            @Nullable Map<String, String> phrases,
            boolean replaceConcepts,
            @Nullable CharArraySet stopWords) {
        Chain withPhrases(@Nullable Map<String, String> phrases, @Nullable CharArraySet stopWords) {
            return new Chain(dict, mode, stopTags, endings, questionWords, phrases, replaceConcepts, stopWords);
        }
    }

    private static Analyzer build(Chain chain, boolean synonyms) {
        if (!synonyms) {
            return noriChain(chain);
        }
        Analyzer base = noriChain(chain.withPhrases(null, null));
        Map<String, String> phrases = compilePhrases(base);
        base.close();
        return noriChain(chain.withPhrases(phrases, chain.stopWords()));
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

    private static Analyzer noriChain(Chain chain) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                Reader r = new PatternReplaceCharFilter(LATIN_HYPHEN, "", reader);
                return chain.endings() ? new KoreanEndings.EndingCharFilter(r) : r;
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new KoreanTokenizer(
                        TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, chain.dict(), chain.mode(), false, true);
                TokenStream stream = new KoreanPartOfSpeechStopFilter(tokenizer, chain.stopTags());
                if (chain.endings()) {
                    stream = new KoreanEndings.StemFilter(stream);
                }
                if (chain.questionWords()) {
                    stream = new QuestionWords.Filter(stream);
                }
                stream = new KoreanReadingFormFilter(stream);
                stream = new LowerCaseFilter(stream);
                stream = new EnglishMinimalStemFilter(stream);
                if (chain.phrases() != null) {
                    stream = chain.replaceConcepts()
                            ? new ConceptReplaceFilter(stream, chain.phrases())
                            : new ConceptFilter(stream, chain.phrases());
                }
                if (chain.stopWords() != null) {
                    stream = new StopFilter(stream, chain.stopWords());
                }
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** Analyzes every synonym phrase with {@code base}; key = space-joined unit tokens, value = concept. */
    private static Map<String, String> compilePhrases(Analyzer base) {
        Map<String, String> phrases = new HashMap<>();
        for (List<String> group : WordLists.SYNONYM_GROUPS) {
            String concept = ConceptFilter.CONCEPT_PREFIX + group.get(0);
            for (String phrase : group) {
                List<String> units = AnalyzedTerms.unitTokens(base, phrase);
                if (!units.isEmpty() && units.size() <= ConceptFilter.MAX_PHRASE_TOKENS) {
                    phrases.putIfAbsent(String.join(" ", units), concept);
                }
            }
        }
        return Map.copyOf(phrases);
    }
}
