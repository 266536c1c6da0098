package org.campops.app;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.campops.config.CampConfig;
import org.campops.config.Env;
import org.campops.discord.DoctorProbe;
import org.campops.doctor.Checks;
import org.campops.doctor.Doctor;
import org.campops.doctor.Finding;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code campops doctor}: the config against the live Discord server, one line per check. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check the config against the live Discord server: the token, the privileged intents, every configured id"
                    + " and its kind, the bot's permissions in each channel it uses, the Q&A forum's tags, and that"
                    + " campers cannot read the mentors' and organizers' channels. One line per check; exit 0 when"
                    + " nothing blocks the bot, 1 otherwise (2: the config itself is invalid or no token).",
            "Environment: DISCORD_TOKEN (required, secret), DISCORD_API_URL, DISCORD_GATEWAY_URL."
        })
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    /** The environment (tests give their own) and where the lines go. */
    Map<String, String> environment = System.getenv();

    PrintStream out = System.out;

    @Override
    public Integer call() throws InterruptedException {
        Main.quietLogs();
        FirstRun.Ready ready = FirstRun.beforeConnecting(options.config, environment, out);
        if (ready == null) {
            return 2;
        }
        CampConfig config = ready.config();
        Env env = ready.env();
        List<Finding> findings =
                Checks.run(config, DoctorProbe.probe(env.token().get(), env.apiUrl(), env.gatewayUrl(), config));
        out.println(Doctor.report(findings, config.camp().locale(), false));
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.BLOCKING) ? 1 : 0;
    }
}
