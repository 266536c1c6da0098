package org.campops.qa.search;

import static org.campops.qa.search.QuestionDocuments.F_ANSWERS;
import static org.campops.qa.search.QuestionDocuments.F_BIGRAMS;
import static org.campops.qa.search.QuestionDocuments.F_DETAILS;
import static org.campops.qa.search.QuestionDocuments.F_PRIOR;
import static org.campops.qa.search.QuestionDocuments.F_TITLE;
import static org.campops.qa.search.QuestionDocuments.F_TOPIC;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.jspecify.annotations.Nullable;

/**
 * Free-text search over questions and their answers ({@link QuestionIndex#search}): BM25 times a prior for
 * answered and endorsed questions.
 *
 * <p>The query text is analyzed with the same analyzer as the documents, and every distinct term becomes
 * one optional clause {@code max(title^3, details, answers^0.8) + 0.3 * (sum of the other two)}
 * (a {@link DisjunctionMaxQuery} with tie-breaker 0.3, so a term that appears in several fields counts
 * mostly once). No query syntax is parsed, so user input can never cause a parse error. The BM25 sum is
 * then multiplied by a per-question prior stored as a doc value ({@link FunctionScoreQuery#boostByValue}):
 * <pre>
 *   prior = 1.0 (open)   * 1.25 if answered   * 1.2 if endorsed      (max 1.5)
 * </pre>
 * A multiplicative prior is scale-free (BM25 magnitudes depend on the query length and the corpus), so
 * it reorders hits of similar relevance — an answered question beats an open one unless the open one
 * is more than 25% more relevant — without letting a vaguely related endorsed answer beat an exact match.
 * (FunctionScoreQuery reports an unbounded maximum score, which turns off Lucene's top-k pruning; a
 * bound-aware wrapper was measured at only ~5% faster on the 100k benchmark, not worth custom scorer code.)
 *
 * <p>If {@link QaAnalysis.Options#bigrams()}, the Hangul bigrams of the query are one more optional clause
 * on the bigram field, weighted {@link QaAnalysis.Options#bigramWeight()}.
 */
final class RankedSearch {

    static final float TITLE_BOOST = 3.0f;
    static final float DETAILS_BOOST = 1.0f;
    static final float ANSWERS_BOOST = 0.8f;
    static final float TIE_BREAKER = 0.3f;
    static final double ANSWERED_PRIOR = 1.25;
    static final double ENDORSED_PRIOR = 1.2;

    private static final int MAX_QUERY_CHARS = 2_000;
    private static final int MAX_QUERY_TERMS = 64;
    private static final int MAX_LIMIT = 1_000;

    private final Analyzer textAnalyzer;
    /** Null when the bigram field is off. */
    private final @Nullable Analyzer bigramAnalyzer;

    private final float bigramWeight;

    RankedSearch(QuestionDocuments documents, QaAnalysis.Options options) {
        this.textAnalyzer = documents.textAnalyzer();
        this.bigramAnalyzer = options.bigrams() ? documents.bigramAnalyzer() : null;
        this.bigramWeight = options.bigramWeight();
    }

    /** The prior a question's BM25 score is multiplied by; stored with its document. */
    static double prior(boolean answered, boolean endorsed) {
        return (answered ? ANSWERED_PRIOR : 1.0) * (endorsed ? ENDORSED_PRIOR : 1.0);
    }

    /**
     * The ranked query for free text, or null if the text has no terms (blank or punctuation only).
     *
     * @param topicOrNull if non-blank, only questions with exactly this topic (case-insensitive)
     */
    @Nullable
    Query query(String text, @Nullable String topicOrNull) {
        String clipped = clip(text, MAX_QUERY_CHARS);
        List<String> terms = AnalyzedTerms.distinctTerms(textAnalyzer, F_TITLE, clipped, MAX_QUERY_TERMS);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder match = new BooleanQuery.Builder();
        for (String term : terms) {
            match.add(
                    new DisjunctionMaxQuery(
                            List.of(
                                    new BoostQuery(new TermQuery(new Term(F_TITLE, term)), TITLE_BOOST),
                                    new BoostQuery(new TermQuery(new Term(F_DETAILS, term)), DETAILS_BOOST),
                                    new BoostQuery(new TermQuery(new Term(F_ANSWERS, term)), ANSWERS_BOOST)),
                            TIE_BREAKER),
                    Occur.SHOULD);
        }
        if (bigramAnalyzer != null) {
            List<String> bigrams = AnalyzedTerms.distinctTerms(bigramAnalyzer, F_BIGRAMS, clipped, MAX_QUERY_TERMS);
            if (!bigrams.isEmpty()) {
                BooleanQuery.Builder bg = new BooleanQuery.Builder();
                for (String b : bigrams) {
                    bg.add(new TermQuery(new Term(F_BIGRAMS, b)), Occur.SHOULD);
                }
                match.add(new BoostQuery(bg.build(), bigramWeight), Occur.SHOULD);
            }
        }
        Query query = match.build();
        String topic = QuestionDocuments.normalizeTopic(topicOrNull);
        if (topic != null) {
            query = new BooleanQuery.Builder()
                    .add(query, Occur.MUST)
                    .add(new TermQuery(new Term(F_TOPIC, topic)), Occur.FILTER)
                    .build();
        }
        return FunctionScoreQuery.boostByValue(query, DoubleValuesSource.fromDoubleField(F_PRIOR));
    }

    /** The best {@code limit} (at most {@value #MAX_LIMIT}) hits of {@code query}, best first. */
    static List<SearchHit> top(IndexSearcher searcher, Query query, int limit) throws IOException {
        TopDocs top = searcher.search(query, Math.min(limit, MAX_LIMIT));
        List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            hits.add(new SearchHit(QuestionDocuments.idOf(searcher.getIndexReader(), sd.doc), sd.score));
        }
        return hits;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
