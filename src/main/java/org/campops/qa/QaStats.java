package org.campops.qa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Per topic and per mentor: questions, share answered, median time to the first mentor reply, share within target. */
public final class QaStats {
    /** What the statistics read of one posted question (read by {@link QaRepository#asked}, without its text). */
    public record Asked(
            @Nullable String topic,
            @Nullable String firstMentorId,
            boolean answered,
            Instant askedAt,
            @Nullable Instant firstMentorReplyAt) {}

    /** One row of the table. */
    public record Row(
            String key,
            int questions,
            int answered,
            @Nullable Duration medianFirstReply,
            int withinTarget,
            int withMentorReply) {
        public int answeredPercent() {
            return questions == 0 ? 0 : Math.round(100f * answered / questions);
        }

        public int withinTargetPercent() {
            return questions == 0 ? 0 : Math.round(100f * withinTarget / questions);
        }
    }

    private QaStats() {}

    public static List<Row> byTopic(List<Asked> s, Duration target, String noTopicLabel) {
        Map<String, List<Asked>> groups = new LinkedHashMap<>();
        for (Asked q : s) {
            groups.computeIfAbsent(q.topic() == null ? noTopicLabel : q.topic(), k -> new ArrayList<>())
                    .add(q);
        }
        return rows(groups, target);
    }

    /** Grouped by the mentor who replied first. */
    public static List<Row> byMentor(List<Asked> s, Duration target) {
        Map<String, List<Asked>> groups = new LinkedHashMap<>();
        for (Asked q : s) {
            if (q.firstMentorId() != null) {
                groups.computeIfAbsent(q.firstMentorId(), k -> new ArrayList<>())
                        .add(q);
            }
        }
        return rows(groups, target);
    }

    public static Row total(List<Asked> s, Duration target) {
        return row("all", s, target);
    }

    private static List<Row> rows(Map<String, List<Asked>> groups, Duration target) {
        List<Row> out = new ArrayList<>();
        groups.forEach((k, qs) -> out.add(row(k, qs, target)));
        out.sort(Comparator.comparingInt(Row::questions).reversed());
        return out;
    }

    private static Row row(String key, List<Asked> qs, Duration target) {
        List<Duration> waits = new ArrayList<>();
        int answered = 0;
        int within = 0;
        for (Asked q : qs) {
            if (q.answered()) {
                answered++;
            }
            if (q.firstMentorReplyAt() != null) {
                Duration d = Duration.between(q.askedAt(), q.firstMentorReplyAt());
                waits.add(d);
                if (d.compareTo(target) <= 0) {
                    within++;
                }
            }
        }
        return new Row(key, qs.size(), answered, median(waits), within, waits.size());
    }

    /** The median ({@code null} for none; the mean of the two middle values for an even count). */
    public static @Nullable Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
