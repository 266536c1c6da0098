package org.campops.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.doctor.ServerFacts;
import org.jspecify.annotations.Nullable;

/**
 * What {@code campops run} says on a first run that cannot work, and what to do next: no token, the example config's
 * placeholder ids, a server the bot is not in.
 */
final class FirstRun {
    /** The example config's placeholder ids: a digit, fourteen zeros, three digits (no real Discord id looks so). */
    private static final Pattern PLACEHOLDER = Pattern.compile("[1-9]0{14}\\d{3}");

    static final String NEXT = "Next: `campops setup` (with DISCORD_TOKEN set) finds or creates the camp's roles and"
            + " channels and writes their ids into the config; `campops doctor` then checks the config against the"
            + " server.";

    private FirstRun() {}

    /** What {@code run} and {@code doctor} need before they connect: the config and a token with usable addresses. */
    record Ready(CampConfig config, Env env) {}

    /**
     * Loads the config and reads the environment; null, after saying on {@code out} what to do (exit 2), when the
     * config does not load, there is no token, or a Discord address is refused.
     */
    static @Nullable Ready beforeConnecting(Path config, Map<String, String> environment, PrintStream out) {
        CampConfig loaded = Main.loadConfig(config);
        if (loaded == null) {
            return null;
        }
        Env env = Env.from(environment);
        if (env.token().isEmpty()) {
            out.println(noToken());
            return null;
        }
        if (!env.discordUrlProblems().isEmpty()) {
            env.discordUrlProblems().forEach(out::println);
            return null;
        }
        return new Ready(loaded, env);
    }

    static String noToken() {
        return "DISCORD_TOKEN is not set. Put the bot token in the environment (never in the config file): Developer"
                + " Portal > your application > Bot > Reset Token. " + NEXT
                + " Without a token, `campops console` tries the commands in the terminal.";
    }

    /** The message when discord.guildId is still the example's placeholder, else null. */
    static @Nullable String placeholders(CampConfig config, java.nio.file.Path file) {
        if (!isPlaceholder(config.discord().guildId())) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        ids(config).forEach((key, id) -> {
            if (id != null && isPlaceholder(id)) {
                keys.add(key);
            }
        });
        return file + " still holds the example's placeholder ids (" + String.join(", ", keys) + "), not your"
                + " server's. " + NEXT + " (Or copy the ids by hand: Discord > Settings > Advanced > Developer Mode,"
                + " then right-click > Copy ID.)";
    }

    static boolean isPlaceholder(String id) {
        return PLACEHOLDER.matcher(id).matches();
    }

    private static Map<String, @Nullable String> ids(CampConfig config) {
        Map<String, @Nullable String> ids = new LinkedHashMap<>();
        CampConfig.DiscordSettings d = config.discord();
        ids.put("discord.guildId", d.guildId());
        ids.put("discord.roles.camper", d.roles().camper());
        ids.put("discord.roles.mentor", d.roles().mentor());
        ids.put("discord.roles.organizer", d.roles().organizer());
        ids.put("discord.channels.announcements", d.channels().announcements());
        ids.put("discord.channels.mentors", d.channels().mentors());
        ids.put("discord.channels.organizers", d.channels().organizers());
        ids.put("qa.channel", config.qa().channel());
        ids.put("officeHours.channel", config.officeHours().channel());
        ids.put("mentoring.teamCategory", config.mentoring().teamCategory());
        return ids;
    }

    /** The message when the bot is not in discord.guildId, else null. */
    static @Nullable String notInServer(CampConfig config, ServerFacts facts) {
        if (facts.server() != null) {
            return null;
        }
        String in = facts.otherServers().isEmpty()
                ? "it is in no server yet"
                : "it is in: " + String.join(", ", facts.otherServers());
        return "The bot is not in the server discord.guildId "
                + config.discord().guildId() + " (" + in + "). Invite"
                + " it to the camp's server or correct discord.guildId. " + NEXT;
    }

    /** After a failed connection: where to look. */
    static String connectFailed(String reason) {
        return "Could not connect to Discord: " + reason + "\nRun `campops doctor` to check the token, the intents and"
                + " the server.";
    }
}
