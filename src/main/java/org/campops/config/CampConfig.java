package org.campops.config;

import java.time.ZoneId;
import java.util.Locale;

/** The whole validated configuration of one camp (config/campops.yaml). */
public record CampConfig(Camp camp, DiscordSettings discord, ReminderSettings reminders, QaSettings qa,
                         OfficeHourSettings officeHours) {

    /** The camp itself: name, zone used to read typed times, default language. */
    public record Camp(String name, ZoneId zone, Locale locale) {
    }

    /** Where the camp lives on Discord and which roles mean what. */
    public record DiscordSettings(String guildId, Roles roles, Channels channels, boolean adminsAreOrganizers,
                                  boolean messageContentIntent) {
    }

    /** Discord role ids of the three camp roles. */
    public record Roles(String camper, String mentor, String organizer) {
    }

    /** Channel ids the features post to. */
    public record Channels(String announcements, String mentors, String organizers) {
    }

    /**
     * Q&A: where questions go (a forum channel, or a text channel whose messages get threads), the
     * topics campers pick from, the forum tag names, and when unanswered questions are followed up.
     */
    public record QaSettings(String channel, java.util.List<String> topics, String unansweredTag, String answeredTag,
                             java.time.Duration followUpAfter, java.time.Duration escalateAfter,
                             java.time.Duration digestEvery, boolean allowAnonymous) {
        public QaSettings {
            topics = java.util.List.copyOf(topics);
        }
    }

    /**
     * Office hours: the channel announcements go to (each gets a thread for its agenda), when
     * reminders go out, when the agenda is posted, and who may schedule.
     */
    public record OfficeHourSettings(String channel, java.util.List<java.time.Duration> remindBefore,
                                     java.time.Duration agendaBefore, boolean mentorsMaySchedule, int maxDurationMinutes) {
        public OfficeHourSettings {
            remindBefore = java.util.List.copyOf(remindBefore);
        }
    }

    /** Limits for /remind. */
    public record ReminderSettings(int maxPendingPerMember) {
    }
}
