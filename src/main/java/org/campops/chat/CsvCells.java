package org.campops.chat;

import org.jspecify.annotations.Nullable;

/**
 * The one cell sanitizer of every CSV export ({@code campops export qa|mentoring|duties}): text that came from people
 * (titles, topics, notes, team names, answers, duty labels holding names) cannot run as a formula when the file is
 * opened in a spreadsheet.
 *
 * <p>Following OWASP's advice on CSV injection, a cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return gets a single quote in front, so spreadsheets read it as text; the CSV writer then quotes the
 * cell as usual (a cell holding a separator, a quote or a line break is quoted, quotes doubled), so the quote cannot
 * be escaped out of to start a new cell.
 *
 * <p>Decision for numbers: only text cells from people go through {@link #text}. Numbers the program itself writes
 * (ids, counts, averages, dates, times) are written as they are: they never start with one of these characters, and
 * prefixing them would turn them into text in the spreadsheet. A text cell that merely looks like a number, such as a
 * topic "-3", is still prefixed ({@code '-3}): "-3+cmd|..." is a formula too, and guessing which text is "just a
 * number" is exactly what an attacker would aim at.
 */
public final class CsvCells {
    /** First characters a spreadsheet reads as the start of a formula (tab and CR: some apps skip them first). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {}

    /** A text cell from people, safe to open in a spreadsheet: "" for null, a quote in front of a formula start. */
    public static String text(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** {@link #text} in double quotes with inner quotes doubled (RFC 4180), for a CSV written by hand. */
    public static String quotedText(@Nullable String value) {
        return "\"" + text(value).replace("\"", "\"\"") + "\"";
    }
}
