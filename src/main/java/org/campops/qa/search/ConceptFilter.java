package org.campops.qa.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.jspecify.annotations.Nullable;

/**
 * Emits every input token unchanged and, right after a token that completes a synonym phrase
 * (looking back over the last few unit tokens, ignoring removed particles), one concept token at
 * the same position. Needs no look-ahead, so it is cheap and safe on Nori's token graph. Used by ranked
 * search, where an exact word match should still count; {@link ConceptReplaceFilter} is the duplicate
 * check's variant.
 */
final class ConceptFilter extends TokenFilter {
    /** Token type of the concept tokens. */
    static final String CONCEPT_TYPE = "CONCEPT";
    /** Prefix of concept tokens; Nori discards '§' as punctuation, so user text can never produce it. */
    static final String CONCEPT_PREFIX = "§";
    /** The longest synonym phrase, in unit tokens. */
    static final int MAX_PHRASE_TOKENS = 3;

    private final Map<String, String> phrases;
    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
    private final PositionLengthAttribute posLenAtt = addAttribute(PositionLengthAttribute.class);
    private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
    private final ArrayDeque<String> history = new ArrayDeque<>(MAX_PHRASE_TOKENS);
    private final ArrayDeque<String> pending = new ArrayDeque<>(2);
    private @Nullable State saved;

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
