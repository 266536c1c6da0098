package org.campops.time;

import java.util.Map;

/**
 * A word that says which half of the day an hour (0–12) belongs to. Korean has several, and
 * each maps the 12-hour clock a little differently, so each gets its own rule.
 */
enum Marker {
    AM,
    PM,
    KO_AM,
    KO_PM,
    MORNING,
    DAWN,
    DAYTIME,
    EVENING,
    NIGHT;

    private static final Map<String, Marker> WORDS = Map.ofEntries(
            Map.entry("am", AM),
            Map.entry("a.m.", AM),
            Map.entry("a.m", AM),
            Map.entry("pm", PM),
            Map.entry("p.m.", PM),
            Map.entry("p.m", PM),
            Map.entry("afternoon", PM),
            Map.entry("morning", MORNING),
            Map.entry("evening", EVENING),
            Map.entry("night", NIGHT),
            Map.entry("오전", KO_AM),
            Map.entry("오후", KO_PM),
            Map.entry("아침", MORNING),
            Map.entry("새벽", DAWN),
            Map.entry("낮", DAYTIME),
            Map.entry("저녁", EVENING),
            Map.entry("밤", NIGHT));

    static Marker of(String word) {
        Marker m = WORDS.get(word);
        if (m == null) {
            throw new IllegalArgumentException("not a marker: " + word);
        }
        return m;
    }

    /** Whether this marker agrees with "tonight", which already says the evening. */
    boolean fitsTonight() {
        return this == PM || this == KO_PM || this == EVENING || this == NIGHT;
    }

    /**
     * The hour on a 24-hour clock for {@code h} in 0..12. The result may be 24, meaning the
     * midnight that ends the day ("밤 12시"), which the caller turns into the next day's 00:00.
     */
    int hour24(int h) {
        return switch (this) {
            case AM -> h == 12 ? 0 : in(h, 1, 11);
            case PM -> h == 12 ? 12 : in(h, 1, 11) + 12;
            // Korean news and transit say "오전 0시" for 00:xx, so it is a real time; "오전 12시"
            // is used by different people for noon and for midnight, so we ask instead of guessing.
            case KO_AM -> h == 12 ? ambiguous() : in(h, 0, 11);
            // "오후 0시" is the same convention seen from the afternoon side: 12:xx.
            case KO_PM -> h == 0 || h == 12 ? 12 : in(h, 1, 11) + 12;
            case MORNING -> in(h, 1, 11);
            case DAWN -> h == 12 ? 0 : in(h, 0, 11);
            // "낮" covers late morning to afternoon: 낮 11시 is 11:00 but 낮 2시 is 14:00.
            case DAYTIME -> h == 12 ? 12 : h >= 7 ? in(h, 7, 11) : in(h, 1, 6) + 12;
            case EVENING -> h == 12 ? 24 : in(h, 1, 11) + 12;
            // "밤 1시" usually means the small hours after midnight, but of which day is unclear.
            case NIGHT -> h == 12 ? 24 : h >= 5 ? in(h, 5, 11) + 12 : h >= 1 ? ambiguous() : impossible();
        };
    }

    private static int in(int h, int lo, int hi) {
        return h >= lo && h <= hi ? h : impossible();
    }

    private static int impossible() {
        throw new ParseFailure(Problem.IMPOSSIBLE);
    }

    private static int ambiguous() {
        throw new ParseFailure(Problem.AMBIGUOUS);
    }
}
