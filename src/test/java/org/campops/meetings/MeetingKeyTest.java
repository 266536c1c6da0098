package org.campops.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Meeting and deadline keys keep the text program moments and rows already hold, and parse back. */
class MeetingKeyTest {
    private static final MeetingKey STAFF =
            new MeetingKey.Meeting("staff", LocalDate.of(2026, 11, 2), Duration.ofHours(1));
    private static final MeetingKey SLIDES = new MeetingKey.Deadline("slides", Duration.ofHours(48));

    @Test
    void formatsTheStoredText() {
        assertThat(STAFF.text()).isEqualTo("meeting:staff:2026-11-02:PT1H");
        assertThat(Meetings.meetingKey("staff", LocalDate.of(2026, 11, 2), Duration.ofHours(24))
                        .text())
                .isEqualTo("meeting:staff:2026-11-02:PT24H");
        assertThat(SLIDES.text()).isEqualTo("deadline:slides:PT48H");
        assertThat(Meetings.deadlineKey("slides", Duration.ofHours(2)).text()).isEqualTo("deadline:slides:PT2H");
        assertThat(STAFF.channel("c-mentors").text())
                .isEqualTo("meeting:staff:2026-11-02:PT1H" + ":channel:" + "c-mentors");
        assertThat(STAFF.dm("u1").text()).isEqualTo("meeting:staff:2026-11-02:PT1H:dm:u1");
        assertThat(SLIDES.channel("c-org").text()).isEqualTo("deadline:slides:PT48H:channel:c-org");
    }

    @Test
    void parsesStoredTextsBack() {
        assertThat(MeetingKey.parse("meeting:staff:2026-11-02:PT1H")).contains(STAFF);
        assertThat(MeetingKey.parse("deadline:slides:PT48H")).contains(SLIDES);
        assertThat(MeetingKey.parsePost("meeting:staff:2026-11-02:PT1H:dm:u1")).contains(STAFF.dm("u1"));
        assertThat(MeetingKey.parsePost("deadline:slides:PT48H:channel:c-org")).contains(SLIDES.channel("c-org"));
        assertThat(MeetingKey.parse("meeting:staff:soon:PT1H")).isEmpty();
        assertThat(MeetingKey.parse("meeting:staff:2026-11-02")).isEmpty();
        assertThat(MeetingKey.parse("deadline:slides:2h")).isEmpty();
        assertThat(MeetingKey.parse("prompt:topic-cls:2027-02-15")).isEmpty();
        assertThat(MeetingKey.parsePost("meeting:staff:2026-11-02:PT1H:fax:u1")).isEmpty();
    }
}
