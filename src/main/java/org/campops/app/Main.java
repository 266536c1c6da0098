package org.campops.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
        subcommands = {Main.Run.class, Main.Console.class, Main.CheckConfig.class, Main.Export.class, Main.Import.class,
                Main.HealthCheck.class})
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

    /** What {@code campops run} prints when it starts without the gateway (another instance holds it). */
    static final String STANDING_BY = "CampOps is standing by";

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
            var discord = bot.discord();
            if (discord != null) {
                System.err.println("CampOps is connected as " + discord.selfName() + ". Press Ctrl+C to stop.");
            } else {
                System.err.println(STANDING_BY + ": another instance holds the Discord gateway; this one fires scheduled"
                        + " moments and takes the gateway over when that one stops. Press Ctrl+C to stop.");
            }
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
                new ConsoleSession(app.router(), out, role, locale, interactive, clock)
                        .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
                // What the last commands caused is printed before the console exits (at most 10 s more).
                app.stopFiringAndDrain(java.time.Duration.ofSeconds(10));
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export data. `campops export qa --format md|csv [--topic T] [--output FILE]` writes the answered"
                    + " questions as an FAQ (Markdown) or a table (CSV); askers are never included.",
                    "`campops export mentoring --format md|csv [--output FILE]`: every team's sessions with attendance and"
                    + " feedback counts (never meeting links, never who gave feedback).",
                    "`campops export duties [--week YYYY-MM-DD] --format md|csv`: every mentor's duties of that week"
                    + " (default: this week) with their status."})
    static final class Export implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "What to export: qa, mentoring or duties")
        String what;

        @Option(names = "--format", paramLabel = "md|csv", defaultValue = "md", description = "md (default) or csv")
        String format;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic")
        String topic;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output")
        Path output;

        @Option(names = "--week", paramLabel = "YYYY-MM-DD", description = "duties: a day of the week to export (default: today)")
        String week;

        @Override
        public Integer call() throws Exception {
            if (!"qa".equals(what) && !"mentoring".equals(what) && !"duties".equals(what)) {
                System.err.println("Unknown export '" + what + "'. Try: campops export qa|mentoring|duties --format md");
                return 2;
            }
            if (!format.equals("md") && !format.equals("csv")) {
                System.err.println("--format takes md or csv, not '" + format + "'");
                return 2;
            }
            if (System.getProperty("campops.log.level") == null) {
                System.setProperty("campops.log.level", "WARN");
            }
            CampConfig config = loadConfig(options.config);
            if (config == null) {
                return 2;
            }
            if (topic != null && config.qa().topics().stream().noneMatch(t -> t.equalsIgnoreCase(topic))) {
                System.err.println("Unknown topic '" + topic + "'. Topics: " + String.join(", ", config.qa().topics()));
                return 2;
            }
            Env env = Env.from(System.getenv());
            if (what.equals("duties")) {
                java.time.LocalDate day;
                try {
                    day = week == null ? java.time.LocalDate.now(config.camp().zone()) : java.time.LocalDate.parse(week);
                } catch (java.time.format.DateTimeParseException e) {
                    System.err.println("--week takes a date such as 2026-12-07, not '" + week + "'");
                    return 2;
                }
                java.time.LocalDate monday = day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                try (CampOps app = new CampOps(config, env.dbUrl(), new ConsoleOutput(System.err, config.camp().zone(),
                        Clock.systemUTC()), Clock.systemUTC())) {
                    List<org.campops.duties.DutiesService.Row> rows = app.duties().board(monday, config.camp().locale());
                    write(format.equals("md") ? org.campops.duties.DutiesExport.markdown(rows, monday, config.camp().zone(),
                            config.camp().name()) : org.campops.duties.DutiesExport.csv(rows, monday, config.camp().zone()));
                }
                return 0;
            }
            if (what.equals("mentoring")) {
                try (CampOps app = new CampOps(config, env.dbUrl(), new ConsoleOutput(System.err, config.camp().zone(),
                        Clock.systemUTC()), Clock.systemUTC())) {
                    List<org.campops.mentoring.MentoringRecords.ExportRow> rows = app.mentoring().records().exportRows();
                    String text = format.equals("md") ? org.campops.mentoring.MentoringExport.markdown(rows, config)
                            : org.campops.mentoring.MentoringExport.csv(rows, config);
                    write(text);
                }
                return 0;
            }
            try (CampOps app = new CampOps(config, env.dbUrl(), new ConsoleOutput(System.err, config.camp().zone(),
                    Clock.systemUTC()), Clock.systemUTC())) {
                org.campops.qa.QaSnapshot snapshot = app.qa().snapshot();
                String text = format.equals("md") ? org.campops.qa.QaExport.markdown(snapshot, topic, config.camp().name())
                        : org.campops.qa.QaExport.csv(snapshot, topic);
                write(text);
            }
            return 0;
        }

        private void write(String text) throws java.io.IOException {
            if (output == null) {
                System.out.print(text);
            } else {
                java.nio.file.Files.writeString(output, text, StandardCharsets.UTF_8);
                System.err.println("Wrote " + output);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import data. `campops import roster FILE.csv`: teams, campers and mentors from a CSV with the",
                    "columns team,member,role (role camper or mentor; member a Discord id, or a name in console mode).",
                    "Every bad line is reported with its number and then nothing is imported; a good file is imported in one",
                    "transaction. New teams get their private channels when the bot next runs. Stop the bot first (H2).",
                    "`campops import wrapup COMPETITION FILE.csv`: wrap-up review assignments with the columns mentor,camper."})
    static final class Import implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "What to import: roster, wrapup")
        String what;

        @CommandLine.Parameters(index = "1..*", paramLabel = "ARGS",
                description = "roster: FILE.csv; wrapup: COMPETITION FILE.csv")
        List<String> args;

        Path file;

        @Override
        public Integer call() throws Exception {
            boolean wrapup = "wrapup".equals(what);
            if (!"roster".equals(what) && !wrapup) {
                System.err.println("Unknown import '" + what + "'. Try: campops import roster roster.csv"
                        + " or campops import wrapup trash-detection wrapup.csv");
                return 2;
            }
            if (args == null || args.size() != (wrapup ? 2 : 1)) {
                System.err.println(wrapup ? "Usage: campops import wrapup COMPETITION FILE.csv"
                        : "Usage: campops import roster FILE.csv");
                return 2;
            }
            file = Path.of(args.get(args.size() - 1));
            if (!java.nio.file.Files.isRegularFile(file)) {
                System.err.println(file + ": file not found");
                return 2;
            }
            if (System.getProperty("campops.log.level") == null) {
                System.setProperty("campops.log.level", "WARN");
            }
            CampConfig config = loadConfig(options.config);
            if (config == null) {
                return 2;
            }
            if (wrapup) {
                return importWrapup(config, args.get(0));
            }
            List<org.campops.teams.Roster.Row> rows;
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                rows = org.campops.teams.Roster.parse(in);
            } catch (org.campops.teams.Roster.Refused e) {
                return refused(e);
            } catch (java.nio.charset.MalformedInputException e) {
                System.err.println(file + ": not UTF-8 text; save the CSV as UTF-8 and try again. Nothing was imported.");
                return 2;
            }
            Env env = Env.from(System.getenv());
            try (CampOps app = new CampOps(config, env.dbUrl(), new ConsoleOutput(System.err, config.camp().zone(),
                    Clock.systemUTC()), Clock.systemUTC())) {
                org.campops.teams.Roster.Result r = app.teams().importRoster(rows, "import");
                System.out.println("Imported " + file + ": " + rows.size() + " rows, " + r.teamsCreated() + " new teams, "
                        + r.membersAdded() + " campers added.");
            } catch (org.campops.teams.Roster.Refused e) {
                return refused(e);
            }
            return 0;
        }

        private int importWrapup(CampConfig config, String competition) throws java.io.IOException {
            List<org.campops.wrapup.AssignmentCsv.Row> rows;
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                rows = org.campops.wrapup.AssignmentCsv.parse(in);
            } catch (org.campops.wrapup.AssignmentCsv.Refused e) {
                return refused(e.problems());
            } catch (java.nio.charset.MalformedInputException e) {
                System.err.println(file + ": not UTF-8 text; save the CSV as UTF-8 and try again. Nothing was imported.");
                return 2;
            }
            Env env = Env.from(System.getenv());
            try (CampOps app = new CampOps(config, env.dbUrl(), new ConsoleOutput(System.err, config.camp().zone(),
                    Clock.systemUTC()), Clock.systemUTC())) {
                org.campops.wrapup.AssignmentCsv.Result r = new org.campops.wrapup.WrapupService(app.database(), app.teams(),
                        Clock.systemUTC(), config).importAssignments(competition, rows, "import");
                System.out.println("Imported " + file + " for " + competition + ": " + r.added() + " assignments added, "
                        + r.kept() + " already there.");
            } catch (org.campops.wrapup.AssignmentCsv.Refused e) {
                return refused(e.problems());
            }
            return 0;
        }

        private int refused(List<String> problems) {
            System.err.println(file + " was not imported (nothing changed):");
            problems.forEach(p -> System.err.println("  - " + p));
            return 2;
        }

        private int refused(org.campops.teams.Roster.Refused e) {
            return refused(e.problems());
        }
    }

    @Command(name = "healthcheck", mixinStandardHelpOptions = true,
            description = {"Ask a running bot's /health (Docker's HEALTHCHECK; no curl or wget needed): exit 0 when it answers"
                    + " 200 (ready), 1 otherwise. The port comes from the config's http.port unless --url is given."})
    static final class HealthCheck implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption options = new ConfigOption();

        @Option(names = "--url", paramLabel = "URL", description = "The address to ask (default: http://127.0.0.1:<http.port>/health).")
        String url;

        @Override
        public Integer call() {
            String target = url;
            if (target == null) {
                CampConfig config = loadConfig(options.config);
                if (config == null) {
                    return 1;
                }
                if (!config.http().enabled() || config.http().port() == 0) {
                    System.err.println("http.enabled is false or http.port is 0 in " + options.config + ": give --url");
                    return 1;
                }
                target = "http://127.0.0.1:" + config.http().port() + "/health";
            }
            try {
                java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(3)).build();
                java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(target))
                        .timeout(java.time.Duration.ofSeconds(5)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                System.out.println(r.statusCode() + " " + r.body());
                return r.statusCode() == 200 ? 0 : 1;
            } catch (java.io.IOException | IllegalArgumentException e) {
                System.out.println("no answer from " + target + ": " + e);
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
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
            org.campops.config.Program p = config.program();
            System.out.println("Program: " + p.stages().size() + " stages, " + p.competitions().size() + " competitions, "
                    + p.lectures().size() + " lectures, " + p.meetings().size() + " meetings, " + p.deadlines().size()
                    + " deadlines, " + p.prompts().bank().size() + " discussion prompts"
                    + (p.stages().isEmpty() ? " (no program.yaml next to the config)" : "") + ".");
            return 0;
        }
    }
}
