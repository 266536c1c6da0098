package org.campops.qa.search;

import static org.campops.qa.search.QuestionDocuments.F_SIM_DETAILS;
import static org.campops.qa.search.QuestionDocuments.F_SIM_TITLE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Earlier questions that look like a new one ({@link QuestionIndex#similar}): a cosine similarity with a
 * fixed threshold.
 *
 * <p>BM25 retrieves up to {@value #CANDIDATES} candidates from title and details; each candidate is then
 * scored by the cosine similarity of idf-weighted term vectors (title terms count double), read from the
 * term vectors of two fields analyzed for this purpose only (compound parts; nouns, verb stems and
 * interrogatives, whatever the verb ending; synonym concepts; see {@link QaAnalysis#similarityAnalyzer}).
 * Unlike a raw BM25 score, the cosine is bounded in [0, 1] and does not grow with the length of the
 * question, which makes a fixed threshold ({@value #THRESHOLD}) meaningful; see {@code DuplicateEvaluation}
 * for the calibration.
 */
final class DuplicateCheck {

    static final int CANDIDATES = 50;
    static final int QUERY_TERMS = 32;
    /**
     * Calibrated by DuplicateEvaluation on the pairs of src/test/resources/qa/duplicate-pairs.txt (281:
     * duplicates across verb endings, spacing, particles and rewordings; same-topic questions that ask
     * something else): precision and recall are both at least 0.9 from 0.50 to 0.65 (0.902 and 0.971 at
     * 0.50; both 0.96 around 0.58). The lower end is taken because duplicates written by others score
     * lower than these: heavily reworded ones (another verb, another word for the subject) 0.44–0.55, and
     * in an index of one question, where every unshared word weighs most (the start of a camp;
     * QaEndToEndTest), a duplicate with details that differ 0.545. The near-misses still suggested are
     * questions on the same sub-subject that differ in one word (파라미터 수를 확인하는 vs 줄이는 방법: 0.74).
     * BENCHMARKS.md ("Q&amp;A duplicate check") has the sweep.
     */
    static final double THRESHOLD = 0.50;

    private static final int MAX_CHARS = 10_000;
    private static final double TITLE_WEIGHT = 2.0;
    private static final double DETAILS_WEIGHT = 1.0;

    private final Analyzer analyzer;

    DuplicateCheck(QuestionDocuments documents) {
        this.analyzer = documents.similarityAnalyzer();
    }

    /** The analyzed terms of a new question and their frequencies, title terms counted double. */
    Map<String, Double> termFrequencies(String title, String details) {
        Map<String, Double> tf = new HashMap<>();
        if (title != null) {
            AnalyzedTerms.addTermFrequencies(analyzer, F_SIM_TITLE, clip(title, MAX_CHARS), TITLE_WEIGHT, tf);
        }
        if (details != null) {
            AnalyzedTerms.addTermFrequencies(analyzer, F_SIM_DETAILS, clip(details, MAX_CHARS), DETAILS_WEIGHT, tf);
        }
        return tf;
    }

    /**
     * The indexed questions whose cosine with the new question's {@link #termFrequencies} is at least
     * {@code threshold} (0 = every candidate), most similar first, at most {@code limit}.
     */
    List<SearchHit> find(IndexSearcher searcher, Map<String, Double> queryTf, int limit, double threshold)
            throws IOException {
        IndexReader reader = searcher.getIndexReader();
        Map<String, Double> idfCache = new HashMap<>();
        Map<String, Double> queryVec = weigh(queryTf, reader, idfCache);
        double queryNorm = norm(queryVec);
        if (queryNorm == 0) {
            return List.of();
        }
        BooleanQuery.Builder candidates = new BooleanQuery.Builder();
        queryVec.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(QUERY_TERMS)
                .forEach(e -> {
                    candidates.add(new BoostQuery(new TermQuery(new Term(F_SIM_TITLE, e.getKey())), 2f), Occur.SHOULD);
                    candidates.add(new TermQuery(new Term(F_SIM_DETAILS, e.getKey())), Occur.SHOULD);
                });
        TopDocs top = searcher.search(candidates.build(), CANDIDATES);
        TermVectors vectors = reader.termVectors();
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Map<String, Double> docTf = new HashMap<>();
            Fields fields = vectors.get(sd.doc);
            if (fields != null) {
                addVectorTf(fields.terms(F_SIM_TITLE), TITLE_WEIGHT, docTf);
                addVectorTf(fields.terms(F_SIM_DETAILS), DETAILS_WEIGHT, docTf);
            }
            Map<String, Double> docVec = weigh(docTf, reader, idfCache);
            double cosine = dot(queryVec, docVec) / (queryNorm * norm(docVec));
            if (cosine >= threshold) {
                hits.add(new SearchHit(QuestionDocuments.idOf(reader, sd.doc), cosine));
            }
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
    }

    private static void addVectorTf(Terms terms, double weight, Map<String, Double> into) throws IOException {
        if (terms == null) {
            return;
        }
        TermsEnum te = terms.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            into.merge(t.utf8ToString(), weight * te.totalTermFreq(), Double::sum);
        }
    }

    /** Log-scaled tf times a BM25-style idf (always positive); df is the larger of title and details. */
    private static Map<String, Double> weigh(Map<String, Double> tf, IndexReader reader, Map<String, Double> idfCache)
            throws IOException {
        Map<String, Double> vec = new HashMap<>(tf.size() * 2);
        double n = reader.maxDoc() + 1.0; // + the question being checked
        for (Map.Entry<String, Double> e : tf.entrySet()) {
            Double idf = idfCache.get(e.getKey());
            if (idf == null) {
                int df = Math.max(
                        reader.docFreq(new Term(F_SIM_TITLE, e.getKey())),
                        reader.docFreq(new Term(F_SIM_DETAILS, e.getKey())));
                idf = Math.log(1.0 + (n - df + 0.5) / (df + 0.5));
                idfCache.put(e.getKey(), idf);
            }
            vec.put(e.getKey(), (1.0 + Math.log(e.getValue())) * idf);
        }
        return vec;
    }

    private static double dot(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            Map<String, Double> t = a;
            a = b;
            b = t;
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double other = b.get(e.getKey());
            if (other != null) {
                sum += e.getValue() * other;
            }
        }
        return sum;
    }

    private static double norm(Map<String, Double> v) {
        double sum = 0;
        for (double x : v.values()) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
