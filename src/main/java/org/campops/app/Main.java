package org.campops.app;

import java.nio.file.Path;
import java.time.Clock;
import org.campops.config.CampConfig;
import org.campops.config.ConfigException;
import org.campops.config.ConfigLoader;
import org.campops.config.Env;
import org.campops.console.ConsoleOutput;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code campops run | console | check-config | setup | doctor | export | import | healthcheck}.
 * Each subcommand is its own class; this one holds the entry point and what they share (the --config option, loading
 * the config).
 */
@Command(
        name = "campops",
        mixinStandardHelpOptions = true,
        version = "CampOps 0.1.0",
        description = "Discord bot for the daily operations of a training camp.",
        subcommands = {
            RunCommand.class,
            ConsoleCommand.class,
            CheckConfigCommand.class,
            SetupCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            HealthcheckCommand.class,
            DoctorCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The config at {@code path}, or null after printing every problem to standard error. */
    static @Nullable CampConfig loadConfig(Path path) {
        try {
            return ConfigLoader.load(path);
        } catch (ConfigException e) {
            System.err.println("Configuration problems in " + path + ":");
            e.problems().forEach(p -> System.err.println("  - " + p));
            return null;
        }
    }

    /** Logs at WARN unless {@code campops.log.level} says otherwise: the terminal is for the command's own output. */
    static void quietLogs() {
        if (System.getProperty("campops.log.level") == null) {
            System.setProperty("campops.log.level", "WARN");
        }
    }

    /** The app without Discord and without its scheduler started, for one-shot commands (export, import). */
    static CampOps offline(CampConfig config) {
        Env env = Env.from(System.getenv());
        return new CampOps(
                config,
                env.dbUrl(),
                new ConsoleOutput(System.err, config.camp().zone(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** Shared --config option. */
    static class ConfigOption {
        @Option(
                names = "--config",
                paramLabel = "PATH",
                defaultValue = "config/campops.yaml",
                description = "Config file (default: ${DEFAULT-VALUE}).")
        @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
        Path config;
    }
}
