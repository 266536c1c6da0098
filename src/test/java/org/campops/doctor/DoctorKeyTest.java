package org.campops.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The doctor's delivery key: stored in outbox rows, so its text is fixed here. */
class DoctorKeyTest {
    @Test
    void theSameProblemsGiveTheSameKeyAndOthersAnother() {
        List<Finding> problems = List.of(Finding.blocking("tag", "q-and-a", "answered", "qa.answeredTag"));
        DoctorKey key = DoctorKey.of(problems);

        assertThat(key.text()).matches("doctor:[0-9a-f]{16}");
        assertThat(DoctorKey.of(List.of(Finding.blocking("tag", "q-and-a", "answered", "qa.answeredTag"))))
                .isEqualTo(key);
        assertThat(DoctorKey.of(List.of(Finding.blocking("tag", "q-and-a", "unanswered", "qa.unansweredTag"))))
                .isNotEqualTo(key);
        assertThat(DoctorKey.parse(key.text())).isEqualTo(key);
        assertThatThrownBy(() -> DoctorKey.parse("member-left:1:2")).isInstanceOf(IllegalArgumentException.class);
    }
}
