package org.campops.wrapup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The wrap-up digests' keys keep the text program moments and rows already hold, and parse back. */
class WrapupKeyTest {
    private static final WrapupKey DIGEST = new WrapupKey.Digest("trash-detection", LocalDate.of(2026, 12, 3));
    private static final WrapupKey LATE = new WrapupKey.Late("trash-detection");

    @Test
    void formatsTheStoredText() {
        assertThat(DIGEST.text()).isEqualTo("wrapup:digest:trash-detection:2026-12-03");
        assertThat(WrapupDigests.digestKey("ocr", LocalDate.of(2026, 12, 21)))
                .isEqualTo("wrapup:digest:ocr:2026-12-21");
        assertThat(LATE.text()).isEqualTo("wrapup:late:trash-detection");
        assertThat(WrapupDigests.lateKey("ocr")).isEqualTo("wrapup:late:ocr");
        assertThat(DIGEST.to("m1").text()).isEqualTo("wrapup:digest:trash-detection:2026-12-03" + ":" + "m1");
        assertThat(LATE.to("c-org").text()).isEqualTo("wrapup:late:trash-detection:c-org");
    }

    @Test
    void parsesStoredTextsBack() {
        assertThat(WrapupKey.parse("wrapup:digest:trash-detection:2026-12-03")).contains(DIGEST);
        assertThat(WrapupKey.parse("wrapup:late:trash-detection")).contains(LATE);
        assertThat(WrapupKey.parse("wrapup:digest:trash-detection:tomorrow")).isEmpty();
        assertThat(WrapupKey.parse("wrapup:early:trash-detection")).isEmpty();
        assertThat(WrapupKey.parse("meeting:staff:2026-11-02:PT1H")).isEmpty();
    }
}
