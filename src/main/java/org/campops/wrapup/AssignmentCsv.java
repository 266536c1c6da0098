package org.campops.wrapup;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.campops.chat.Texts;
import org.campops.csv.CsvLines;
import org.jspecify.annotations.Nullable;

/**
 * A wrap-up assignment CSV: {@code mentor,camper} per line (a Discord id, a mention, or in the console a
 * name); a first line naming the columns is skipped, as are empty lines and lines starting with
 * {@code #}. Every bad line is reported with its number; a file with any bad line imports nothing.
 */
public final class AssignmentCsv {
    private static final List<String> COLUMNS = List.of("mentor", "camper");
    private static final Pattern MEMBER = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

    private AssignmentCsv() {}

    /** One good line. */
    public record Row(int line, String mentor, String camper) {}

    /** What an import did: assignments made, and lines already assigned to the same mentor (left as they were). */
    public record Result(int added, int kept) {}

    static String line(Row r, String problem) {
        return CsvLines.line(r.line(), problem);
    }

    /** Reads and checks every line; throws {@link CsvLines.Refused} listing each bad one. */
    public static List<Row> parse(Reader in) throws IOException {
        Map<String, Integer> camperLine = new HashMap<>();
        return CsvLines.read(in, COLUMNS, (line, cells, problems) -> {
            Row row = row(line, cells, problems);
            if (row == null) {
                return null;
            }
            Integer earlier = camperLine.putIfAbsent(row.camper(), line);
            if (earlier != null) {
                problems.add("line " + line + ": " + row.camper() + " is already listed on line " + earlier
                        + " (a camper has one reviewer per competition)");
                return null;
            }
            return row;
        });
    }

    private static @Nullable Row row(int line, List<String> cells, List<String> problems) {
        int before = problems.size();
        String mentor = member(cells.get(0));
        String camper = member(cells.get(1));
        if (mentor == null) {
            problems.add("line " + line + ": mentor '"
                    + Texts.printable(cells.get(0).strip(), 40) + "' is not a Discord id, a mention or a name");
        }
        if (camper == null) {
            problems.add("line " + line + ": camper '"
                    + Texts.printable(cells.get(1).strip(), 40) + "' is not a Discord id, a mention or a name");
        }
        if (mentor != null && mentor.equals(camper)) {
            problems.add("line " + line + ": " + mentor + " cannot review their own report");
        }
        return mentor != null && camper != null && problems.size() == before ? new Row(line, mentor, camper) : null;
    }

    /** A member id from {@code 123}, {@code <@123>}, {@code <@!123>} or {@code @name}; null when it is none. */
    static @Nullable String member(String cell) {
        String u = cell == null
                ? ""
                : cell.strip().replaceFirst("^<@!?(.*)>$", "$1").replaceFirst("^@", "");
        return MEMBER.matcher(u).matches() ? u : null;
    }
}
