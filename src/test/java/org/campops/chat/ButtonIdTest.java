package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids come back from the member's client: forged or outdated ones are refused, never misread. */
class ButtonIdTest {

    @Test
    void encodedIdsDecodeToTheSameParts() {
        ButtonId id = ButtonId.of("qa", "ask", "-1", "0");
        assertThat(ButtonId.decode(id.encode())).isEqualTo(id);
        assertThat(id.number(0)).isEqualTo(-1);
        assertThat(id.flag(1)).isFalse();
        assertThat(ButtonId.decode("oh:rsvp:12").expectArgs(1).number(0)).isEqualTo(12);
    }

    @Test
    void idsWithoutFeatureOrActionAreForeign() {
        for (String raw : new String[] {null, "", "qa", ":", "qa:", ":resolve", "nothing-here"}) {
            assertThat(ButtonId.decode(raw)).as(String.valueOf(raw)).isNull();
        }
    }

    @Test
    void missingOrMalformedArgumentsAreInvalidNotBugs() {
        assertThatThrownBy(() -> ButtonId.decode("qa:resolve").number(0)).isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(() -> ButtonId.decode("qa:resolve:").number(0)).isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(() -> ButtonId.decode("qa:resolve:abc").number(0)).isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(() -> ButtonId.decode("qa:resolve:1e3").number(0)).isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(
                        () -> ButtonId.decode("qa:resolve:99999999999999999999").number(0))
                .isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(() -> ButtonId.decode("qa:resolve:１２").number(0)).isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(() -> ButtonId.decode("qa:ask:-1:2").flag(1)).isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(() -> ButtonId.decode("qa:resolve:1:2").expectArgs(1))
                .isInstanceOf(ButtonId.Invalid.class);
        assertThatThrownBy(() -> {
                    throw ButtonId.decode("qa:zap:1").unknownAction();
                })
                .isInstanceOf(ButtonId.Invalid.class)
                .hasMessageContaining("zap");
    }

    @Test
    void aRefusalCarriesNoStackTraceAndPrintsHostileIdsSafely() {
        ButtonId.Invalid e = new ButtonId(("x\u0000\n").repeat(100), "a", List.of()).unknownAction();
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(new ButtonId("qa", "zap\u001b[2J" + "y".repeat(500), List.of()).toString())
                .doesNotContain("\u001b")
                .contains("\\x1b")
                .hasSizeLessThan(160);
    }
}
