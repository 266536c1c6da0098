package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as text a reader can see, and helpers for member text. */
class TextsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " \t\n ",
                "\u200b",
                "\u200c",
                "\u200d",
                "\u2060",
                "\ufeff",
                "\u200b\u200c\u200d\u2060\ufeff",
                "\u0000",
                "\u0001\u0007\u001b\u001f",
                "\u007f\u0085\u009b",
                "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c",
                "\u00ad\u180e\u034f\ufe0f",
                "\u0301\u0301\u20dd",
                "\u3164",
                "\u115f\u1160",
                "\uffa0",
                "\u2800",
                "\u00a0\u2007\u202f\u3000",
                "\udb40\udc41\udb40\udc7f",
                "\ud800",
                " \u200b \u3164 \u0000 \u202e "
            })
    void invisibleTextCountsAsEmpty(String text) {
        assertThat(Texts.isVisible(text)).as(escaped(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "질문",
                "ㄱ",
                "🙂",
                "❤\ufe0f",
                "1\ufe0f\u20e3",
                "🫠",
                "e\u0301",
                "\u200bx\u200b",
                "مرحبا",
                "שלום",
                "\u202eevil",
                "-",
                ".",
                "\ue000"
            })
    void anythingAReaderCanSeeIsText(String text) {
        assertThat(Texts.isVisible(text)).as(escaped(text)).isTrue();
    }

    @Test
    void nullIsNotText() {
        assertThat(Texts.isVisible(null)).isFalse();
    }

    @Test
    void controlCharactersAreDroppedButTabsAndLineBreaksStay() {
        assertThat(Texts.withoutControls("a\u0000b\u001b[2Jc\u007f\u009bd")).isEqualTo("ab[2Jcd");
        assertThat(Texts.withoutControls("line 1\r\nline 2\rline 3\n\tend")).isEqualTo("line 1\nline 2\nline 3\n\tend");
        assertThat(Texts.withoutControls("안녕 🙂 \u200b")).isEqualTo("안녕 🙂 \u200b");
        assertThat(Texts.withoutControls(null)).isNull();
    }

    @Test
    void clippingNeverSplitsAnEmoji() {
        assertThat(Texts.clip("short", 80)).isEqualTo("short");
        assertThat(Texts.clip("x".repeat(78) + "🙂🙂", 80)).isEqualTo("x".repeat(78) + "…");
        assertThat(Texts.clip("x".repeat(78) + "🙂", 80)).isEqualTo("x".repeat(78) + "🙂");
        assertThat(Texts.clip("x".repeat(79) + "🙂🙂", 80)).isEqualTo("x".repeat(79) + "…");
        assertThat(Texts.clip("가".repeat(200), 100)).hasSize(100).endsWith("가…");
    }

    @Test
    void printableShowsControlsAndClipsForLogs() {
        assertThat(Texts.printable("qa:\u0000\n", 50)).isEqualTo("qa:\\x00\\x0a");
        assertThat(Texts.printable("x".repeat(10_000), 20)).isEqualTo("x".repeat(20) + "…(10000 chars)");
    }

    @Test
    void massMentionsAreDefusedAndLongOutputIsSplitAtLineBreaks() {
        assertThat(Texts.defuse("hi @everyone and @here <@&123>")).doesNotContain("@everyone", "@here", "<@&");
        List<String> parts = Texts.split(("line of text\n").repeat(400), Texts.MAX_MESSAGE);
        assertThat(parts)
                .hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(String.join("\n", parts)).isEqualTo(("line of text\n").repeat(400));
    }

    @Test
    void maskedLinksShowTheirRealAddressAsPlainText() {
        assertThat(Texts.defuse("Free nitro: [discord.com/gifts/x](https://evil.example/steal)"))
                .isEqualTo("Free nitro: [discord.com/gifts/x] (https://evil.example/steal)");
        // An angle-bracket address (no embed) and a title.
        assertThat(Texts.defuse("[discord.com](<https://evil.example>)"))
                .isEqualTo("[discord.com] (<https://evil.example>)");
        assertThat(Texts.defuse("[ok](https://evil.example \"Discord\")"))
                .isEqualTo("[ok] (https://evil.example \"Discord\")");
        // Nested labels: every masked link inside is broken too.
        assertThat(Texts.defuse("[[discord.com](https://a.example)](https://b.example)"))
                .isEqualTo("[[discord.com] (https://a.example)] (https://b.example)");
        assertThat(Texts.defuse("[a [b] c](https://evil.example)")).isEqualTo("[a [b] c] (https://evil.example)");
        assertThat(Texts.defuse("[a]](https://evil.example)")).isEqualTo("[a]] (https://evil.example)");
        // Escaped brackets (Discord would show them as text) stay readable; a bracket escaped in the label does not
        // help.
        assertThat(Texts.defuse("\\[x\\](https://evil.example)")).isEqualTo("\\[x\\] (https://evil.example)");
        assertThat(Texts.defuse("[x\\](https://evil.example)")).isEqualTo("[x\\] (https://evil.example)");
        // Several links, and a link glued to a mention.
        assertThat(Texts.defuse("[a](https://1.example)[b](https://2.example) @everyone"))
                .isEqualTo("[a] (https://1.example)[b] (https://2.example) @\u200beveryone");
        // Plain links and code are left as they are (a call on an indexed value keeps its meaning).
        assertThat(Texts.defuse("see <https://docs.example/a> and https://docs.example/b"))
                .isEqualTo("see <https://docs.example/a> and https://docs.example/b");
        assertThat(Texts.defuse("`handlers[name](args)`")).isEqualTo("`handlers[name] (args)`");
        assertThat(Texts.defuse("[not a link] (text)")).isEqualTo("[not a link] (text)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[discord.com](https://evil.example) @everyone <@&42> @here",
                "[[x](https://a.example)](<https://b.example>)",
                "]]((](]((",
                "plain text"
            })
    void defusedTextHoldsNoMaskedLinkNorMassMentionAndDefusingAgainChangesNothing(String text) {
        String once = Texts.defuse(text);
        assertThat(once).doesNotContain("](", "@everyone", "@here", "<@&");
        assertThat(Texts.defuse(once)).isEqualTo(once);
    }

    @Test
    void mentionsAreDefusedAsBefore() {
        assertThat(Texts.defuse("@everyone @here <@&123> <@456>"))
                .isEqualTo("@\u200beveryone @\u200bhere <@\u200b&123> <@456>");
        assertThat(Texts.defuse(null)).isEmpty();
    }

    private static String escaped(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(String.format("\\u%04x", c)));
        return sb.toString();
    }
}
