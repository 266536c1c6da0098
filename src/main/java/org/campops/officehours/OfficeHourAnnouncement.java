package org.campops.officehours;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;

/**
 * How an office hour shows on Discord besides its texts: the announcement with its RSVP count and
 * .ics file, the scheduled event of Discord's event list, and calendar files.
 */
final class OfficeHourAnnouncement {
    private final Locale postLocale;
    private final String campName;
    private final Clock clock;

    OfficeHourAnnouncement(Locale postLocale, String campName, Clock clock) {
        this.postLocale = postLocale;
        this.campName = campName;
        this.clock = clock;
    }

    /** The announcement as it reads with {@code rsvps} members attending, its .ics file attached. */
    Reply post(OfficeHour o, int rsvps) {
        return OfficeHourPosts.announcement(o, rsvps, postLocale).withAttachments(List.of(ics(o)));
    }

    Notifier.EventDetails event(OfficeHour o) {
        return new Notifier.EventDetails(
                o.title(),
                o.description() == null ? o.topic() : o.description(),
                o.startAt(),
                o.endAt(),
                o.voiceChannelId(),
                o.location());
    }

    private Reply.Attachment ics(OfficeHour o) {
        return new Reply.Attachment(
                "officehour-" + o.id() + ".ics",
                "text/calendar",
                OfficeHourCalendar.ics(List.of(o), campName, clock.instant()));
    }

    /** Several office hours as one .ics file. */
    Reply.Attachment calendar(List<OfficeHour> hours) {
        return new Reply.Attachment(
                "campops-officehours.ics", "text/calendar", OfficeHourCalendar.ics(hours, campName, clock.instant()));
    }
}
