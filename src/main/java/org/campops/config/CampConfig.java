package org.campops.config;

import java.time.ZoneId;
import java.util.Locale;

/** The whole validated configuration of one camp (config/campops.yaml). */
public record CampConfig(Camp camp, DiscordSettings discord, ReminderSettings reminders) {

    /** The camp itself: name, zone used to read typed times, default language. */
    public record Camp(String name, ZoneId zone, Locale locale) {
    }

    /** Where the camp lives on Discord and which roles mean what. */
    public record DiscordSettings(String guildId, Roles roles, Channels channels, boolean adminsAreOrganizers) {
    }

    /** Discord role ids of the three camp roles. */
    public record Roles(String camper, String mentor, String organizer) {
    }

    /** Channel ids the features post to. */
    public record Channels(String announcements, String mentors, String organizers) {
    }

    /** Limits for /remind. */
    public record ReminderSettings(int maxPendingPerMember) {
    }
}
