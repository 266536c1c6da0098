package org.campops.discussion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The prompt's and the weekly-post reminders' keys keep the text program moments and rows already hold. */
class DiscussionKeyTest {
    private static final DiscussionKey.Prompt PROMPT = new DiscussionKey.Prompt("topic-cls", LocalDate.of(2027, 2, 15));
    private static final DiscussionKey.WeeklyPost WEEKLY =
            new DiscussionKey.WeeklyPost(LocalDate.of(2027, 2, 15), DayOfWeek.WEDNESDAY);

    @Test
    void formatsTheStoredText() {
        assertThat(PROMPT.text()).isEqualTo("prompt:topic-cls:2027-02-15");
        assertThat(PROMPT.thread().text()).isEqualTo("prompt:topic-cls:2027-02-15");
        assertThat(PROMPT.none().text()).isEqualTo("prompt:topic-cls:2027-02-15" + ":none");
        assertThat(WEEKLY.text()).isEqualTo("duty:weekly-post:2027-02-15:wednesday");
        assertThat(WEEKLY.to("m1").text()).isEqualTo("duty:weekly-post:2027-02-15:wednesday" + ":" + "m1");
    }

    @Test
    void parsesStoredTextsBack() {
        assertThat(DiscussionKey.parse("prompt:topic-cls:2027-02-15")).contains(PROMPT);
        assertThat(DiscussionKey.parse("duty:weekly-post:2027-02-15:wednesday")).contains(WEEKLY);
        assertThat(DiscussionKey.parse("duty:weekly-post:2027-02-19:friday", DiscussionKey.WeeklyPost.class))
                .isEqualTo(new DiscussionKey.WeeklyPost(LocalDate.of(2027, 2, 19), DayOfWeek.FRIDAY));
        assertThat(DiscussionKey.parse("prompt:topic-cls:someday")).isEmpty();
        assertThat(DiscussionKey.parse("duty:weekly-post:2027-02-15:someday")).isEmpty();
        assertThatThrownBy(() -> DiscussionKey.parse("prompt:topic-cls:2027-02-15", DiscussionKey.WeeklyPost.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
