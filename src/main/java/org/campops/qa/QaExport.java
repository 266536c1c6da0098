package org.campops.qa;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.campops.chat.CsvCells;
import org.campops.config.CampConfig;
import org.campops.feature.Export;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;

/** Answered questions as an FAQ (Markdown) or a table (CSV). Askers are never exported. */
public final class QaExport {
    private QaExport() {}

    /** {@code campops export qa --format md|csv [--topic T]}; an unknown topic is refused. */
    public static Export export(Database db, CampConfig config) {
        return new Export("qa", request -> {
            String topic = request.topic();
            List<String> topics = config.qa().topics();
            if (topic != null && topics.stream().noneMatch(t -> t.equalsIgnoreCase(topic))) {
                throw new Export.Refused("Unknown topic '" + topic + "'. Topics: " + String.join(", ", topics));
            }
            QaRepository repo = new QaRepository();
            QaSnapshot snapshot = db.inTransaction(c -> new QaSnapshot(repo.allQuestions(c), repo.allAnswers(c)));
            return request.markdown() ? markdown(snapshot, topic, config.camp().name()) : csv(snapshot, topic);
        });
    }

    public static String markdown(QaSnapshot s, @Nullable String topicOrNull, String campName) {
        StringBuilder sb = new StringBuilder("# ").append(campName).append(" FAQ\n");
        Map<String, List<Question>> byTopic = answered(s, topicOrNull).stream()
                .collect(Collectors.groupingBy(
                        q -> q.topic() == null ? "General" : q.topic(), java.util.TreeMap::new, Collectors.toList()));
        Map<Long, List<Answer>> answers = answersByQuestion(s);
        byTopic.forEach((topic, qs) -> {
            sb.append("\n## ").append(topic).append('\n');
            for (Question q : qs) {
                sb.append("\n### ").append(oneLine(q.title())).append('\n');
                if (q.details() != null) {
                    sb.append('\n').append(q.details().strip()).append('\n');
                }
                for (Answer a : best(q, answers.getOrDefault(q.id(), List.of()))) {
                    sb.append("\n> ")
                            .append(a.text().strip().replace("\n", "\n> "))
                            .append('\n');
                    sb.append(">\n> — ")
                            .append(author(q, a))
                            .append(a.endorsed() ? " ✅" : "")
                            .append('\n');
                }
            }
        });
        return sb.toString();
    }

    public static String csv(QaSnapshot s, @Nullable String topicOrNull) {
        StringBuilder sb = new StringBuilder("id,topic,title,details,answer,answered_by,asked_at,resolved_at\n");
        Map<Long, List<Answer>> answers = answersByQuestion(s);
        for (Question q : answered(s, topicOrNull)) {
            List<Answer> best = best(q, answers.getOrDefault(q.id(), List.of()));
            Answer a = best.isEmpty() ? null : best.get(0);
            sb.append(q.id())
                    .append(',')
                    .append(cell(q.topic()))
                    .append(',')
                    .append(cell(q.title()))
                    .append(',')
                    .append(cell(q.details()))
                    .append(',')
                    .append(cell(a == null ? null : a.text()))
                    .append(',')
                    .append(cell(a == null ? null : author(q, a)))
                    .append(',')
                    .append(q.askedAt())
                    .append(',')
                    .append(q.resolvedAt() == null ? "" : q.resolvedAt().toString())
                    .append('\n');
        }
        return sb.toString();
    }

    private static List<Question> answered(QaSnapshot s, @Nullable String topic) {
        return s.questions().stream()
                .filter(Question::answered)
                .filter(q -> topic == null || topic.equalsIgnoreCase(q.topic()))
                .sorted(Comparator.comparing(Question::askedAt))
                .toList();
    }

    private static Map<Long, List<Answer>> answersByQuestion(QaSnapshot s) {
        return s.answers().stream()
                .filter(a -> a.deletedAt() == null)
                .collect(Collectors.groupingBy(Answer::questionId));
    }

    /** The accepted answer if any, else the mentors' replies, else every reply. */
    private static List<Answer> best(Question q, List<Answer> all) {
        if (q.acceptedAnswerId() != null) {
            List<Answer> accepted =
                    all.stream().filter(a -> a.id() == q.acceptedAnswerId()).toList();
            if (!accepted.isEmpty()) {
                return accepted;
            }
        }
        List<Answer> mentors = all.stream()
                .filter(a -> a.authorRole() != null && a.authorRole().covers(org.campops.chat.Role.MENTOR))
                .toList();
        return mentors.isEmpty()
                ? all.stream().filter(a -> !a.authorId().equals(q.askerId())).toList()
                : mentors;
    }

    /** Askers are never exported, also when their own reply was accepted. */
    private static String author(Question q, Answer a) {
        return a.authorId().equals(q.askerId()) ? "(asker)" : a.authorName();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').strip();
    }

    /** Text from people: one quoted cell that cannot run as a formula ({@link CsvCells}). */
    private static String cell(@Nullable String s) {
        return CsvCells.quotedText(s);
    }
}
