package org.campops.teams;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.chat.UserError;

/**
 * A roster CSV: {@code team,member,role} per line (role {@code camper} or {@code mentor}, also
 * {@code 캠퍼}/{@code 멘토}); a first line naming the columns is skipped; {@code member} is a Discord
 * id, a mention, or (console) a name. Every bad line is reported with its number; a file with any bad
 * line imports nothing.
 */
public final class Roster {
    private static final CsvMapper CSV = new CsvMapper();

    private Roster() {
    }

    /** One good line. */
    public record Row(int line, String team, String member, boolean mentor) {
    }

    /** What an import did. */
    public record Result(int teamsCreated, int membersAdded) {
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
        Map<String, Integer> memberLine = new HashMap<>();
        Map<String, Integer> mentorLine = new HashMap<>();
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
                if (first && !cells.isEmpty() && cells.get(0).strip().equalsIgnoreCase("team")) {
                    first = false;
                    continue;
                }
                first = false;
                if (cells.stream().allMatch(String::isBlank) || cells.get(0).strip().startsWith("#")) {
                    continue;
                }
                Row row = row(line, cells, problems);
                if (row == null) {
                    continue;
                }
                String team = TeamRepository.key(row.team());
                if (row.mentor()) {
                    Integer earlier = mentorLine.put(team, line);
                    if (earlier != null) {
                        problems.add("line " + line + ": team '" + row.team() + "' already has a mentor on line " + earlier);
                        continue;
                    }
                } else {
                    Integer earlier = memberLine.put(row.member(), line);
                    if (earlier != null) {
                        problems.add("line " + line + ": " + row.member() + " is already listed on line " + earlier
                                + " (a camper is in one team)");
                        continue;
                    }
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("the file has no rows (expected team,member,role per line)");
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return rows;
    }

    private static Row row(int line, List<String> cells, List<String> problems) {
        if (cells.size() != 3) {
            problems.add("line " + line + ": expected 3 columns team,member,role, found " + cells.size());
            return null;
        }
        String team = cells.get(0).strip();
        String member = cells.get(1).strip();
        String role = cells.get(2).strip().toLowerCase(Locale.ROOT);
        int before = problems.size();
        try {
            team = TeamService.checkName(team);
        } catch (UserError e) {
            problems.add("line " + line + ": team name '" + org.campops.chat.Texts.printable(team, 60)
                    + "' must be 1 to " + TeamService.MAX_NAME + " characters, not a number, without @ or :");
        }
        try {
            member = TeamService.checkMember(member);
        } catch (UserError e) {
            problems.add("line " + line + ": member '" + org.campops.chat.Texts.printable(member, 40)
                    + "' is not a Discord id, a mention or a name");
        }
        boolean mentor = switch (role) {
            case "mentor", "멘토" -> true;
            case "camper", "캠퍼", "member" -> false;
            default -> {
                problems.add("line " + line + ": role '" + org.campops.chat.Texts.printable(role, 20)
                        + "' must be camper or mentor");
                yield false;
            }
        };
        return problems.size() == before ? new Row(line, team, member, mentor) : null;
    }
}
