package org.campops.app;

import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.campops.config.CampConfig;
import org.campops.feature.Import;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code campops import NAME [ARGS] FILE.csv}: a CSV imported by the feature that imports NAME, in one transaction, or
 * refused with every bad line.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import data. `campops import roster FILE.csv`: teams, campers and mentors from a CSV with the",
            "columns team,member,role (role camper or mentor; member a Discord id, or a name in console mode).",
            "Every bad line is reported with its number and then nothing is imported; a good file is imported in one",
            "transaction. New teams get their private channels when the bot next runs. Stop the bot first (H2).",
            "`campops import wrapup COMPETITION FILE.csv`: wrap-up review assignments with the columns mentor,camper."
        })
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "What to import: roster, wrapup")
    @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
    String what;

    @CommandLine.Parameters(
            index = "1..*",
            paramLabel = "ARGS",
            description = "roster: FILE.csv; wrapup: COMPETITION FILE.csv")
    @SuppressWarnings("NullAway.Init") // picocli sets it (a default, or a required parameter)
    List<String> args;

    @SuppressWarnings("NullAway.Init") // set first thing in call()
    Path file;

    @Override
    public Integer call() throws Exception {
        if (args == null || args.isEmpty()) {
            System.err.println("Usage: campops import WHAT [ARGS] FILE.csv (campops import --help)");
            return 2;
        }
        file = Path.of(args.get(args.size() - 1));
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": file not found");
            return 2;
        }
        Main.quietLogs();
        CampConfig config = Main.loadConfig(options.config);
        if (config == null) {
            return 2;
        }
        try (CampOps app = Main.offline(config)) {
            List<Import> imports =
                    app.features().stream().flatMap(f -> f.imports().stream()).toList();
            Optional<Import> found =
                    imports.stream().filter(i -> i.name().equals(what)).findFirst();
            if (found.isEmpty()) {
                System.err.println("Unknown import '" + what + "'. Try: "
                        + String.join(
                                " or ",
                                imports.stream()
                                        .map(i -> "campops import " + i.example())
                                        .toList()));
                return 2;
            }
            Import csv = found.get();
            if (args.size() != csv.parameters().size() + 1) {
                System.err.println("Usage: " + csv.usage());
                return 2;
            }
            String imported = csv.runner().run(new Import.Request(args.subList(0, args.size() - 1), file));
            System.out.println("Imported " + file + imported);
        } catch (Import.Refused e) {
            return refused(e.problems());
        } catch (MalformedInputException e) {
            return notUtf8();
        }
        return 0;
    }

    private int notUtf8() {
        System.err.println(file + ": not UTF-8 text; save the CSV as UTF-8 and try again. Nothing was imported.");
        return 2;
    }

    private int refused(List<String> problems) {
        System.err.println(file + " was not imported (nothing changed):");
        problems.forEach(p -> System.err.println("  - " + p));
        return 2;
    }
}
