package org.campops.app;

import java.util.concurrent.Callable;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code campops check-config}: validate the config and summarise the program it loads. */
@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = "Validate the config file; exit 0 when it is usable, 2 with every problem listed.")
final class CheckConfigCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @Override
    public Integer call() {
        CampConfig config = Main.loadConfig(options.config);
        if (config == null) {
            return 2;
        }
        System.out.println(options.config + " is valid: camp '" + config.camp().name() + "', zone "
                + config.camp().zone() + ", locale " + config.camp().locale().getLanguage() + ".");
        Program p = config.program();
        System.out.println(
                "Program: " + p.stages().size() + " stages, " + p.competitions().size() + " competitions, "
                        + p.lectures().size() + " lectures, " + p.meetings().size() + " meetings, "
                        + p.deadlines().size()
                        + " deadlines, " + p.prompts().bank().size() + " discussion prompts"
                        + (p.stages().isEmpty() ? " (no program.yaml next to the config)" : "") + ".");
        return 0;
    }
}
