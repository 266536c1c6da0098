package org.campops.officehours;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Office hours as RFC 5545 iCalendar files, written with biweekly; every time is a UTC date-time. */
public final class OfficeHourCalendar {
    private OfficeHourCalendar() {}

    public static byte[] ics(List<OfficeHour> hours, String campName, Instant now) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//CampOps//Office hours//EN");
        ical.setMethod(Method.publish());
        ical.setName(campName + " office hours");
        for (OfficeHour o : hours) {
            VEvent e = new VEvent();
            e.setUid("officehour-" + o.id() + "@campops");
            e.setDateTimeStamp(Date.from(now));
            e.setDateStart(Date.from(o.startAt()), true);
            e.setDateEnd(Date.from(o.endAt()), true);
            e.setSummary(o.title());
            StringBuilder description = new StringBuilder();
            if (o.topic() != null) {
                description.append(o.topic());
            }
            if (o.description() != null) {
                description.append(description.length() > 0 ? "\n" : "").append(o.description());
            }
            if (description.length() > 0) {
                e.setDescription(description.toString());
            }
            if (o.location() != null) {
                e.setLocation(o.location());
                if (o.location().startsWith("http://") || o.location().startsWith("https://")) {
                    e.setUrl(o.location());
                }
            } else if (o.voiceChannelId() != null) {
                e.setLocation("Discord voice channel");
            }
            ical.addEvent(e);
        }
        return Biweekly.write(ical).go().getBytes(StandardCharsets.UTF_8);
    }
}
