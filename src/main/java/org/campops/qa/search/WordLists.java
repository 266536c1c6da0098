package org.campops.qa.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ko.dict.UserDictionary;

/**
 * The word lists of the Q&amp;A analysis, read once (when this class is first used) from the resource files
 * under {@code src/main/resources/qa/}. Each file starts with a comment that explains its format; lines
 * starting with {@code #} and blank lines are ignored.
 */
final class WordLists {

    /**
     * Nori user dictionary: domain nouns the stock mecab-ko-dic lacks or chops into junk, with their
     * compound parts; the file says more.
     */
    static final String USER_DICTIONARY_FILE = "/qa/user-dictionary.txt";
    /** Synonym groups: one group a line, phrases separated by commas, the first naming the concept. */
    static final String SYNONYMS_FILE = "/qa/synonyms.txt";
    /** Words the duplicate check ignores besides Lucene's English stop words: one a line. */
    static final String SIMILARITY_STOP_WORDS_FILE = "/qa/similarity-stopwords.txt";
    /** Interrogatives the duplicate check keeps: the term kept, then other spellings of it. */
    static final String QUESTION_WORDS_FILE = "/qa/question-words.txt";

    /** {@value #USER_DICTIONARY_FILE}; immutable, shared by every tokenizer. */
    static final UserDictionary USER_DICTIONARY = userDictionary();

    /**
     * {@value #SYNONYMS_FILE}: every phrase of a group, once analyzed, maps to one concept token named after
     * the group's first phrase. In file order.
     */
    static final List<List<String>> SYNONYM_GROUPS = synonymGroups();

    /** Lucene's English stop words plus {@value #SIMILARITY_STOP_WORDS_FILE}. */
    static final CharArraySet SIMILARITY_STOP_WORDS = similarityStopWords();

    /** {@value #QUESTION_WORDS_FILE}: each spelling of an interrogative to the term kept for it. */
    static final Map<String, String> QUESTION_WORDS = questionWords();

    private WordLists() {}

    private static UserDictionary userDictionary() {
        try {
            // UserDictionary reads the comment lines itself
            return UserDictionary.open(new StringReader(resource(USER_DICTIONARY_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> synonymGroups() {
        List<List<String>> groups = new ArrayList<>();
        for (String line : lines(SYNONYMS_FILE)) {
            groups.add(Arrays.stream(line.split(","))
                    .map(String::strip)
                    .filter(p -> !p.isEmpty())
                    .toList());
        }
        return List.copyOf(groups);
    }

    private static CharArraySet similarityStopWords() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        set.addAll(lines(SIMILARITY_STOP_WORDS_FILE));
        return CharArraySet.unmodifiableSet(set);
    }

    private static Map<String, String> questionWords() {
        Map<String, String> canonical = new HashMap<>();
        for (String line : lines(QUESTION_WORDS_FILE)) {
            String[] spellings = line.split("\\s+");
            for (String spelling : spellings) {
                canonical.put(spelling, spellings[0]);
            }
        }
        return Map.copyOf(canonical);
    }

    /**
     * {@code n} made-up questions from the synonym groups and question words, Korean with some English (for warming
     * the analysis up: the text is meaningless).
     */
    static List<IndexedQuestion> madeUp(int n) {
        List<String> words = SYNONYM_GROUPS.stream().flatMap(List::stream).toList();
        List<String> asks = List.copyOf(QUESTION_WORDS.keySet());
        List<IndexedQuestion> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String a = words.get(i % words.size());
            String b = words.get((i * 7 + 3) % words.size());
            String ask = asks.get(i % asks.size());
            out.add(new IndexedQuestion(
                    i + 1,
                    a + "에서 " + b + "가 " + ask + " 안 되나요?",
                    b + "를 바꿨는데도 " + a + "이 계속 실패합니다. 학습이 느려요",
                    List.of(a + " 설정을 확인해 보세요"),
                    "warm-up",
                    i % 2 == 0,
                    false,
                    Instant.EPOCH));
        }
        return out;
    }

    /** A checksum of the four files, part of a saved index's format: an index saved with other lists is rebuilt. */
    static String checksum() {
        CRC32 crc = new CRC32();
        for (String name :
                List.of(USER_DICTIONARY_FILE, SYNONYMS_FILE, SIMILARITY_STOP_WORDS_FILE, QUESTION_WORDS_FILE)) {
            crc.update(resource(name).getBytes(StandardCharsets.UTF_8));
        }
        return Long.toHexString(crc.getValue());
    }

    /** The lines of a resource that are neither blank nor comments, stripped. */
    private static List<String> lines(String name) {
        List<String> lines = new ArrayList<>();
        for (String line : resource(name).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static String resource(String name) {
        try (InputStream in = WordLists.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
