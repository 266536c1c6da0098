package org.campops.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A reminder's key and moment kind keep the text rows and triggers already hold. */
class ReminderKeyTest {

    @Test
    void formatsAndParsesTheStoredText() {
        assertThat(new ReminderKey(42).text()).isEqualTo("reminder:42");
        assertThat(ReminderKey.parse("reminder:42")).isEqualTo(new ReminderKey(42));
        assertThat(ReminderKey.Kind.DUE.text()).isEqualTo("due");
    }

    @Test
    void refusesAnotherFeaturesKey() {
        assertThatThrownBy(() -> ReminderKey.parse("qa:42:post")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReminderKey.parse("reminder:x")).isInstanceOf(IllegalArgumentException.class);
    }
}
