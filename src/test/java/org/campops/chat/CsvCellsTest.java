package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one cell sanitizer of the CSV exports. */
class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=cmd|'/C calc'!A0",
                "+SUM(1,2)",
                "-2+3+cmd|' /C calc'!A0",
                "@SUM(A1)",
                "\t=1+1",
                "\r=1+1",
                "=",
                "-3",
                "-"
            })
    void aCellStartingWithAFormulaCharacterGetsAQuoteInFront(String cell) {
        assertThat(CsvCells.text(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CV-01", "3", "2026-12-02 20:00", " =1+1", "'=already quoted", "평가 =1", "a\t=b", "\n=1"})
    void otherCellsStayAsTheyAre(String cell) {
        assertThat(CsvCells.text(cell)).isEqualTo(cell);
    }

    @Test
    void emptyAndNullAreEmptyAndQuotingStaysCorrect() {
        assertThat(CsvCells.text(null)).isEmpty();
        assertThat(CsvCells.text("")).isEmpty();
        assertThat(CsvCells.quotedText(null)).isEqualTo("\"\"");
        // The quote comes first, then RFC 4180 quoting: the cell cannot be closed early to start a new one.
        assertThat(CsvCells.quotedText("=HYPERLINK(\"x\"),\"=1+1")).isEqualTo("\"'=HYPERLINK(\"\"x\"\"),\"\"=1+1\"");
        assertThat(CsvCells.quotedText("a\nb")).isEqualTo("\"a\nb\"");
    }
}
