package org.campops.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.discord.DiscordBot;
import org.campops.qa.QaFeature;
import org.campops.report.Reports;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code campops run}: connect to Discord (or stand by for the gateway) and serve until Ctrl+C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Connect to Discord and serve the camp.",
            "Environment: DISCORD_TOKEN (required, secret), DISCORD_API_URL, DISCORD_GATEWAY_URL, CAMPOPS_DB_URL."
        })
final class RunCommand implements Callable<Integer> {

    /** What {@code campops run} prints when it starts without the gateway (another instance holds it). */
    static final String STANDING_BY = "CampOps is standing by";
    /** When {@code campops run} warms the weekly report up after it is ready (see {@code Reports.warmUpInBackground}). */
    static final Duration REPORT_WARM_UP_AFTER = Duration.ofMinutes(3);

    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    /** The environment (tests give their own) and where messages for the operator go. */
    Map<String, String> environment = System.getenv();

    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        // Loading the Korean analysis (Nori's dictionaries, ~0.6 s) on the second CPU while the database opens.
        Thread preload = new Thread(QaFeature::preload, "qa-analysis-preload");
        preload.setDaemon(true);
        preload.start();
        FirstRun.Ready ready = FirstRun.beforeConnecting(options.config, environment, err);
        if (ready == null) {
            return 2;
        }
        CampConfig config = ready.config();
        Env env = ready.env();
        RunningBot bot;
        try {
            bot = RunningBot.start(config, env, Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println(FirstRun.connectFailed(String.valueOf(e.getMessage())));
            return 1;
        }
        DiscordBot connected = bot.discord();
        String notInServer = connected == null ? null : FirstRun.notInServer(config, connected.serverFacts(config));
        if (notInServer != null) {
            // The example config's placeholder ids are fine on a server that has them (a test server); elsewhere
            // they are what to fix first.
            String placeholders = FirstRun.placeholders(config, options.config);
            err.println(placeholders != null ? placeholders : notInServer);
            bot.close();
            return placeholders != null ? 2 : 1;
        }
        // the first weekly report of this JVM would pay for loading the charts: pay it in the background, once the
        // start-up and the first commands are done
        bot.app().service(Reports.class).warmUpInBackground(REPORT_WARM_UP_AFTER);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            bot.close();
                            stopped.countDown();
                        },
                        "campops-shutdown"));
        var discord = bot.discord();
        if (discord != null) {
            err.println("CampOps is connected as " + discord.selfName() + ". Press Ctrl+C to stop.");
        } else {
            err.println(STANDING_BY + ": another instance holds the Discord gateway; this one fires scheduled"
                    + " moments and takes the gateway over when that one stops. Press Ctrl+C to stop.");
        }
        stopped.await();
        return 0;
    }
}
