package org.campops.meetings;

import java.time.Instant;
import java.util.Locale;
import org.campops.chat.Messages;
import org.campops.chat.Texts;
import org.campops.config.Program;

/**
 * The reminder texts, in the camp's language. Only the meeting reminder carries the link, and it is
 * queued only to the meeting's audience.
 */
final class MeetingPosts {
    private final Locale locale;

    MeetingPosts(Locale locale) {
        this.locale = locale;
    }

    String meeting(Occurrence o) {
        Program.Meeting m = o.meeting();
        String text = Messages.get(
                locale,
                "meetings.meeting.reminder",
                Texts.defuse(m.name()),
                Texts.timestamp(o.start()),
                Texts.relative(o.start()),
                m.durationMinutes());
        if (m.link() != null) {
            text += "\n" + Messages.get(locale, "meetings.meeting.link", m.link());
        }
        return text;
    }

    String deadline(Program.Deadline d, Instant due) {
        return Messages.get(
                locale,
                "meetings.deadline.reminder",
                Texts.defuse(d.what()),
                Texts.timestamp(due),
                Texts.relative(due));
    }
}
