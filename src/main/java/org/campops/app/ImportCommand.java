package org.campops.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.campops.config.CampConfig;
import org.campops.csv.CsvLines;
import org.campops.teams.Roster;
import org.campops.wrapup.AssignmentCsv;
import org.campops.wrapup.WrapupService;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code campops import roster|wrapup}: a CSV imported in one transaction, or refused with every bad line. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import data. `campops import roster FILE.csv`: teams, campers and mentors from a CSV with the",
                "columns team,member,role (role camper or mentor; member a Discord id, or a name in console mode).",
                "Every bad line is reported with its number and then nothing is imported; a good file is imported in one",
                "transaction. New teams get their private channels when the bot next runs. Stop the bot first (H2).",
                "`campops import wrapup COMPETITION FILE.csv`: wrap-up review assignments with the columns mentor,camper."})
final class ImportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

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
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": file not found");
            return 2;
        }
        Main.quietLogs();
        CampConfig config = Main.loadConfig(options.config);
        if (config == null) {
            return 2;
        }
        return wrapup ? importWrapup(config, args.get(0)) : importRoster(config);
    }

    private int importRoster(CampConfig config) throws IOException {
        List<Roster.Row> rows;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = Roster.parse(in);
        } catch (CsvLines.Refused e) {
            return refused(e.problems());
        } catch (MalformedInputException e) {
            return notUtf8();
        }
        try (CampOps app = Main.offline(config)) {
            Roster.Result r = app.teams().importRoster(rows, "import");
            System.out.println("Imported " + file + ": " + rows.size() + " rows, " + r.teamsCreated() + " new teams, "
                    + r.membersAdded() + " campers added.");
        } catch (CsvLines.Refused e) {
            return refused(e.problems());
        }
        return 0;
    }

    private int importWrapup(CampConfig config, String competition) throws IOException {
        List<AssignmentCsv.Row> rows;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = AssignmentCsv.parse(in);
        } catch (CsvLines.Refused e) {
            return refused(e.problems());
        } catch (MalformedInputException e) {
            return notUtf8();
        }
        try (CampOps app = Main.offline(config)) {
            AssignmentCsv.Result r = new WrapupService(app.database(), app.teams(), Clock.systemUTC(), config)
                    .importAssignments(competition, rows, "import");
            System.out.println("Imported " + file + " for " + competition + ": " + r.added() + " assignments added, "
                    + r.kept() + " already there.");
        } catch (CsvLines.Refused e) {
            return refused(e.problems());
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
