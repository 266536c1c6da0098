package org.campops.qa;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.campops.chat.Texts;

/** The texts of Q&A posts everyone sees; written in the camp's default language. */
final class QaPosts {
    private QaPosts() {}

    static Reply starter(long questionId, Draft d, Locale l) {
        StringBuilder sb =
                new StringBuilder("**").append(Texts.defuse(d.title())).append("**");
        if (d.details() != null) {
            sb.append("\n").append(Texts.defuse(d.details()));
        }
        String who = d.anonymous() ? Messages.get(l, "qa.post.anonymous") : Texts.mention(d.askerId());
        sb.append("\n\n")
                .append(Messages.get(
                        l, "qa.post.footer", who, d.topic() == null ? Messages.get(l, "qa.post.noTopic") : d.topic()));
        return new Reply(
                sb.toString(),
                false,
                List.of(new Reply.Button(
                        QaCommands.resolveButton(questionId),
                        Messages.get(l, "qa.button.resolve"),
                        Reply.Button.Style.SUCCESS)));
    }

    static String digest(List<Question> waiting, Duration after, Function<String, String> link, Locale l) {
        long minutes = after.toMinutes();
        String waited = minutes % 60 == 0
                ? Messages.get(l, "qa.hoursOnly", minutes / 60)
                : Messages.get(l, "qa.minutes", minutes);
        StringBuilder sb = new StringBuilder(Messages.get(l, "qa.digest.header", waiting.size(), waited));
        for (Question q : waiting) {
            sb.append('\n')
                    .append(Messages.get(
                            l,
                            "qa.digest.item",
                            Texts.defuse(q.title()),
                            q.topic() == null ? "-" : q.topic(),
                            Texts.relative(q.askedAt()),
                            link.apply(q.threadId())));
        }
        return sb.toString();
    }
}
