package org.campops.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Small helpers for user-visible text: visible-text checks, control characters, mass-mention defusing,
 * Discord timestamps, splitting.
 */
public final class Texts {
    /** Discord's per-message limit. */
    public static final int MAX_MESSAGE = 2000;

    private static final String ZWSP = "\u200b";

    private Texts() {}

    /**
     * Whether {@code text} has at least one character a reader can see. Text made only of white space,
     * control characters (U+0000-U+001F, U+007F-U+009F), format characters (zero-width space, joiners,
     * word joiner, BOM, bidi controls, tag characters), lone combining marks or surrogates, and blank
     * fillers (Hangul fillers, braille blank) counts as empty. Every "is it empty?" check on member
     * text uses this.
     */
    public static boolean isVisible(@Nullable String text) {
        if (text == null) {
            return false;
        }
        return text.codePoints().anyMatch(cp -> !invisible(cp));
    }

    private static boolean invisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK -> {
                return true;
            }
            default -> {
                // Hangul choseong/jungseong fillers, Hangul filler, halfwidth Hangul filler, braille blank.
                return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
            }
        }
    }

    /**
     * Member text without control characters: CR LF and lone CR become LF, tab and LF stay, every other
     * C0/C1 control (NUL, ESC, ...) is dropped. They carry nothing in chat, PostgreSQL refuses NUL in text,
     * and ESC sequences would drive the terminal of whoever reads them in the console.
     */
    @SuppressWarnings(
            "NullAway") // null in, null out (optional form fields); NullAway cannot say "same nullness as text"
    public static String withoutControls(String text) {
        if (text == null) {
            return null;
        }
        boolean clean = true;
        for (int i = 0; i < text.length() && clean; i++) {
            char c = text.charAt(i);
            clean = !Character.isISOControl(c) || c == '\t' || c == '\n';
        }
        if (clean) {
            return text;
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c) || c == '\t' || c == '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code text} cut to at most {@code max} characters, ending in "…" when cut; never splits an emoji's surrogate pair. */
    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }

    /** For logs: control characters shown as hex escapes, clipped to about {@code max} characters. */
    public static String printable(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return i == text.length() ? sb.toString() : sb + "…(" + text.length() + " chars)";
    }

    /**
     * The one defusing of member text the bot shows or reposts (questions, prompts, topics, notes, titles, reminders'
     * text...). Two things:
     * <ul>
     *   <li>@everyone, @here and role mentions are broken (a zero-width space after the {@code @}). The Discord adapter
     *       also restricts allowed_mentions; this second guard keeps the console and logs honest too.</li>
     *   <li>Masked links cannot render: Discord shows {@code [label](address)} as a link that displays only its label
     *       (so {@code [discord.com/gift](https://evil.example)} looks like a Discord link). Every form of it, with an
     *       angle-bracket address {@code [x](<https://...>)}, a title, nested or backslash-escaped brackets, needs a
     *       {@code ]} directly followed by {@code (}; a space between them turns each into plain text that shows the
     *       real address ({@code [discord.com/gift] (https://evil.example)}, which Discord autolinks as itself).
     *       Rewriting only that pair keeps code in questions meaning the same ({@code handlers[name] (args)}) and
     *       needs no Markdown parser that could disagree with Discord's.</li>
     * </ul>
     * Idempotent: the result holds none of the patterns, so text defused twice reads the same.
     */
    public static String defuse(String userText) {
        if (userText == null) {
            return "";
        }
        return userText.replace("@everyone", "@" + ZWSP + "everyone")
                .replace("@here", "@" + ZWSP + "here")
                .replace("<@&", "<@" + ZWSP + "&")
                .replace("](", "] (");
    }

    /** A Discord timestamp every reader sees in their own zone. */
    public static String timestamp(Instant at) {
        return "<t:" + at.getEpochSecond() + ":F>";
    }

    /** A relative Discord timestamp ("in 2 hours"). */
    public static String relative(Instant at) {
        return "<t:" + at.getEpochSecond() + ":R>";
    }

    public static String mention(String userId) {
        return "<@" + userId + ">";
    }

    /** Splits text into chunks of at most {@code max} characters, preferring line breaks. */
    public static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut <= max / 2) {
                cut = max;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).replaceFirst("^\n", "");
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }
}
