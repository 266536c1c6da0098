package org.campops.report;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The font the charts are drawn with: the first installed family that can display every text of the report (team and
 * mentor names, topics, labels). Korean names need a font with Hangul; Java's own fonts have none, so the Dockerfile
 * and {@code .ci/run} install Debian's {@code fonts-nanum}. When no family can display the texts, the charts are drawn
 * with the logical {@code SansSerif} font and an error says which text cannot be shown and what to install.
 */
final class ChartFonts {
    private static final Logger LOG = LoggerFactory.getLogger(ChartFonts.class);

    /** Families tried first, in this order (the one the Dockerfile installs first); then any installed family. */
    static final List<String> PREFERRED = List.of(
            "NanumGothic",
            "NanumBarunGothic",
            "Noto Sans CJK KR",
            "Noto Sans KR",
            "Source Han Sans KR",
            "Malgun Gothic",
            "Apple SD Gothic Neo",
            "UnDotum");

    private static @Nullable List<Font> preferred;
    private static @Nullable List<Font> others;
    private static volatile @Nullable String chosen;
    private static final Map<String, Boolean> WARNED = new ConcurrentHashMap<>();

    private ChartFonts() {}

    /** The plain 12-point font of the first family that displays every text; SansSerif (logged) when none does. */
    static Font forTexts(Collection<String> texts) {
        String all = String.join("", texts);
        for (List<Font> fonts : List.of(preferred(), others())) {
            for (Font font : fonts) {
                if (font.canDisplayUpTo(all) == -1) {
                    if (!font.getFamily(Locale.ROOT).equals(chosen)) {
                        chosen = font.getFamily(Locale.ROOT);
                        LOG.info("Report charts are drawn in the font {}", chosen);
                    }
                    return font;
                }
            }
        }
        Font fallback = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        int bad = fallback.canDisplayUpTo(all);
        if (bad >= 0) {
            String missing = new String(Character.toChars(all.codePointAt(bad)));
            if (WARNED.putIfAbsent(missing, Boolean.TRUE) == null) {
                LOG.error(
                        "No installed font can display the report's text (first missing character '{}', U+{}): the charts"
                                + " will show boxes for it. Install a font that has it (for Korean names: `apt-get install"
                                + " fonts-nanum` on Debian/Ubuntu) and restart.",
                        missing,
                        Integer.toHexString(all.codePointAt(bad)).toUpperCase(Locale.ROOT));
            }
        }
        return fallback;
    }

    /** The installed families of {@link #PREFERRED}, found by name (no listing of every font: that is slow). */
    private static synchronized List<Font> preferred() {
        List<Font> fonts = preferred;
        if (fonts == null) {
            List<Font> out = new ArrayList<>();
            for (String name : PREFERRED) {
                Font font = new Font(name, Font.PLAIN, 12);
                if (font.getFamily(Locale.ROOT).equals(name)) {
                    out.add(font);
                }
            }
            fonts = List.copyOf(out);
            preferred = fonts;
            LOG.debug(
                    "Preferred chart fonts installed: {}",
                    fonts.stream().map(Font::getFamily).toList());
        }
        return fonts;
    }

    /** Every other installed family, listed once when no preferred one displays the texts. */
    private static synchronized List<Font> others() {
        List<Font> fonts = others;
        if (fonts == null) {
            List<Font> out = new ArrayList<>();
            for (String name :
                    GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)) {
                if (!PREFERRED.contains(name)) {
                    out.add(new Font(name, Font.PLAIN, 12));
                }
            }
            fonts = List.copyOf(out);
            others = fonts;
        }
        return fonts;
    }
}
