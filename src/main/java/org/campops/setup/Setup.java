package org.campops.setup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.config.CampConfig;
import org.campops.config.ConfigException;
import org.campops.config.ConfigLoader;
import org.campops.config.Env;
import org.campops.setup.SetupPort.ChannelType;
import org.campops.setup.SetupPort.Server;
import org.campops.setup.SetupPort.ServerRef;
import org.jspecify.annotations.Nullable;

/**
 * {@code campops setup}: connects with the bot's token, waits for the bot to be invited when it is in no server, picks
 * the camp's server, plans what the config needs there, asks, creates what is missing and writes the ids into the
 * config files. Run again on a server that has everything, it creates nothing and leaves the files as they are.
 */
public final class Setup {
    /** How {@code campops setup} is asked to run. */
    public record Options(
            Path config,
            @Nullable Path program,
            boolean yes,
            @Nullable String guild,
            Duration inviteWait) {}

    private final Options options;
    private final BufferedReader in;
    private final PrintStream out;
    private final Clock clock;

    public Setup(Options options, BufferedReader in, PrintStream out, Clock clock) {
        this.options = options;
        this.in = in;
        this.out = out;
        this.clock = clock;
    }

    /** 0 when the config is written (or was right), 1 when Discord or the user stopped it, 2 for a bad config. */
    public int run(Env env, SetupPort.Connector connector) throws IOException, InterruptedException {
        CampConfig config;
        try {
            config = ConfigLoader.load(options.config());
        } catch (ConfigException e) {
            out.println("Configuration problems in " + options.config() + " (fix them, then run setup again):");
            e.problems().forEach(p -> out.println("  - " + p));
            return 2;
        }
        if (env.token().isEmpty()) {
            out.println("DISCORD_TOKEN is not set. Create the bot in the Discord Developer Portal (Applications > New"
                    + " Application > Bot > Reset Token) and run:  DISCORD_TOKEN=... campops setup");
            return 2;
        }
        if (!env.discordUrlProblems().isEmpty()) {
            env.discordUrlProblems().forEach(out::println);
            return 2;
        }
        ConfigFiles files = ConfigFiles.read(options.config(), options.program());
        SetupPort connected;
        try {
            connected = connector.connect(env.token().get(), env.apiUrl(), env.gatewayUrl());
        } catch (RuntimeException e) {
            out.println("Could not connect to Discord: " + e.getMessage()
                    + " (is DISCORD_TOKEN the bot's token from the Developer Portal's Bot page?)");
            return 1;
        }
        try (SetupPort port = connected) {
            ServerRef server = server(port, config);
            if (server == null) {
                return 1;
            }
            return setUp(port, port.server(server.id()), config, files);
        } catch (SetupPort.Refused e) {
            out.println("Stopped: " + e.getMessage() + ". The config was not changed; run setup again once it"
                    + " is fixed (what was created is found again).");
            return 1;
        }
    }

    private @Nullable ServerRef server(SetupPort port, CampConfig config) throws IOException, InterruptedException {
        List<ServerRef> servers = port.servers();
        if (servers.isEmpty()) {
            out.println("The bot is in no server yet. Open this link, pick the camp's server and press Authorize:");
            out.println();
            out.println("  " + BotPermission.inviteUrl(port.applicationId()));
            out.println();
            out.println("Waiting for the bot to be added (at most " + minutes(options.inviteWait()) + ")...");
            out.flush();
            servers = port.awaitServers(options.inviteWait());
            if (servers.isEmpty()) {
                out.println("The bot was not added within " + minutes(options.inviteWait())
                        + ". Run setup again once it is.");
                return null;
            }
        }
        String wanted =
                options.guild() != null ? options.guild() : config.discord().guildId();
        for (ServerRef s : servers) {
            if (s.id().equals(wanted)) {
                return s;
            }
        }
        if (options.guild() != null) {
            out.println("The bot is not in server " + options.guild() + ". It is in: " + names(servers)
                    + ". Invite it with " + BotPermission.inviteUrl(port.applicationId()));
            return null;
        }
        if (servers.size() == 1) {
            return servers.get(0);
        }
        out.println("The bot is in " + servers.size() + " servers. Which one is the camp's?");
        for (int i = 0; i < servers.size(); i++) {
            out.println("  " + (i + 1) + ") " + servers.get(i).name() + " ("
                    + servers.get(i).id() + ")");
        }
        int pick = pick(servers.size());
        return pick < 0 ? null : servers.get(pick);
    }

    private int setUp(SetupPort port, Server server, CampConfig config, ConfigFiles files) throws IOException {
        List<Need> needs = Needs.of(config, files.boards());
        List<String> tags = new ArrayList<>(config.qa().topics());
        tags.add(config.qa().unansweredTag());
        tags.add(config.qa().answeredTag());
        Plan plan = Plan.of(server, needs, tags);
        out.println("Server: " + server.name() + " (" + server.id() + ")");
        plan.lines().forEach(out::println);
        List<String> noted = plan.warnings();
        for (Plan.Step s : plan.ambiguous()) {
            List<Plan.Candidate> candidates = ((Plan.Ambiguous) s.decision()).candidates();
            out.println("Which is " + s.need().key() + "?");
            for (int i = 0; i < candidates.size(); i++) {
                out.println("  " + (i + 1) + ") " + candidates.get(i).name() + " ("
                        + candidates.get(i).id() + ")");
            }
            int pick = pick(candidates.size());
            if (pick < 0) {
                return 1;
            }
            plan.choose(s.need(), candidates.get(pick));
        }
        plan.warnings().stream().filter(w -> !noted.contains(w)).forEach(w -> out.println("  note: " + w));
        boolean creates = plan.createsAnything();
        if (creates) {
            if (!options.yes() && !confirm("Create what is missing and write the ids into " + options.config())) {
                out.println("Nothing was changed.");
                return 1;
            }
            List<String> done = new ArrayList<>();
            Map<String, String> created;
            try {
                created = Creation.run(port, plan, port.selfId(), done);
            } finally {
                done.forEach(d -> out.println("  " + d));
            }
            write(plan.ids(created), server, config, files);
        } else {
            write(plan.ids(Map.of()), server, config, files);
        }
        if (!files.changed()) {
            out.println("Everything is in place; " + options.config() + " is up to date.");
            return 0;
        }
        if (!creates && !options.yes() && !confirm("Write the ids into " + options.config())) {
            out.println("Nothing was changed.");
            return 1;
        }
        files.write(clock).forEach(out::println);
        try {
            ConfigLoader.load(options.config());
            out.println("Next: check it against the server with `campops doctor`, then start the bot with"
                    + " `campops run`.");
            return 0;
        } catch (ConfigException e) {
            out.println("The written config has problems:");
            e.problems().forEach(p -> out.println("  - " + p));
            return 2;
        }
    }

    private void write(Map<Need, String> ids, Server server, CampConfig config, ConfigFiles files) {
        files.campEdit.set(List.of("discord", "guildId"), server.id());
        ids.forEach((need, id) -> files.edit(need.file()).set(need.path(), id));
        // Office hours are announced in the announcements channel unless the config names another that is there.
        String officeHours = config.officeHours().channel();
        boolean there = server.channels().stream()
                .anyMatch(c ->
                        c.id().equals(officeHours) && (c.type() == ChannelType.TEXT || c.type() == ChannelType.NEWS));
        if (!there) {
            ids.forEach((need, id) -> {
                if (need.key().equals(Needs.ANNOUNCEMENTS)) {
                    files.campEdit.set(List.of("officeHours", "channel"), id);
                }
            });
        }
    }

    /** A number from 1 to {@code count} read from the input, as an index; -1 when the input ends. */
    private int pick(int count) throws IOException {
        for (int tries = 0; tries < 3; tries++) {
            out.print("Number (1-" + count + "): ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                out.println("No answer; nothing was changed.");
                return -1;
            }
            try {
                int n = Integer.parseInt(line.strip());
                if (n >= 1 && n <= count) {
                    return n - 1;
                }
            } catch (NumberFormatException e) {
                // asked again
            }
            out.println("Type a number from 1 to " + count + ".");
        }
        out.println("No valid answer; nothing was changed.");
        return -1;
    }

    private boolean confirm(String question) throws IOException {
        out.print(question + "? [y/N] ");
        out.flush();
        String line = in.readLine();
        if (line == null) {
            out.println();
        }
        String answer = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    private static String names(List<ServerRef> servers) {
        return String.join(
                ", ", servers.stream().map(s -> s.name() + " (" + s.id() + ")").toList());
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
