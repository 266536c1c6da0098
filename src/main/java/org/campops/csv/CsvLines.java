package org.campops.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one reader of every CSV import ({@code campops import roster|wrapup}), with Jackson CSV: a first line naming
 * the columns is skipped, as are empty lines and lines starting with {@code #}; a line with the wrong number of
 * columns is refused here, every other line is checked by the import's {@link Rows}. Every bad line is reported
 * with its number; a file with any bad line imports nothing ({@link Refused}).
 */
public final class CsvLines {
    private static final CsvMapper CSV = new CsvMapper();

    private CsvLines() {}

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

    /** What an import makes of one line with the right number of columns. */
    @FunctionalInterface
    public interface Rows<R> {
        /** The row of line {@code line}, or null when it is bad and its problems were added to {@code problems}. */
        @Nullable
        R row(int line, List<String> cells, List<String> problems);
    }

    /** A problem of one line, as every import names it: {@code line 4: ...}. */
    public static String line(int line, String problem) {
        return "line " + line + ": " + problem;
    }

    /**
     * Reads and checks every line of a file with the given {@code columns} (the first one also names a header
     * line); throws {@link Refused} listing each bad one, or when the file has no rows.
     */
    public static <R> List<R> read(Reader in, List<String> columns, Rows<R> rows) throws IOException {
        String names = String.join(",", columns);
        List<R> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.TRIM_SPACES)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(in)) {
            boolean first = true;
            while (true) {
                List<String> cells;
                int line;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    // The parser stands at the row's start: past it, it may have skipped the empty lines that follow.
                    line = it.getCurrentLocation().getLineNr();
                    cells = it.nextValue();
                } catch (RuntimeException | IOException e) {
                    problems.add(line(
                            it.getCurrentLocation().getLineNr(),
                            "not readable as CSV ("
                                    + String.valueOf(e.getMessage())
                                            .lines()
                                            .findFirst()
                                            .orElse("") + ")"));
                    break;
                }
                boolean header =
                        first && !cells.isEmpty() && cells.get(0).strip().equalsIgnoreCase(columns.get(0));
                first = false;
                if (header
                        || cells.stream().allMatch(String::isBlank)
                        || cells.get(0).strip().startsWith("#")) {
                    continue;
                }
                if (cells.size() != columns.size()) {
                    problems.add(
                            line(line, "expected " + columns.size() + " columns " + names + ", found " + cells.size()));
                    continue;
                }
                R row = rows.row(line, cells, problems);
                if (row != null) {
                    out.add(row);
                }
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add("the file has no rows (expected " + names + " per line)");
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return out;
    }
}
