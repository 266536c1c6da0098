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
    private static final Set<String> TOP = Set.of("camp", "discord", "reminders");

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
        return parse(root);
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

        JsonNode discord = l.object(root, "discord", Set.of("guildId", "roles", "channels", "adminsAreOrganizers"));
        String guildId = l.snowflake(discord, "discord.guildId");
        JsonNode roles = l.object(discord, "discord.roles", Set.of("camper", "mentor", "organizer"));
        CampConfig.Roles r = new CampConfig.Roles(
                l.snowflake(roles, "discord.roles.camper"),
                l.snowflake(roles, "discord.roles.mentor"),
                l.snowflake(roles, "discord.roles.organizer"));
        JsonNode channels = l.object(discord, "discord.channels", Set.of("announcements", "mentors", "organizers"));
        CampConfig.Channels c = new CampConfig.Channels(
                l.snowflake(channels, "discord.channels.announcements"),
                l.snowflake(channels, "discord.channels.mentors"),
                l.snowflake(channels, "discord.channels.organizers"));
        boolean admins = l.bool(discord, "discord.adminsAreOrganizers", true);

        JsonNode reminders = l.optionalObject(root, "reminders", Set.of("maxPendingPerMember"));
        int maxPending = l.integer(reminders, "reminders.maxPendingPerMember", 50, 1, 1000);

        if (!l.problems.isEmpty()) {
            throw new ConfigException(l.problems);
        }
        return new CampConfig(new CampConfig.Camp(name, zone, locale),
                new CampConfig.DiscordSettings(guildId, r, c, admins),
                new CampConfig.ReminderSettings(maxPending));
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
