package org.campops.config;

import java.time.ZoneId;
import java.util.Locale;

/** The whole validated configuration of one camp (config/campops.yaml). */
public record CampConfig(Camp camp, DiscordSettings discord, ReminderSettings reminders, QaSettings qa,
                         OfficeHourSettings officeHours, Program program, MentoringSettings mentoring, HttpSettings http,
                         RetentionSettings retention) {

    /** The config with the default retention. */
    public CampConfig(Camp camp, DiscordSettings discord, ReminderSettings reminders, QaSettings qa,
                      OfficeHourSettings officeHours, Program program, MentoringSettings mentoring, HttpSettings http) {
        this(camp, discord, reminders, qa, officeHours, program, mentoring, http, RetentionSettings.defaults());
    }

    /** The config with the default HTTP settings. */
    public CampConfig(Camp camp, DiscordSettings discord, ReminderSettings reminders, QaSettings qa,
                      OfficeHourSettings officeHours, Program program, MentoringSettings mentoring) {
        this(camp, discord, reminders, qa, officeHours, program, mentoring, HttpSettings.defaults());
    }

    /** The config of a camp without stages and with default mentoring settings (tests, older files). */
    public CampConfig(Camp camp, DiscordSettings discord, ReminderSettings reminders, QaSettings qa,
                      OfficeHourSettings officeHours) {
        this(camp, discord, reminders, qa, officeHours, Program.empty(), MentoringSettings.defaults());
    }

    /** The stages of the program. */
    public java.util.List<Program.Stage> stages() {
        return program.stages();
    }

    public CampConfig withStages(java.util.List<Program.Stage> newStages) {
        return withProgram(program.withStages(newStages));
    }

    public CampConfig withProgram(Program p) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, p, mentoring, http, retention);
    }

    public CampConfig withMentoring(MentoringSettings m) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, program, m, http, retention);
    }

    public CampConfig withZone(ZoneId zone) {
        return new CampConfig(new Camp(camp.name(), zone, camp.locale()), discord, reminders, qa, officeHours, program, mentoring,
                http, retention);
    }

    public CampConfig withHttp(HttpSettings h) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, program, mentoring, h, retention);
    }

    public CampConfig withRetention(RetentionSettings r) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, program, mentoring, http, r);
    }

    /**
     * How long the outbox keeps the content of what the bot sent (Zoom links, DMs): {@code sentDays} after a post was
     * sent, or after an organizer's {@code /status} listed a failed one.
     */
    public record RetentionSettings(int sentDays) {
        public static final int DEFAULT_SENT_DAYS = 14;

        public static RetentionSettings defaults() {
            return new RetentionSettings(DEFAULT_SENT_DAYS);
        }

        public java.time.Duration keep() {
            return java.time.Duration.ofDays(sentDays);
        }
    }

    /**
     * The HTTP servers of {@code campops run} (never in console mode). The public listener ({@code host}:{@code port})
     * serves only the members' calendar feeds, at most {@code feedRequestsPerMinute} requests a minute from one client
     * address; the management listener ({@code managementHost}:{@code managementPort}, loopback by default) serves
     * {@code /health} and {@code /metrics}. A port 0 takes a free port (tests). {@code publicUrl} is how members'
     * calendar apps reach the public listener (no trailing slash); null means {@code http://localhost:<port>}.
     */
    public record HttpSettings(boolean enabled, String host, int port, String publicUrl, String managementHost,
                               int managementPort, int feedRequestsPerMinute) {
        public static final int DEFAULT_PORT = 8080;
        public static final int DEFAULT_MANAGEMENT_PORT = 8081;
        public static final String DEFAULT_MANAGEMENT_HOST = "127.0.0.1";
        /** Calendar apps refresh every few minutes at most; a proxy in front of the bot sends all members' together. */
        public static final int DEFAULT_FEED_REQUESTS_PER_MINUTE = 60;

        public static HttpSettings defaults() {
            return new HttpSettings(true, "0.0.0.0", DEFAULT_PORT, null, DEFAULT_MANAGEMENT_HOST, DEFAULT_MANAGEMENT_PORT,
                    DEFAULT_FEED_REQUESTS_PER_MINUTE);
        }

        /** The same settings with another feed rate limit (tests). */
        public HttpSettings withFeedRequestsPerMinute(int perMinute) {
            return new HttpSettings(enabled, host, port, publicUrl, managementHost, managementPort, perMinute);
        }

        /** The base of calendar URLs once the server listens on {@code boundPort}. */
        public String baseUrl(int boundPort) {
            return publicUrl != null ? publicUrl : "http://localhost:" + boundPort;
        }
    }

    /**
     * Teams and weekly mentoring: the category team channels are created under (null: top level),
     * when the mentor and the team channel are reminded, how many feedback answers a mentor needs
     * before seeing their average, and how long a series runs when no stage covers it.
     */
    public record MentoringSettings(String teamCategory, java.time.Duration mentorRemindBefore,
                                    java.time.Duration teamRemindBefore, int feedbackMinAnswers, int weeksWithoutStage) {
        public static MentoringSettings defaults() {
            return new MentoringSettings(null, java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(10), 3, 12);
        }
    }

    /** The camp itself: name, zone used to read typed times, default language. */
    public record Camp(String name, ZoneId zone, Locale locale) {
    }

    /** Where the camp lives on Discord and which roles mean what. */
    public record DiscordSettings(String guildId, Roles roles, Channels channels, boolean adminsAreOrganizers,
                                  boolean messageContentIntent, boolean leaveOtherServers, boolean serverMembersIntent) {
        /** Settings that leave every other server and ask for the Server Members intent (the defaults). */
        public DiscordSettings(String guildId, Roles roles, Channels channels, boolean adminsAreOrganizers,
                               boolean messageContentIntent) {
            this(guildId, roles, channels, adminsAreOrganizers, messageContentIntent, true, true);
        }
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
