package org.campops.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.campops.chat.Messages;
import org.campops.chat.Role;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.console.ConsoleOutput;
import org.campops.console.ConsoleSession;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code campops console}: the same commands in a terminal, no Discord token needed. */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = {
            "Run the same commands in a terminal, no Discord token needed.",
            "Type commands as in Discord: /remind set when:\"in 1m\" text:hi",
            "Reads standard input line by line when it is not a terminal, and exits at its end."
        })
final class ConsoleCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @Option(
            names = "--as",
            paramLabel = "ROLE",
            defaultValue = "camper",
            description = "Act as camper, mentor or organizer (default: ${DEFAULT-VALUE}).")
    @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
    String as;

    @Option(
            names = "--lang",
            paramLabel = "ko|en",
            description = "Language of replies (default: the config's camp.locale).")
    @Nullable
    String lang;

    @Override
    public Integer call() throws Exception {
        // Keep the terminal for the conversation; problems still show.
        Main.quietLogs();
        Role role;
        try {
            role = Role.held(as);
        } catch (IllegalArgumentException e) {
            System.err.println("--as takes camper, mentor or organizer, not '" + as + "'");
            return 2;
        }
        CampConfig config = Main.loadConfig(options.config);
        if (config == null) {
            return 2;
        }
        Env env = Env.from(System.getenv());
        Clock clock = Clock.systemUTC();
        ConsoleOutput out = new ConsoleOutput(System.out, config.camp().zone(), clock);
        Locale locale = lang == null
                ? config.camp().locale()
                : Messages.supported(lang, config.camp().locale());
        try (CampOps app = new CampOps(config, env.dbUrl(), out, clock)) {
            app.startScheduler();
            boolean interactive = System.console() != null;
            new ConsoleSession(app.router(), out, role, locale, interactive, clock)
                    .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            // What the last commands caused is printed before the console exits (at most 10 s more).
            app.stopFiringAndDrain(Duration.ofSeconds(10));
        }
        return 0;
    }
}
