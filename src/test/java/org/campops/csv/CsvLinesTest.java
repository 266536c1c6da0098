package org.campops.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reader of every CSV import: what it skips, what it refuses itself, and each bad line by its number. */
class CsvLinesTest {
    private static final List<String> COLUMNS = List.of("name", "count");

    private static List<String> read(String csv) throws Exception {
        return CsvLines.read(new StringReader(csv), COLUMNS, (line, cells, problems) -> {
            if (!cells.get(1).matches("\\d+")) {
                problems.add(CsvLines.line(line, "count '" + cells.get(1) + "' is not a number"));
                return null;
            }
            return line + ":" + cells.get(0) + "=" + cells.get(1);
        });
    }

    @Test
    void aHeaderEmptyLinesAndCommentsAreSkippedAndRowsAreNumberedByTheirFirstLine() throws Exception {
        assertThat(read("""
                Name,Count
                a,1

                # a comment
                 b ,2
                "c
                d",3
                """)).containsExactly("2:a=1", "5:b=2", "6:c\nd=3");
        assertThat(read("a,1\n")).containsExactly("1:a=1");
    }

    @Test
    void everyBadLineIsNamedOnceAndNothingIsReturned() {
        assertThatThrownBy(() -> read("""
                name,count
                a,1
                b

                c,x

                d,1,2
                """))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "line 3: expected 2 columns name,count, found 1",
                                        "line 5: count 'x' is not a number",
                                        "line 7: expected 2 columns name,count, found 3"));
    }

    @Test
    void aFileWithoutRowsOrThatIsNotCsvIsRefused() {
        assertThatThrownBy(() -> read("name,count\n\n# nothing\n"))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .containsExactly("the file has no rows (expected name,count per line)"));
        assertThatThrownBy(() -> read("a,1\n\"b,2\n"))
                .isInstanceOfSatisfying(
                        CsvLines.Refused.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("line ")
                                .contains("not readable as CSV"));
    }
}
