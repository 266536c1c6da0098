package org.campops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads config/campops.yaml into {@link CampConfig}. Every problem is collected so that one run of
 * {@code campops check-config} lists them all, each naming its key and what is expected.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("camp", "discord", "reminders", "qa", "officeHours", "program", "mentoring",
            "http");

    private final List<String> problems = new ArrayList<>();

    private ConfigLoader() {
    }

    public static CampConfig load(Path path) throws ConfigException {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(List.of(path + ": file not found (copy config/campops.yaml from the project and edit it)"));
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new ConfigException(List.of(path + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        CampConfig config;
        java.util.List<String> problems = new ArrayList<>();
        try {
            config = parse(root);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            config = null;
        }
        // The program file: `program:` (relative to this file), or program.yaml next to it when present.
        JsonNode named = root == null ? null : root.get("program");
        Path dir = path.toAbsolutePath().getParent();
        Path programFile = named != null && named.isTextual() ? dir.resolve(named.asText().strip()) : dir.resolve("program.yaml");
        Program program = Program.empty();
        if (named != null || Files.isRegularFile(programFile)) {
            try {
                program = ProgramLoader.load(programFile);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config.withProgram(program);
    }

    /** Where {@link #load} finds the program file of {@code configFile} (it may not exist). */
    public static Path programFile(Path configFile) {
        return configFile.toAbsolutePath().getParent().resolve("program.yaml");
    }

    public static CampConfig parse(JsonNode root) throws ConfigException {
        ConfigLoader l = new ConfigLoader();
        if (root == null || !root.isObject()) {
            throw new ConfigException(List.of("(root): expected a mapping with keys camp, discord, reminders"));
        }
        l.unknownKeys(root, "", TOP);
        JsonNode camp = l.object(root, "camp", Set.of("name", "zone", "locale"));
        String name = l.text(camp, "camp.name", true);
        ZoneId zone = l.zone(camp, "camp.zone");
        Locale locale = l.locale(camp, "camp.locale");

        JsonNode discord = l.object(root, "discord",
                Set.of("guildId", "roles", "channels", "adminsAreOrganizers", "messageContentIntent"));
        String guildId = l.snowflake(discord, "discord.guildId");
        JsonNode roles = l.object(discord, "discord.roles", Set.of("camper", "mentor", "organizer"));
        CampConfig.Roles r = new CampConfig.Roles(
                l.snowflake(roles, "discord.roles.camper"),
                l.snowflake(roles, "discord.roles.mentor"),
                l.snowflake(roles, "discord.roles.organizer"));
        JsonNode channels = l.object(discord, "discord.channels", Set.of("announcements", "mentors", "organizers"));
        CampConfig.Channels c = new CampConfig.Channels(
                l.optionalSnowflake(channels, "discord.channels.announcements"),
                l.snowflake(channels, "discord.channels.mentors"),
                l.snowflake(channels, "discord.channels.organizers"));
        boolean admins = l.bool(discord, "discord.adminsAreOrganizers", true);
        boolean messageContent = l.bool(discord, "discord.messageContentIntent", true);

        JsonNode reminders = l.optionalObject(root, "reminders", Set.of("maxPendingPerMember"));
        int maxPending = l.integer(reminders, "reminders.maxPendingPerMember", 50, 1, 1000);

        JsonNode qa = l.object(root, "qa", Set.of("channel", "topics", "unansweredTag", "answeredTag",
                "followUpAfter", "escalateAfter", "digestEvery", "allowAnonymous"));
        String qaChannel = l.snowflake(qa, "qa.channel");
        java.util.List<String> topics = l.textList(qa, "qa.topics");
        String unansweredTag = l.textOr(qa, "qa.unansweredTag", "unanswered");
        String answeredTag = l.textOr(qa, "qa.answeredTag", "answered");
        java.time.Duration followUp = l.duration(qa, "qa.followUpAfter", java.time.Duration.ofHours(12));
        java.time.Duration escalate = l.duration(qa, "qa.escalateAfter", java.time.Duration.ofHours(24));
        java.time.Duration digest = l.duration(qa, "qa.digestEvery", java.time.Duration.ofHours(1));
        if (followUp != null && escalate != null && escalate.compareTo(followUp) < 0) {
            l.problems.add("qa.escalateAfter: must not be shorter than qa.followUpAfter (" + followUp.toHours() + "h)");
        }
        if (digest != null && digest.compareTo(java.time.Duration.ofMinutes(5)) < 0) {
            l.problems.add("qa.digestEvery: expected at least 5m so mentors are not flooded, got " + digest);
        }
        boolean anonymous = l.bool(qa, "qa.allowAnonymous", true);

        JsonNode oh = l.object(root, "officeHours",
                Set.of("channel", "remindBefore", "agendaBefore", "mentorsMaySchedule", "maxDurationMinutes"));
        String ohChannel = l.snowflake(oh, "officeHours.channel");
        java.util.List<java.time.Duration> remindBefore = l.durations(oh, "officeHours.remindBefore",
                java.util.List.of(java.time.Duration.ofHours(24), java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(10)));
        java.time.Duration agendaBefore = l.duration(oh, "officeHours.agendaBefore", java.time.Duration.ofHours(1));
        boolean mentorsMaySchedule = l.bool(oh, "officeHours.mentorsMaySchedule", true);
        int maxDuration = l.integer(oh, "officeHours.maxDurationMinutes", 240, 15, 720);

        l.text(root, "program", false);
        JsonNode mentoring = l.optionalObject(root, "mentoring",
                Set.of("teamCategory", "mentorRemindBefore", "teamRemindBefore", "feedbackMinAnswers", "weeksWithoutStage"));
        CampConfig.MentoringSettings md = CampConfig.MentoringSettings.defaults();
        CampConfig.MentoringSettings mentoringSettings = new CampConfig.MentoringSettings(
                l.optionalSnowflake(mentoring, "mentoring.teamCategory"),
                l.duration(mentoring, "mentoring.mentorRemindBefore", md.mentorRemindBefore()),
                l.duration(mentoring, "mentoring.teamRemindBefore", md.teamRemindBefore()),
                l.integer(mentoring, "mentoring.feedbackMinAnswers", md.feedbackMinAnswers(), 1, 50),
                l.integer(mentoring, "mentoring.weeksWithoutStage", md.weeksWithoutStage(), 1, 52));

        JsonNode http = l.optionalObject(root, "http", Set.of("enabled", "host", "port", "publicUrl"));
        CampConfig.HttpSettings hd = CampConfig.HttpSettings.defaults();
        CampConfig.HttpSettings httpSettings = new CampConfig.HttpSettings(
                l.bool(http, "http.enabled", hd.enabled()),
                l.textOr(http, "http.host", hd.host()),
                l.integer(http, "http.port", hd.port(), 0, 65535),
                l.publicUrl(http, "http.publicUrl"));

        if (!l.problems.isEmpty()) {
            throw new ConfigException(l.problems);
        }
        return new CampConfig(new CampConfig.Camp(name, zone, locale),
                new CampConfig.DiscordSettings(guildId, r, c, admins, messageContent),
                new CampConfig.ReminderSettings(maxPending),
                new CampConfig.QaSettings(qaChannel, topics, unansweredTag, answeredTag, followUp, escalate, digest, anonymous),
                new CampConfig.OfficeHourSettings(ohChannel, remindBefore, agendaBefore, mentorsMaySchedule, maxDuration),
                Program.empty(), mentoringSettings, httpSettings);
    }

    /** An http(s) address without query or fragment, trailing slashes dropped; null when not given. */
    private String publicUrl(JsonNode parent, String key) {
        String v = text(parent, key, false);
        if (v == null) {
            return null;
        }
        try {
            java.net.URI u = new java.net.URI(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null) {
                return v.replaceAll("/+$", "");
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add(key + ": expected the address members' calendar apps reach the bot at, such as"
                + " https://campops.example.org (http or https, no query), got '" + v + "'");
        return null;
    }


    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private void unknownKeys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problems.add(prefix + f + ": unknown key (expected one of " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private JsonNode object(JsonNode parent, String key, Set<String> allowed) {
        JsonNode n = parent == null ? null : parent.get(leaf(key));
        if (n == null || n.isNull()) {
            if (parent != null) {
                problems.add(key + ": missing (expected a mapping with " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            return null;
        }
        if (!n.isObject()) {
            problems.add(key + ": expected a mapping, got " + n.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        unknownKeys(n, key + ".", allowed);
        return n;
    }

    private JsonNode optionalObject(JsonNode parent, String key, Set<String> allowed) {
        JsonNode n = parent.get(leaf(key));
        if (n == null || n.isNull()) {
            return null;
        }
        return object(parent, key, allowed);
    }

    private String text(JsonNode parent, String key, boolean required) {
        if (parent == null) {
            return null;
        }
        JsonNode n = parent.get(leaf(key));
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            if (required) {
                problems.add(key + ": missing (expected text)");
            }
            return null;
        }
        if (!n.isValueNode()) {
            problems.add(key + ": expected text");
            return null;
        }
        return n.asText().strip();
    }

    private String snowflake(JsonNode parent, String key) {
        String v = text(parent, key, true);
        if (v != null && !v.matches("\\d{1,20}")) {
            problems.add(key + ": expected a Discord id (digits only; enable Developer Mode and use Copy ID), got '" + v + "'");
            return null;
        }
        return v;
    }

    private String optionalSnowflake(JsonNode parent, String key) {
        String v = text(parent, key, false);
        if (v != null && !v.matches("\\d{1,20}")) {
            problems.add(key + ": expected a Discord id (digits only), got '" + v + "'");
            return null;
        }
        return v;
    }

    private ZoneId zone(JsonNode parent, String key) {
        String v = text(parent, key, false);
        if (v == null) {
            return ZoneId.of("Asia/Seoul");
        }
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            problems.add(key + ": expected a time zone id such as Asia/Seoul, got '" + v + "'");
            return null;
        }
    }

    private Locale locale(JsonNode parent, String key) {
        String v = text(parent, key, false);
        if (v == null) {
            return Locale.KOREAN;
        }
        if (v.equals("ko")) {
            return Locale.KOREAN;
        }
        if (v.equals("en")) {
            return Locale.ENGLISH;
        }
        problems.add(key + ": expected ko or en, got '" + v + "'");
        return null;
    }

    private String textOr(JsonNode parent, String key, String dflt) {
        String v = text(parent, key, false);
        return v == null ? dflt : v;
    }

    private java.util.List<String> textList(JsonNode parent, String key) {
        JsonNode n = parent == null ? null : parent.get(leaf(key));
        if (n == null || n.isNull()) {
            if (parent != null) {
                problems.add(key + ": missing (expected a list of names, e.g. [\"Object Detection\", \"Segmentation\"])");
            }
            return java.util.List.of();
        }
        if (!n.isArray()) {
            problems.add(key + ": expected a list of names");
            return java.util.List.of();
        }
        java.util.List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            String v = e.asText().strip();
            if (!e.isValueNode() || v.isEmpty() || v.length() > 100) {
                problems.add(key + ": every entry must be a name of 1 to 100 characters");
            } else if (out.stream().anyMatch(x -> x.equalsIgnoreCase(v))) {
                problems.add(key + ": '" + v + "' is listed twice");
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private java.util.List<java.time.Duration> durations(JsonNode parent, String key, java.util.List<java.time.Duration> dflt) {
        JsonNode n = parent == null ? null : parent.get(leaf(key));
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isArray()) {
            problems.add(key + ": expected a list of durations, e.g. [24h, 1h, 10m]");
            return dflt;
        }
        java.util.List<java.time.Duration> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            com.fasterxml.jackson.databind.node.ObjectNode holder = YAML.createObjectNode();
            holder.set("v", n.get(i));
            java.time.Duration d = duration(holder, key + "[" + i + "].v", null);
            if (d != null && !out.contains(d)) {
                out.add(d);
            }
        }
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    /** Durations as 30m, 12h, 2d or ISO-8601 (PT12H). */
    private java.time.Duration duration(JsonNode parent, String key, java.time.Duration dflt) {
        String v = text(parent, key, false);
        if (v == null) {
            return dflt;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})\\s*([mhd])").matcher(v.toLowerCase(Locale.ROOT));
        try {
            if (m.matches() && Long.parseLong(m.group(1)) > 0) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "m" -> java.time.Duration.ofMinutes(n);
                    case "h" -> java.time.Duration.ofHours(n);
                    default -> java.time.Duration.ofDays(n);
                };
            }
            java.time.Duration d = java.time.Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        problems.add(key + ": expected a duration such as 30m, 12h or 2d, got '" + v + "'");
        return dflt;
    }

    private boolean bool(JsonNode parent, String key, boolean dflt) {
        JsonNode n = parent == null ? null : parent.get(leaf(key));
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            problems.add(key + ": expected true or false, got '" + n.asText() + "'");
            return dflt;
        }
        return n.booleanValue();
    }

    private int integer(JsonNode parent, String key, int dflt, int min, int max) {
        JsonNode n = parent == null ? null : parent.get(leaf(key));
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < min || n.intValue() > max) {
            problems.add(key + ": expected a whole number from " + min + " to " + max + ", got '" + n.asText() + "'");
            return dflt;
        }
        return n.intValue();
    }
}
