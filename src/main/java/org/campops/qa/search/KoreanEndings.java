package org.campops.qa.search;

import java.io.IOException;
import java.io.Reader;
import java.util.EnumSet;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.Dictionary.Morpheme;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.jspecify.annotations.Nullable;

/**
 * Makes a question analyze the same whatever its verb ending (formal {@code -ㅂ니다/-습니다}, polite
 * {@code -어요/-아요}, {@code -나요}, {@code -는데요}, casual {@code -음}), in two steps around Nori:
 *
 * <ol>
 * <li>{@link #normalize} (as the {@link EndingCharFilter} before the tokenizer) rewrites the formal ending
 *     {@code -ㅂ니다/-ㅂ니까} to the plain {@code -다}, and drops the {@code 요} of {@code -ㄴ가요} and
 *     {@code -ㄴ데요}. Nori's dictionary knows the plain forms of nearly every stem but not every formal
 *     one: without this {@code 느립니다} becomes the nouns {@code 느 + 립니}, {@code 오릅니까} an unknown
 *     word {@code 릅니까}, {@code 다른가요} the noun {@code 가요} (a song) and {@code 느린데요} the bound
 *     noun {@code 데} and a copula, each a rare and therefore heavily weighted term that the polite form
 *     ({@code 느려요}, {@code 올라요}) does not have.</li>
 * <li>{@link StemFilter} (after the tokenizer) keeps only the stem of an inflected predicate: the surface
 *     {@code 올라요} or {@code 돼요} is replaced by {@code 오르} or {@code 되} (or dropped where Nori's
 *     decompounding emits the stem right after it anyway), so {@code 올라요}, {@code 오르나요} and
 *     {@code 오릅니까} leave the same term.</li>
 * </ol>
 */
final class KoreanEndings {

    private static final char FIRST_SYLLABLE = '\uAC00';
    private static final char LAST_SYLLABLE = '\uD7A3';
    private static final int FINALS = 28;
    private static final int FINAL_NIEUN = 4;
    private static final int FINAL_BIEUP = 17;

    /** Predicate tags whose inflected forms are reduced to their stem. */
    static final Set<POS.Tag> PREDICATES =
            EnumSet.of(POS.Tag.VV, POS.Tag.VA, POS.Tag.VX, POS.Tag.VCP, POS.Tag.VCN, POS.Tag.XSV, POS.Tag.XSA);

    private KoreanEndings() {}

    /**
     * The text with word-final {@code -ㅂ니다/-ㅂ니까/-습니다/-습니까} written as {@code -다} ({@code 느립니다} →
     * {@code 느리다}, {@code 됩니까} → {@code 되다}, {@code 죽습니다} → {@code 죽다}) and word-final
     * {@code -ㄴ가요/-ㄴ데요} as {@code -ㄴ가/-ㄴ데} ({@code 다른가요} → {@code 다른가}, {@code 느린데요} →
     * {@code 느린데}). A word ends where a character that is not a Hangul syllable follows, or the text does.
     */
    static String normalize(CharSequence text) {
        return rewrite(text, null);
    }

    /** Does the work of {@link #normalize}; reports each change of length to {@code offsets} if given. */
    private static String rewrite(CharSequence text, @Nullable EndingCharFilter offsets) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        for (int i = 0; i + 2 < n; i++) {
            char c = text.charAt(i);
            if (!isSyllable(c) || !wordEnds(text, i + 3)) {
                continue;
            }
            int fin = (c - FIRST_SYLLABLE) % FINALS;
            char second = text.charAt(i + 1);
            char third = text.charAt(i + 2);
            String replacement;
            if (fin == FINAL_BIEUP && second == '니' && (third == '다' || third == '까')) {
                // 습 is the ending itself (먹습니다 = 먹 + 습니다), otherwise ㅂ is (느립니다 = 느리 + ㅂ니다)
                replacement = c == '습' ? "다" : (char) (c - FINAL_BIEUP) + "다";
            } else if (fin == FINAL_NIEUN && (second == '가' || second == '데') && third == '요') {
                replacement = String.valueOf(c) + second;
            } else {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, i).append(replacement);
            copied = i + 3;
            if (offsets != null) {
                // from here on, an offset in the output lies this many chars left of the input's
                offsets.addOffCorrectMapping(out.length(), copied - out.length());
            }
            i += 2;
        }
        if (out == null) {
            return text.toString();
        }
        return out.append(text, copied, n).toString();
    }

    private static boolean isSyllable(char c) {
        return c >= FIRST_SYLLABLE && c <= LAST_SYLLABLE;
    }

    private static boolean wordEnds(CharSequence text, int at) {
        return at >= text.length() || !isSyllable(text.charAt(at));
    }

    /** {@link #normalize} as a char filter (reads the whole field value; questions and answers are short). */
    static final class EndingCharFilter extends BaseCharFilter {
        private @Nullable String output;
        private int pos;

        EndingCharFilter(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (output == null) {
                StringBuilder all = new StringBuilder();
                char[] buf = new char[1024];
                for (int r = input.read(buf); r != -1; r = input.read(buf)) {
                    all.append(buf, 0, r);
                }
                output = rewrite(all, this);
            }
            if (pos >= output.length()) {
                return -1;
            }
            int count = Math.min(len, output.length() - pos);
            output.getChars(pos, pos + count, cbuf, off);
            pos += count;
            return count;
        }

        private void addOffCorrectMapping(int outputOffset, int cumulativeDiff) {
            addOffCorrectMap(outputOffset, cumulativeDiff);
        }
    }

    /**
     * Replaces an inflected predicate ({@code 올라요}: {@code 오르/VV + 아요/E}) by its stem ({@code 오르}).
     * Where Nori decompounds (DecompoundMode.MIXED), the inflected surface spans several positions and
     * its parts, the stem among them, follow it: the surface is then dropped instead. A token of a single
     * morpheme keeps its surface: there Nori's morpheme is a far-fetched ㄹ-stem reading ({@code 나} of
     * {@code 에러가 나요} as {@code 날} "fly", {@code 쓰} of {@code 쓰면} as {@code 쓸}) and the surface is
     * the stem.
     */
    static final class StemFilter extends TokenFilter {
        private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
        private final PartOfSpeechAttribute posAtt = addAttribute(PartOfSpeechAttribute.class);
        private final PositionIncrementAttribute posIncAtt = addAttribute(PositionIncrementAttribute.class);
        private final PositionLengthAttribute posLenAtt = addAttribute(PositionLengthAttribute.class);

        StemFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            int skipped = 0;
            while (input.incrementToken()) {
                Morpheme[] parts = posAtt.getMorphemes();
                if (posAtt.getPOSType() != POS.Type.INFLECT
                        || parts == null
                        || parts.length == 0
                        || !PREDICATES.contains(posAtt.getLeftPOS())) {
                    addSkipped(skipped);
                    return true;
                }
                if (posLenAtt.getPositionLength() > 1) {
                    skipped += posIncAtt.getPositionIncrement();
                    continue;
                }
                if (parts.length > 1) {
                    termAtt.setEmpty().append(parts[0].surfaceForm);
                }
                addSkipped(skipped);
                return true;
            }
            return false;
        }

        private void addSkipped(int skipped) {
            if (skipped > 0) {
                posIncAtt.setPositionIncrement(posIncAtt.getPositionIncrement() + skipped);
            }
        }
    }
}
