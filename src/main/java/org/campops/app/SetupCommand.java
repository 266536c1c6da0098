package org.campops.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.campops.config.Env;
import org.campops.discord.JdaSetup;
import org.campops.setup.Setup;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code campops setup}: from a bot token to a config with every id of the camp's server. */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = {
            "Connect the bot to the camp's Discord server: print the invite link when it is in no server yet, find the"
                    + " camp's roles and channels by name, create what is missing (asking first) and write their"
                    + " ids into the config files (comments kept, the old file backed up). Safe to run again.",
            "Environment: DISCORD_TOKEN (required, secret), DISCORD_API_URL, DISCORD_GATEWAY_URL."
        })
final class SetupCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @Option(
            names = "--program",
            paramLabel = "PATH",
            description = "Program file (default: the config's `program:`, or program.yaml next to the config).")
    @Nullable
    Path program;

    @Option(names = "--yes", description = "Create what is missing and write the config without asking.")
    boolean yes;

    @Option(names = "--guild", paramLabel = "ID", description = "The camp's server, when the bot is in several.")
    @Nullable
    String guild;

    @Option(
            names = "--invite-wait-seconds",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "How long to wait for the bot to be added to a server (default: ${DEFAULT-VALUE}).")
    long inviteWaitSeconds;

    @Override
    public Integer call() throws Exception {
        Main.quietLogs();
        Setup setup = new Setup(
                new Setup.Options(options.config, program, yes, guild, Duration.ofSeconds(inviteWaitSeconds)),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out,
                Clock.systemDefaultZone());
        return setup.run(Env.from(System.getenv()), JdaSetup::connect);
    }
}
