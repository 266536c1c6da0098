package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Role;
import org.junit.jupiter.api.Test;

class QaExportTest {
    private static final Instant T = Instant.parse("2026-11-20T01:00:00Z");

    private static Question q(
            long id, String topic, String title, Question.Status status, Long accepted, boolean anonymous) {
        return new Question(
                id,
                "asker" + id,
                "Asker Name " + id,
                anonymous,
                topic,
                title,
                "details " + id,
                "forum",
                "t" + id,
                status,
                Locale.KOREAN,
                T.plusSeconds(id),
                null,
                null,
                status == Question.Status.ANSWERED ? T.plusSeconds(3600) : null,
                null,
                accepted);
    }

    private static Answer a(long id, long q, String author, Role role, String text, boolean endorsed) {
        return new Answer(id, q, "m" + id, author, author + "-name", role, text, T, null, null, endorsed);
    }

    private final QaSnapshot snapshot = new QaSnapshot(
            List.of(
                    q(1, "Object Detection", "CUDA out of memory", Question.Status.ANSWERED, 11L, true),
                    q(2, "Segmentation", "U-Net 크기", Question.Status.ANSWERED, null, false),
                    q(3, "Segmentation", "still open", Question.Status.OPEN, null, false)),
            List.of(
                    a(10, 1, "camper9", Role.CAMPER, "me too", false),
                    a(11, 1, "mentor1", Role.MENTOR, "batch size 를 줄이세요", true),
                    a(12, 2, "mentor2", Role.MENTOR, "=HYPERLINK(\"x\")", false)));

    @Test
    void markdownFaqHasAnsweredQuestionsByTopicWithTheirBestAnswerAndNoAskers() {
        String md = QaExport.markdown(snapshot, null, "AI Camp");
        assertThat(md)
                .startsWith("# AI Camp FAQ")
                .contains("## Object Detection")
                .contains("### CUDA out of memory")
                .contains("> batch size 를 줄이세요")
                .contains("mentor1-name ✅")
                .doesNotContain("me too")
                .doesNotContain("still open")
                .doesNotContain("Asker Name")
                .doesNotContain("asker1");
        assertThat(QaExport.markdown(snapshot, "segmentation", "AI Camp"))
                .contains("U-Net")
                .doesNotContain("CUDA");
    }

    @Test
    void csvQuotesCellsAndDefusesFormulas() {
        String csv = QaExport.csv(snapshot, null);
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\"").doesNotContain("asker");
    }

    @Test
    void everyTextCellFromPeopleIsNeutralisedIncludingALeadingTabOrCarriageReturn() throws Exception {
        QaSnapshot hostile = new QaSnapshot(
                List.of(new Question(
                        7,
                        "asker7",
                        "Asker",
                        false,
                        "@topic",
                        "\t=cmd|'/C calc'!A0",
                        "\r=HYPERLINK(\"https://evil.example\")",
                        "forum",
                        "t7",
                        Question.Status.ANSWERED,
                        Locale.KOREAN,
                        T,
                        null,
                        null,
                        T.plusSeconds(60),
                        null,
                        70L)),
                List.of(new Answer(
                        70,
                        7,
                        "m70",
                        "mentor7",
                        "-2+3+cmd|' /C calc'!A0",
                        Role.MENTOR,
                        "+SUM(1,2), \"quoted\"",
                        T,
                        null,
                        null,
                        true)));
        String csv = QaExport.csv(hostile, null);
        try (com.fasterxml.jackson.databind.MappingIterator<List<String>> it =
                new com.fasterxml.jackson.dataformat.csv.CsvMapper()
                        .readerForListOf(String.class)
                        .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
                        .readValues(csv)) {
            List<List<String>> rows = it.readAll();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1))
                    .containsExactly(
                            "7",
                            "'@topic",
                            "'\t=cmd|'/C calc'!A0",
                            "'\r=HYPERLINK(\"https://evil.example\")",
                            "'+SUM(1,2), \"quoted\"",
                            "'-2+3+cmd|' /C calc'!A0",
                            T.toString(),
                            T.plusSeconds(60).toString());
        }
    }
}
