package org.campops.qa.search;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.Version;
import org.jspecify.annotations.Nullable;

/**
 * The Lucene document of a question: its fields, how each is indexed and analyzed, and how a hit's question
 * id is read back. Nothing is stored: a hit carries only the id, read from a doc value.
 *
 * <pre>
 * field        indexed as                                   analyzer     used by
 * key          the id, one exact term                       -            upsert, delete
 * id           numeric doc value                            -            every hit
 * title        text: docs and frequencies, no positions     text         ranked search
 * details      text                                         text         ranked search
 * answers      text, one value per answer                   text         ranked search
 * bigrams      text of title, details and answers           bigram       ranked search, if enabled
 * sim_title    docs only, with term vectors                 similarity   duplicate check
 * sim_details  docs only, with term vectors                 similarity   duplicate check
 * topic        the topic stripped and lower-cased, one term -            topic filter
 * prior        double doc value (RankedSearch.prior)        -            ranked search
 * </pre>
 * Bag of words: no phrase queries, so no positions are indexed. The analyzers ({@link QaAnalysis#textAnalyzer
 * text}, {@link QaAnalysis#bigramAnalyzer bigram}, {@link QaAnalysis#similarityAnalyzer similarity}) are built
 * from one {@link QaAnalysis.Options} and closed by {@link #close}.
 */
final class QuestionDocuments implements AutoCloseable {

    static final String F_KEY = "key";
    static final String F_ID = "id";
    static final String F_TITLE = "title";
    static final String F_DETAILS = "details";
    static final String F_ANSWERS = "answers";
    static final String F_BIGRAMS = "bigrams";
    static final String F_SIM_TITLE = "sim_title";
    static final String F_SIM_DETAILS = "sim_details";
    static final String F_TOPIC = "topic";
    static final String F_PRIOR = "prior";

    private static final FieldType TEXT = textType(IndexOptions.DOCS_AND_FREQS, false);
    private static final FieldType SIM = textType(IndexOptions.DOCS, true);

    /** The version of the document layout and analysis code; see {@link #format}. */
    static final String LAYOUT = "campops-qa 1";

    private final QaAnalysis.Options options;
    private final boolean bigrams;
    private final Analyzer textAnalyzer;
    private final Analyzer bigramAnalyzer;
    private final Analyzer similarityAnalyzer;
    private final Analyzer indexAnalyzer;

    QuestionDocuments(QaAnalysis.Options options) {
        this.options = options;
        this.bigrams = options.bigrams();
        this.textAnalyzer = QaAnalysis.textAnalyzer(options);
        this.bigramAnalyzer = QaAnalysis.bigramAnalyzer();
        this.similarityAnalyzer = QaAnalysis.similarityAnalyzer(options);
        this.indexAnalyzer = new PerFieldAnalyzerWrapper(
                textAnalyzer,
                Map.of(F_BIGRAMS, bigramAnalyzer, F_SIM_TITLE, similarityAnalyzer, F_SIM_DETAILS, similarityAnalyzer));
    }

    /** The analyzer of every field, for the index writer. */
    Analyzer indexAnalyzer() {
        return indexAnalyzer;
    }

    /**
     * What a saved index must have been built with to be opened as it is: the document layout ({@value #LAYOUT},
     * raised whenever {@link #toDocument} or the analysis code changes what is indexed), Lucene's version, the
     * analysis options and the word lists. Any difference rebuilds the index.
     */
    String format() {
        return LAYOUT + ";lucene " + Version.LATEST + ";" + options + ";lists " + WordLists.checksum();
    }

    /** The analyzer of title, details and answers. */
    Analyzer textAnalyzer() {
        return textAnalyzer;
    }

    /** The analyzer of the Hangul-bigram field. */
    Analyzer bigramAnalyzer() {
        return bigramAnalyzer;
    }

    /** The analyzer of the duplicate check's fields. */
    Analyzer similarityAnalyzer() {
        return similarityAnalyzer;
    }

    Document toDocument(IndexedQuestion q) {
        Document doc = new Document();
        doc.add(new StringField(F_KEY, Long.toString(q.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(F_ID, q.id()));
        doc.add(new Field(F_TITLE, q.title(), TEXT));
        doc.add(new Field(F_DETAILS, q.details(), TEXT));
        doc.add(new Field(F_SIM_TITLE, q.title(), SIM));
        doc.add(new Field(F_SIM_DETAILS, q.details(), SIM));
        for (String answer : q.answers()) {
            doc.add(new Field(F_ANSWERS, answer, TEXT));
        }
        if (bigrams) {
            doc.add(new Field(F_BIGRAMS, q.title(), TEXT));
            doc.add(new Field(F_BIGRAMS, q.details(), TEXT));
            for (String answer : q.answers()) {
                doc.add(new Field(F_BIGRAMS, answer, TEXT));
            }
        }
        String topic = normalizeTopic(q.topic());
        if (topic != null) {
            doc.add(new StringField(F_TOPIC, topic, Field.Store.NO));
        }
        doc.add(new DoubleDocValuesField(F_PRIOR, RankedSearch.prior(q.answered(), q.endorsed())));
        return doc;
    }

    /** The term that identifies the document of question {@code id}. */
    static Term keyTerm(long id) {
        return new Term(F_KEY, Long.toString(id));
    }

    /** The topic as indexed and filtered on: stripped and lower-cased; null if blank. */
    static @Nullable String normalizeTopic(@Nullable String topic) {
        if (topic == null || topic.isBlank()) {
            return null;
        }
        return topic.strip().toLowerCase(Locale.ROOT);
    }

    /** The question id of document {@code doc} of {@code reader}. */
    static long idOf(IndexReader reader, int doc) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues ids = leaf.reader().getNumericDocValues(F_ID);
        if (ids == null || !ids.advanceExact(doc - leaf.docBase)) {
            throw new IllegalStateException("document without id: " + doc);
        }
        return ids.longValue();
    }

    /** The question ids of the live documents of {@code searcher}'s reader. */
    static Set<Long> ids(IndexSearcher searcher) throws IOException {
        Set<Long> ids = new HashSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Bits live = leaf.reader().getLiveDocs();
            NumericDocValues values = leaf.reader().getNumericDocValues(F_ID);
            if (values == null) {
                continue;
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                if (live == null || live.get(doc)) {
                    ids.add(values.longValue());
                }
            }
        }
        return ids;
    }

    @Override
    public void close() {
        textAnalyzer.close();
        bigramAnalyzer.close();
        similarityAnalyzer.close();
    }

    private static FieldType textType(IndexOptions indexOptions, boolean vectors) {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(false);
        type.setIndexOptions(indexOptions);
        type.setStoreTermVectors(vectors);
        type.freeze();
        return type;
    }
}
