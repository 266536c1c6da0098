package org.campops.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.campops.config.Checks.Between;
import org.campops.config.Checks.Default;
import org.campops.config.Checks.DiscordId;
import org.campops.config.Checks.Required;
import org.campops.config.Checks.Text;
import org.campops.config.Checks.WebAddress;

/**
 * The whole validated configuration of one camp (config/campops.yaml). These records are the file: each key is one
 * component, with its checks ({@link Checks}) and its {@link Default}; {@link ConfigLoader} binds the file into them
 * and checks what spans several keys. The file's {@code program:} names the program file, which gives {@link #program}.
 */
@JsonIgnoreProperties({"program"})
public record CampConfig(
        @Required @Valid Camp camp,
        @Required @Valid DiscordSettings discord,
        @Valid ReminderSettings reminders,
        @Required @Valid QaSettings qa,
        @Required @Valid OfficeHourSettings officeHours,
        Program program,
        @Valid MentoringSettings mentoring,
        @Valid HttpSettings http,
        @Valid RetentionSettings retention,
        @Valid ReportSettings reports) {
    private static final String TOPIC = "every entry must be a name of 1 to 100 characters";

    /** The stages of the program. */
    public java.util.List<Program.Stage> stages() {
        return program.stages();
    }

    public CampConfig withStages(java.util.List<Program.Stage> newStages) {
        return withProgram(program.withStages(newStages));
    }

    public CampConfig withProgram(Program p) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, p, mentoring, http, retention, reports);
    }

    public CampConfig withMentoring(MentoringSettings m) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, program, m, http, retention, reports);
    }

    public CampConfig withCamp(Camp c) {
        return new CampConfig(c, discord, reminders, qa, officeHours, program, mentoring, http, retention, reports);
    }

    public CampConfig withZone(ZoneId zone) {
        return withCamp(new Camp(camp.name(), zone, camp.locale()));
    }

    public CampConfig withDiscord(DiscordSettings d) {
        return new CampConfig(camp, d, reminders, qa, officeHours, program, mentoring, http, retention, reports);
    }

    public CampConfig withQa(QaSettings q) {
        return new CampConfig(camp, discord, reminders, q, officeHours, program, mentoring, http, retention, reports);
    }

    public CampConfig withHttp(HttpSettings h) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, program, mentoring, h, retention, reports);
    }

    public CampConfig withRetention(RetentionSettings r) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, program, mentoring, http, r, reports);
    }

    public CampConfig withReports(ReportSettings r) {
        return new CampConfig(camp, discord, reminders, qa, officeHours, program, mentoring, http, retention, r);
    }

    /**
     * The weekly operations report: posted to the organizers' channel on {@code day} at {@code time} (camp's zone) for
     * the week that just ended, unless {@code enabled} is false.
     */
    public record ReportSettings(
            @Default("true") boolean enabled,
            @Default("monday") DayOfWeek day,
            @Default("09:00") LocalTime time) {
        public static ReportSettings defaults() {
            return Defaults.of(ReportSettings.class);
        }
    }

    /**
     * How long the outbox keeps the content of what the bot sent (Zoom links, DMs): {@code sentDays} after a post was
     * sent, or after an organizer's {@code /status} listed a failed one.
     */
    public record RetentionSettings(
            @Default("14") @Between(min = 1, max = 3650) int sentDays) {
        public static final int DEFAULT_SENT_DAYS = defaults().sentDays();

        public static RetentionSettings defaults() {
            return Defaults.of(RetentionSettings.class);
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
    public record HttpSettings(
            @Default("true") boolean enabled,
            @Default("0.0.0.0") String host,
            @Default("8080") @Between(min = 0, max = 65535) int port,

            @WebAddress(
                    base = true,
                    message = "expected the address members' calendar apps reach the"
                            + " bot at, such as https://campops.example.org (http or https, no query), got"
                            + " '${validatedValue}'")
            String publicUrl,

            @Default("127.0.0.1") String managementHost,
            @Default("8081") @Between(min = 0, max = 65535) int managementPort,
            // Calendar apps refresh every few minutes at most; a proxy sends all members' together.
            @Default("60") @Between(min = 1, max = 10000) int feedRequestsPerMinute) {
        public static final int DEFAULT_PORT = defaults().port();
        public static final int DEFAULT_MANAGEMENT_PORT = defaults().managementPort();
        public static final String DEFAULT_MANAGEMENT_HOST = defaults().managementHost();
        public static final int DEFAULT_FEED_REQUESTS_PER_MINUTE = defaults().feedRequestsPerMinute();

        public HttpSettings {
            publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        }

        public static HttpSettings defaults() {
            return Defaults.of(HttpSettings.class);
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
    public record MentoringSettings(
            @DiscordId String teamCategory,
            @Default("1h") Duration mentorRemindBefore,
            @Default("10m") Duration teamRemindBefore,
            @Default("3") @Between(min = 1, max = 50) int feedbackMinAnswers,
            @Default("12") @Between(min = 1, max = 52) int weeksWithoutStage) {
        public static MentoringSettings defaults() {
            return Defaults.of(MentoringSettings.class);
        }
    }

    /** The camp itself: name, zone used to read typed times, default language. */
    public record Camp(
            @Required String name,
            @Default("Asia/Seoul") ZoneId zone,
            @Default("ko") Locale locale) {}

    /** Where the camp lives on Discord and which roles mean what. */
    public record DiscordSettings(
            @Required @DiscordId String guildId,
            @Required @Valid Roles roles,
            @Required @Valid Channels channels,
            @Default("true") boolean adminsAreOrganizers,
            @Default("true") boolean messageContentIntent,
            @Default("true") boolean leaveOtherServers,
            @Default("true") boolean serverMembersIntent) {}

    /** Discord role ids of the three camp roles. */
    public record Roles(
            @Required @DiscordId String camper,
            @Required @DiscordId String mentor,
            @Required @DiscordId String organizer) {}

    /** Channel ids the features post to. */
    public record Channels(
            @DiscordId String announcements,
            @Required @DiscordId String mentors,
            @Required @DiscordId String organizers) {}

    /**
     * Q&A: where questions go (a forum channel, or a text channel whose messages get threads), the
     * topics campers pick from, the forum tag names, and when unanswered questions are followed up.
     */
    public record QaSettings(
            @Required @DiscordId String channel,

            @Required(
                    message = "missing (expected a list of names, e.g. [\"Object Detection\"," + " \"Segmentation\"])")
            List<@Required(message = TOPIC) @Text(max = 100, message = TOPIC) String> topics,

            @Default("unanswered") String unansweredTag,
            @Default("answered") String answeredTag,
            @Default("12h") Duration followUpAfter,
            @Default("24h") Duration escalateAfter,
            @Default("1h") Duration digestEvery,
            @Default("true") boolean allowAnonymous,
            @Default(DEFAULT_INDEX_FOLDER) String indexFolder) {
        /**
         * Where an instance on PostgreSQL saves its search index (a folder per database below it; an H2 database keeps
         * it beside its file); empty: in memory only, built at every start.
         */
        public static final String DEFAULT_INDEX_FOLDER = "data/qa-index";

        public QaSettings {
            topics = Lists.copy(topics);
        }
    }

    /**
     * Office hours: the channel announcements go to (each gets a thread for its agenda), when
     * reminders go out, when the agenda is posted, and who may schedule.
     */
    public record OfficeHourSettings(
            @Required @DiscordId String channel,

            @Default({"24h", "1h", "10m"}) @JsonDeserialize(converter = Lists.LongestFirst.class)
            List<Duration> remindBefore,

            @Default("1h") Duration agendaBefore,
            @Default("true") boolean mentorsMaySchedule,
            @Default("240") @Between(min = 15, max = 720) int maxDurationMinutes) {
        public OfficeHourSettings {
            remindBefore = Lists.copy(remindBefore);
        }
    }

    /** Limits for /remind. */
    public record ReminderSettings(
            @Default("50") @Between(min = 1, max = 1000) int maxPendingPerMember) {}
}
