package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Helpers for member text. */
class TextsTest {

    @Test
    void printableShowsControlsAndClipsForLogs() {
        assertThat(Texts.printable("qa:\u0000\n", 50)).isEqualTo("qa:\\x00\\x0a");
        assertThat(Texts.printable("x".repeat(10_000), 20)).isEqualTo("x".repeat(20) + "…(10000 chars)");
    }
}
