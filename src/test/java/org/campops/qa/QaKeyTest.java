package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Q&A's keys keep the text rows already hold (the old concatenations), and stored texts parse back. */
class QaKeyTest {
    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void formatsTheStoredText() {
        assertThat(new QaKey.Post(7).text()).isEqualTo("qa:" + 7 + ":post");
        assertThat(new QaKey.Resolved(7, AT, QaKey.Resolved.Part.TAGS).text())
                .isEqualTo("qa:" + 7 + ":resolved:" + AT.toEpochMilli() + ":tags");
        assertThat(new QaKey.Resolved(7, AT, QaKey.Resolved.Part.NOTE).text())
                .isEqualTo("qa:7:resolved:1700000000123:note");
        assertThat(new QaKey.Digest(QaKey.Digest.Audience.MENTORS, 12345).text())
                .isEqualTo("qa:digest:mentors:" + 12345);
        assertThat(new QaKey.Digest(QaKey.Digest.Audience.ORGANIZERS, 12345).text())
                .isEqualTo("qa:digest:organizers:12345");
        assertThat(QaDigests.KIND.text()).isEqualTo("digest");
    }

    @Test
    void parsesStoredTextsBack() {
        for (QaKey k : List.of(
                new QaKey.Post(7),
                new QaKey.Resolved(7, AT, QaKey.Resolved.Part.TAGS),
                new QaKey.Resolved(7, AT, QaKey.Resolved.Part.NOTE),
                new QaKey.Digest(QaKey.Digest.Audience.MENTORS, 3),
                new QaKey.Digest(QaKey.Digest.Audience.ORGANIZERS, 3))) {
            assertThat(QaKey.parse(k.text())).isEqualTo(k);
        }
        assertThat(QaKey.parse("qa:12:post")).isEqualTo(new QaKey.Post(12));
        assertThat(QaKey.parse("qa:digest:organizers:99"))
                .isEqualTo(new QaKey.Digest(QaKey.Digest.Audience.ORGANIZERS, 99));
    }

    @Test
    void refusesWhatIsNotOne() {
        for (String bad : List.of("qa:12", "qa:12:thread", "qa:digest:campers:1", "oh:1:announce", "qa:x:post")) {
            assertThatThrownBy(() -> QaKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
