package org.campops.qa.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Replaces each synonym phrase by its concept token ({@code 러닝 레이트} → {@code §학습률}, {@code loss} →
 * {@code §로스}), longest phrase first, and passes the other tokens through. Unlike {@link
 * ConceptFilter}, which adds the concept after the words (right for ranked search, where an exact
 * word match should still count), this one makes a word and its concept one dimension of the duplicate
 * check's vectors instead of two, so two questions that share a synonym-group word are not counted as
 * sharing it twice.
 *
 * <p>Reads the whole token stream first and emits terms only (bag of words: the duplicate check's fields
 * keep neither positions nor offsets), which is simple and safe because the similarity chain is linear
 * (DecompoundMode.DISCARD emits no overlapping compound tokens).
 */
final class ConceptReplaceFilter extends TokenFilter {
    private final Map<String, String> phrases;
    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final TypeAttribute typeAtt = addAttribute(TypeAttribute.class);
    private final ArrayDeque<String> out = new ArrayDeque<>();
    private boolean filled;

    ConceptReplaceFilter(TokenStream input, Map<String, String> phrases) {
        super(input);
        this.phrases = phrases;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!filled) {
            filled = true;
            List<String> terms = new ArrayList<>();
            while (input.incrementToken()) {
                terms.add(termAtt.toString());
            }
            replace(terms);
        }
        String next = out.poll();
        if (next == null) {
            return false;
        }
        clearAttributes();
        termAtt.append(next);
        if (next.startsWith(ConceptFilter.CONCEPT_PREFIX)) {
            typeAtt.setType(ConceptFilter.CONCEPT_TYPE);
        }
        return true;
    }

    private void replace(List<String> terms) {
        int i = 0;
        while (i < terms.size()) {
            int used = 1;
            String emit = terms.get(i);
            for (int len = Math.min(ConceptFilter.MAX_PHRASE_TOKENS, terms.size() - i); len >= 1; len--) {
                String concept = phrases.get(String.join(" ", terms.subList(i, i + len)));
                if (concept != null) {
                    emit = concept;
                    used = len;
                    break;
                }
            }
            out.add(emit);
            i += used;
        }
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        out.clear();
        filled = false;
    }
}
