package org.campops.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.campops.chat.Role;
import org.campops.config.CampConfig;
import org.campops.config.ConfigException;
import org.campops.config.ConfigLoader;
import org.campops.config.Env;
import org.campops.console.ConsoleOutput;
import org.campops.console.ConsoleSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code campops run | console | check-config}. */
@Command(name = "campops", mixinStandardHelpOptions = true, version = "CampOps 0.1.0",
        description = "Discord bot for the daily operations of a training camp.",
        subcommands = {Main.Run.class, Main.Console.class, Main.CheckConfig.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static CampConfig loadConfig(Path path) {
        try {
            return ConfigLoader.load(path);
        } catch (ConfigException e) {
            System.err.println("Configuration problems in " + path + ":");
            e.problems().forEach(p -> System.err.println("  - " + p));
            return null;
        }
    }

    /** Shared --config option. */
    static class ConfigOption {
        @Option(names = "--config", paramLabel = "PATH", defaultValue = "config/campops.yaml",
                description = "Config file (default: ${DEFAULT-VALUE}).")
        Path config;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Connect to Discord and serve the camp.",
                    "Environment: DISCORD_TOKEN (required, secret), DISCORD_API_URL, DISCORD_GATEWAY_URL, CAMPOPS_DB_URL."})
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @Override
        public Integer call() throws Exception {
            CampConfig config = loadConfig(options.config);
            if (config == null) {
                return 2;
            }
            Env env = Env.from(System.getenv());
            if (env.token().isEmpty()) {
                System.err.println("DISCORD_TOKEN is not set. Put the bot token in the environment "
                        + "(never in the config file), or try `campops console`, which needs no token.");
                return 2;
            }
            RunningBot bot;
            try {
                bot = RunningBot.start(config, env, Clock.systemUTC());
            } catch (RuntimeException e) {
                System.err.println("Could not connect to Discord: " + e.getMessage());
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                bot.close();
                stopped.countDown();
            }, "campops-shutdown"));
            System.err.println("CampOps is connected as " + bot.discord().jda().getSelfUser().getName() + ". Press Ctrl+C to stop.");
            stopped.await();
            return 0;
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true,
            description = {"Run the same commands in a terminal, no Discord token needed.",
                    "Type commands as in Discord: /remind set when:\"in 1m\" text:hi",
                    "Reads standard input line by line when it is not a terminal, and exits at its end."})
    static final class Console implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @Option(names = "--as", paramLabel = "ROLE", defaultValue = "camper",
                description = "Act as camper, mentor or organizer (default: ${DEFAULT-VALUE}).")
        String as;

        @Option(names = "--lang", paramLabel = "ko|en", description = "Language of replies (default: the config's camp.locale).")
        String lang;

        @Override
        public Integer call() throws Exception {
            if (System.getProperty("campops.log.level") == null) {
                // Keep the terminal for the conversation; problems still show.
                System.setProperty("campops.log.level", "WARN");
            }
            Role role;
            try {
                role = Role.valueOf(as.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("--as takes camper, mentor or organizer, not '" + as + "'");
                return 2;
            }
            CampConfig config = loadConfig(options.config);
            if (config == null) {
                return 2;
            }
            Env env = Env.from(System.getenv());
            Clock clock = Clock.systemUTC();
            ConsoleOutput out = new ConsoleOutput(System.out, config.camp().zone(), clock);
            Locale locale = lang == null ? config.camp().locale()
                    : org.campops.chat.Messages.supported(lang, config.camp().locale());
            try (CampOps app = new CampOps(config, env.dbUrl(), out, clock)) {
                app.startScheduler();
                boolean interactive = System.console() != null;
                new ConsoleSession(app.router(), out, role, locale, interactive)
                        .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            }
            return 0;
        }
    }

    @Command(name = "check-config", mixinStandardHelpOptions = true,
            description = "Validate the config file; exit 0 when it is usable, 2 with every problem listed.")
    static final class CheckConfig implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @Override
        public Integer call() {
            CampConfig config = loadConfig(options.config);
            if (config == null) {
                return 2;
            }
            System.out.println(options.config + " is valid: camp '" + config.camp().name() + "', zone "
                    + config.camp().zone() + ", locale " + config.camp().locale().getLanguage() + ".");
            return 0;
        }
    }
}
