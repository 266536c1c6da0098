package org.campops.calendar;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A member's feed as RFC 5545 text (biweekly), made for calendar apps that subscribe to a URL (Google Calendar,
 * Outlook, Apple Calendar): every time a UTC date-time (no VTIMEZONE needed), a UID that stays the same for the
 * same event across fetches, DTSTAMP, and a hint to refresh hourly.
 */
final class CalendarFeed {
    private CalendarFeed() {}

    /** One event: {@code end} null for an instant (a deadline); {@code uid} without the domain. */
    record Event(
            String uid,
            Instant start,
            @Nullable Instant end,
            String summary,
            String description,
            @Nullable String location,
            @Nullable String url) {}

    static String ics(List<Event> events, String name, Instant now) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//CampOps//Calendar feed//EN");
        ical.setMethod(Method.publish());
        ical.setName(name);
        ical.addExperimentalProperty("X-WR-CALNAME", name);
        ical.setRefreshInterval(biweekly.util.Duration.builder().hours(1).build());
        ical.addExperimentalProperty("X-PUBLISHED-TTL", "PT1H");
        Date stamp = Date.from(now);
        for (Event ev : events) {
            VEvent e = new VEvent();
            e.setUid(ev.uid() + "@campops");
            e.setDateTimeStamp(stamp);
            e.setDateStart(Date.from(ev.start()), true);
            if (ev.end() != null) {
                e.setDateEnd(Date.from(ev.end()), true);
            }
            e.setSummary(ev.summary());
            if (ev.description() != null && !ev.description().isEmpty()) {
                e.setDescription(ev.description());
            }
            if (ev.location() != null) {
                e.setLocation(ev.location());
            }
            if (ev.url() != null) {
                e.setUrl(ev.url());
            }
            ical.addEvent(e);
        }
        return Biweekly.write(ical).go();
    }
}
