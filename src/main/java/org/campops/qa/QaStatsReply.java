package org.campops.qa;

import java.time.Duration;
import java.util.List;
import org.campops.chat.Invocation;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;

/** What {@code /qa stats} shows: totals, by topic and by mentor ({@link QaStats}), with durations in words. */
final class QaStatsReply {
    private QaStatsReply() {}

    /** The statistics of {@code s} against the first-reply {@code target}, in the caller's language. */
    static Reply of(Invocation inv, List<QaStats.Asked> s, Duration target) {
        StringBuilder sb = new StringBuilder(inv.text("qa.stats.header", duration(inv, target)));
        QaStats.Row total = QaStats.total(s, target);
        sb.append('\n').append(row(inv, inv.text("qa.stats.total"), total));
        sb.append("\n\n").append(inv.text("qa.stats.byTopic"));
        for (QaStats.Row r : QaStats.byTopic(s, target, inv.text("qa.post.noTopic"))) {
            sb.append('\n').append(row(inv, r.key(), r));
        }
        List<QaStats.Row> mentors = QaStats.byMentor(s, target);
        sb.append("\n\n").append(inv.text("qa.stats.byMentor"));
        if (mentors.isEmpty()) {
            sb.append('\n').append(inv.text("qa.stats.noMentorReplies"));
        }
        for (QaStats.Row r : mentors) {
            sb.append('\n')
                    .append(inv.text(
                            "qa.stats.mentorRow",
                            Texts.mention(r.key()),
                            r.questions(),
                            duration(inv, r.medianFirstReply()),
                            r.withinTarget()));
        }
        sb.append("\n\n").append(inv.text("qa.stats.teamsLater"));
        return Reply.ephemeral(sb.toString());
    }

    private static String row(Invocation inv, String label, QaStats.Row r) {
        return inv.text(
                "qa.stats.row",
                label,
                r.questions(),
                r.answeredPercent(),
                duration(inv, r.medianFirstReply()),
                r.withinTargetPercent());
    }

    private static String duration(Invocation inv, @Nullable Duration d) {
        if (d == null) {
            return "-";
        }
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return inv.text("qa.minutes", minutes);
        }
        return minutes % 60 == 0
                ? inv.text("qa.hoursOnly", minutes / 60)
                : inv.text("qa.hours", minutes / 60, minutes % 60);
    }
}
