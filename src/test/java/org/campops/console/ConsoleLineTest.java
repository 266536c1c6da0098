package org.campops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLineTest {

    @Test
    void readsPathAndQuotedOptions() throws Exception {
        ConsoleLine l = ConsoleLine.parse("/remind set when:\"in 1m\" text:hi");
        assertThat(l.path()).isEqualTo("remind set");
        assertThat(l.options()).isEqualTo(Map.of("when", "in 1m", "text", "hi"));
    }

    @Test
    void valuesMayContainColonsKoreanAndEscapedQuotes() throws Exception {
        ConsoleLine l = ConsoleLine.parse("/remind set when:\"모레 10:00\" text:\"say \\\"hi\\\" 데이터셋\"");
        assertThat(l.options()).containsEntry("when", "모레 10:00").containsEntry("text", "say \"hi\" 데이터셋");
        assertThat(ConsoleLine.parse("/remind set when:19:00 text:x").options()).containsEntry("when", "19:00");
    }

    @Test
    void refusesBrokenLines() {
        assertThatThrownBy(() -> ConsoleLine.parse("help")).hasMessageContaining("start with '/'");
        assertThatThrownBy(() -> ConsoleLine.parse("/remind set when:\"in 1m")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ConsoleLine.parse("/remind set text:a stray")).hasMessageContaining("name:value");
        assertThatThrownBy(() -> ConsoleLine.parse("/remind set text:a text:b")).hasMessageContaining("twice");
    }

    @Test
    void wordsAfterAnOptionAreShownJoinedToItsValue() {
        assertThatThrownBy(() -> ConsoleLine.parse("/ask title:데이터셋 증강을 어떻게 하나요"))
                .isInstanceOfSatisfying(
                        ConsoleLine.BadLine.class,
                        e -> assertThat(e.fixed).isEqualTo("/ask title:\"데이터셋 증강을 어떻게 하나요\""));
        assertThatThrownBy(() -> ConsoleLine.parse("/remind set when:\"in 2h\" text:stand up 준비"))
                .isInstanceOfSatisfying(
                        ConsoleLine.BadLine.class,
                        e -> assertThat(e.fixed).isEqualTo("/remind set when:\"in 2h\" text:\"stand up 준비\""));
        assertThatThrownBy(() -> ConsoleLine.parse("help"))
                .isInstanceOfSatisfying(
                        ConsoleLine.BadLine.class, e -> assertThat(e.fixed).isEqualTo("/help"));
        assertThatThrownBy(() -> ConsoleLine.parse("/remind set when:\"in 1m"))
                .isInstanceOfSatisfying(
                        ConsoleLine.BadLine.class, e -> assertThat(e.fixed).isNull());
    }
}
