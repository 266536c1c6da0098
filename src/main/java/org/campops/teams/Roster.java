package org.campops.teams;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.chat.UserError;
import org.campops.csv.CsvLines;
import org.jspecify.annotations.Nullable;

/**
 * A roster CSV: {@code team,member,role} per line (role {@code camper} or {@code mentor}, also
 * {@code 캠퍼}/{@code 멘토}); a first line naming the columns is skipped; {@code member} is a Discord
 * id, a mention, or (console) a name. Every bad line is reported with its number; a file with any bad
 * line imports nothing.
 */
public final class Roster {
    private static final List<String> COLUMNS = List.of("team", "member", "role");

    private Roster() {}

    /** One good line. */
    public record Row(int line, String team, String member, boolean mentor) {}

    /** What an import did. */
    public record Result(int teamsCreated, int membersAdded) {}

    static String line(Row r, String problem) {
        return CsvLines.line(r.line(), problem);
    }

    /** Reads and checks every line; throws {@link CsvLines.Refused} listing each bad one. */
    public static List<Row> parse(Reader in) throws IOException {
        Map<String, Integer> memberLine = new HashMap<>();
        Map<String, Integer> mentorLine = new HashMap<>();
        return CsvLines.read(in, COLUMNS, (line, cells, problems) -> {
            Row row = row(line, cells, problems);
            if (row == null) {
                return null;
            }
            String team = TeamRepository.key(row.team());
            if (row.mentor()) {
                Integer earlier = mentorLine.put(team, line);
                if (earlier != null) {
                    problems.add(
                            "line " + line + ": team '" + row.team() + "' already has a mentor on line " + earlier);
                    return null;
                }
            } else {
                Integer earlier = memberLine.put(row.member(), line);
                if (earlier != null) {
                    problems.add("line " + line + ": " + row.member() + " is already listed on line " + earlier
                            + " (a camper is in one team)");
                    return null;
                }
            }
            return row;
        });
    }

    private static @Nullable Row row(int line, List<String> cells, List<String> problems) {
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
