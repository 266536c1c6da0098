package org.campops.wrapup;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.campops.chat.Texts;

/**
 * A wrap-up assignment CSV: {@code mentor,camper} per line (a Discord id, a mention, or in the console a
 * name); a first line naming the columns is skipped, as are empty lines and lines starting with
 * {@code #}. Every bad line is reported with its number; a file with any bad line imports nothing.
 */
public final class AssignmentCsv {
    private static final CsvMapper CSV = new CsvMapper();
    private static final Pattern MEMBER = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

    private AssignmentCsv() {
    }

    /** One good line. */
    public record Row(int line, String mentor, String camper) {
    }

    /** What an import did: assignments made, and lines already assigned to the same mentor (left as they were). */
    public record Result(int added, int kept) {
    }

    /** The file was refused; nothing was imported. */
    public static final class Refused extends RuntimeException {
        private final List<String> problems;

        public Refused(List<String> problems) {
            super(String.join("\n", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    static String line(Row r, String problem) {
        return "line " + r.line() + ": " + problem;
    }

    /** Reads and checks every line; throws {@link Refused} listing each bad one. */
    public static List<Row> parse(Reader in) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> camperLine = new HashMap<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(in)) {
            boolean first = true;
            while (true) {
                List<String> cells;
                int line;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    cells = it.nextValue();
                    line = it.getCurrentLocation().getLineNr();
                } catch (RuntimeException | IOException e) {
                    problems.add("line " + it.getCurrentLocation().getLineNr() + ": not readable as CSV ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
                    break;
                }
                // The location is past the row's line break once the row is read.
                line = Math.max(1, line - (it.getCurrentLocation().getColumnNr() <= 1 ? 1 : 0));
                boolean header = first && !cells.isEmpty() && cells.get(0).strip().equalsIgnoreCase("mentor");
                first = false;
                if (header || cells.stream().allMatch(String::isBlank) || cells.get(0).strip().startsWith("#")) {
                    continue;
                }
                Row row = row(line, cells, problems);
                if (row == null) {
                    continue;
                }
                Integer earlier = camperLine.putIfAbsent(row.camper(), line);
                if (earlier != null) {
                    problems.add("line " + line + ": " + row.camper() + " is already listed on line " + earlier
                            + " (a camper has one reviewer per competition)");
                    continue;
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("the file has no rows (expected mentor,camper per line)");
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return rows;
    }

    private static Row row(int line, List<String> cells, List<String> problems) {
        if (cells.size() != 2) {
            problems.add("line " + line + ": expected 2 columns mentor,camper, found " + cells.size());
            return null;
        }
        int before = problems.size();
        String mentor = member(cells.get(0));
        String camper = member(cells.get(1));
        if (mentor == null) {
            problems.add("line " + line + ": mentor '" + Texts.printable(cells.get(0).strip(), 40)
                    + "' is not a Discord id, a mention or a name");
        }
        if (camper == null) {
            problems.add("line " + line + ": camper '" + Texts.printable(cells.get(1).strip(), 40)
                    + "' is not a Discord id, a mention or a name");
        }
        if (mentor != null && mentor.equals(camper)) {
            problems.add("line " + line + ": " + mentor + " cannot review their own report");
        }
        return problems.size() == before ? new Row(line, mentor, camper) : null;
    }

    /** A member id from {@code 123}, {@code <@123>}, {@code <@!123>} or {@code @name}; null when it is none. */
    static String member(String cell) {
        String u = cell == null ? "" : cell.strip().replaceFirst("^<@!?(.*)>$", "$1").replaceFirst("^@", "");
        return MEMBER.matcher(u).matches() ? u : null;
    }
}
