package org.campops.config;

import static java.util.Objects.requireNonNullElse;

import jakarta.validation.Valid;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.campops.config.Checks.Between;
import org.campops.config.Checks.DiscordId;
import org.campops.config.Checks.Required;
import org.campops.config.Checks.Text;
import org.campops.config.Checks.WebAddress;

/**
 * config/campops.yaml as written: each key once, with its constraints; a key left out is null here and takes
 * its default in {@link #toConfig()}.
 */
record CampFile(@Required @Valid Camp camp, @Required @Valid Discord discord, @Valid Reminders reminders,
                @Required @Valid Qa qa, @Required @Valid OfficeHours officeHours, String program,
                @Valid Mentoring mentoring, @Valid Http http, @Valid Retention retention) {
    private static final String TOPIC = "every entry must be a name of 1 to 100 characters";

    record Camp(@Required String name, ZoneId zone, Locale locale) {
    }

    record Discord(@Required @DiscordId String guildId, @Required @Valid Roles roles, @Required @Valid Channels channels,
                   Boolean adminsAreOrganizers, Boolean messageContentIntent, Boolean leaveOtherServers,
                   Boolean serverMembersIntent) {
    }

    record Roles(@Required @DiscordId String camper, @Required @DiscordId String mentor,
                 @Required @DiscordId String organizer) {
    }

    record Channels(@DiscordId String announcements, @Required @DiscordId String mentors,
                    @Required @DiscordId String organizers) {
    }

    record Reminders(@Between(min = 1, max = 1000) Integer maxPendingPerMember) {
    }

    record Qa(@Required @DiscordId String channel,
              @Required(message = "missing (expected a list of names, e.g. [\"Object Detection\", \"Segmentation\"])")
              List<@Required(message = TOPIC) @Text(max = 100, message = TOPIC) String> topics,
              String unansweredTag, String answeredTag, Duration followUpAfter, Duration escalateAfter,
              Duration digestEvery, Boolean allowAnonymous) {
        static final Duration FOLLOW_UP = Duration.ofHours(12);
        static final Duration ESCALATE = Duration.ofHours(24);
    }

    record OfficeHours(@Required @DiscordId String channel, List<Duration> remindBefore, Duration agendaBefore,
                       Boolean mentorsMaySchedule, @Between(min = 15, max = 720) Integer maxDurationMinutes) {
    }

    record Mentoring(@DiscordId String teamCategory, Duration mentorRemindBefore, Duration teamRemindBefore,
                     @Between(min = 1, max = 50) Integer feedbackMinAnswers,
                     @Between(min = 1, max = 52) Integer weeksWithoutStage) {
    }

    record Http(Boolean enabled, String host, @Between(min = 0, max = 65535) Integer port,
                @WebAddress(base = true, message = "expected the address members' calendar apps reach the bot at, such as"
                        + " https://campops.example.org (http or https, no query), got '${validatedValue}'")
                String publicUrl, String managementHost,
                @Between(min = 0, max = 65535) Integer managementPort,
                @Between(min = 1, max = 10000) Integer feedRequestsPerMinute) {
    }

    record Retention(@Between(min = 1, max = 3650) Integer sentDays) {
    }

    /** The app's config, every default filled in, without its program. Only for a file without problems. */
    CampConfig toConfig() {
        Discord d = discord;
        CampConfig.MentoringSettings md = CampConfig.MentoringSettings.defaults();
        Mentoring m = requireNonNullElse(mentoring, new Mentoring(null, null, null, null, null));
        CampConfig.HttpSettings hd = CampConfig.HttpSettings.defaults();
        Http h = requireNonNullElse(http, new Http(null, null, null, null, null, null, null));
        return new CampConfig(
                new CampConfig.Camp(camp.name(), requireNonNullElse(camp.zone(), ZoneId.of("Asia/Seoul")),
                        requireNonNullElse(camp.locale(), Locale.KOREAN)),
                new CampConfig.DiscordSettings(d.guildId(), new CampConfig.Roles(d.roles().camper(), d.roles().mentor(),
                        d.roles().organizer()), new CampConfig.Channels(d.channels().announcements(), d.channels().mentors(),
                        d.channels().organizers()), requireNonNullElse(d.adminsAreOrganizers(), true),
                        requireNonNullElse(d.messageContentIntent(), true),
                        requireNonNullElse(d.leaveOtherServers(), true),
                        requireNonNullElse(d.serverMembersIntent(), true)),
                new CampConfig.ReminderSettings(reminders == null ? 50 : requireNonNullElse(reminders.maxPendingPerMember(), 50)),
                new CampConfig.QaSettings(qa.channel(), qa.topics(), requireNonNullElse(qa.unansweredTag(), "unanswered"),
                        requireNonNullElse(qa.answeredTag(), "answered"), requireNonNullElse(qa.followUpAfter(), Qa.FOLLOW_UP),
                        requireNonNullElse(qa.escalateAfter(), Qa.ESCALATE),
                        requireNonNullElse(qa.digestEvery(), Duration.ofHours(1)),
                        requireNonNullElse(qa.allowAnonymous(), true)),
                new CampConfig.OfficeHourSettings(officeHours.channel(), officeHours.remindBefore() == null
                        ? List.of(Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(10))
                        : longestFirst(officeHours.remindBefore()),
                        requireNonNullElse(officeHours.agendaBefore(), Duration.ofHours(1)),
                        requireNonNullElse(officeHours.mentorsMaySchedule(), true),
                        requireNonNullElse(officeHours.maxDurationMinutes(), 240)),
                Program.empty(),
                new CampConfig.MentoringSettings(m.teamCategory(),
                        requireNonNullElse(m.mentorRemindBefore(), md.mentorRemindBefore()),
                        requireNonNullElse(m.teamRemindBefore(), md.teamRemindBefore()),
                        requireNonNullElse(m.feedbackMinAnswers(), md.feedbackMinAnswers()),
                        requireNonNullElse(m.weeksWithoutStage(), md.weeksWithoutStage())),
                new CampConfig.HttpSettings(requireNonNullElse(h.enabled(), hd.enabled()), requireNonNullElse(h.host(), hd.host()),
                        requireNonNullElse(h.port(), hd.port()), h.publicUrl() == null ? null : h.publicUrl().replaceAll("/+$", ""),
                        requireNonNullElse(h.managementHost(), hd.managementHost()),
                        requireNonNullElse(h.managementPort(), hd.managementPort()),
                        requireNonNullElse(h.feedRequestsPerMinute(), hd.feedRequestsPerMinute())),
                new CampConfig.RetentionSettings(retention == null || retention.sentDays() == null
                        ? CampConfig.RetentionSettings.DEFAULT_SENT_DAYS : retention.sentDays()));
    }

    /** Reminder offsets without blanks or repeats, longest (the earliest reminder) first. */
    static List<Duration> longestFirst(List<Duration> offsets) {
        return offsets.stream().filter(Objects::nonNull).distinct().sorted(Comparator.reverseOrder()).toList();
    }
}
