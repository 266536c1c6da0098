package org.campops.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A departure notice's key keeps the text rows already hold, and parses back. */
class DepartureKeyTest {

    @Test
    void formatsAndParsesTheStoredText() {
        UUID notice = UUID.fromString("0b7e8c2a-5d1f-4c3e-9a2b-1f0e3d4c5b6a");
        assertThat(new DepartureKey("9001", notice).text()).isEqualTo("member-left:" + "9001" + ":" + notice);
        assertThat(DepartureKey.parse("member-left:9001:" + notice)).isEqualTo(new DepartureKey("9001", notice));
        assertThatThrownBy(() -> DepartureKey.parse("member-left:9001")).isInstanceOf(IllegalArgumentException.class);
    }
}
