package org.campops.time;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Puts user text into the one shape the recognizers expect. */
final class InputText {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private InputText() {}

    /**
     * NFKC folds full-width digits, colons and slashes (common with Korean IMEs) and odd spaces
     * into ASCII, so the patterns only need to know one spelling of each.
     */
    static String normalize(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }
}
