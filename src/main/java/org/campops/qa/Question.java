package org.campops.qa;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.campops.qa.search.IndexedQuestion;

/** A camper's question: one forum post (or thread) whose messages are its answers. */
public record Question(
        long id,
        String askerId,
        String askerName,
        boolean anonymous,
        String topic,
        String title,
        String details,
        String channelId,
        String threadId,
        Status status,
        Locale locale,
        Instant askedAt,
        Instant firstMentorReplyAt,
        String firstMentorId,
        Instant resolvedAt,
        String resolvedBy,
        Long acceptedAnswerId) {

    /** OPEN until the asker or a mentor resolves it. */
    public enum Status {
        OPEN,
        ANSWERED
    }

    public boolean answered() {
        return status == Status.ANSWERED;
    }

    /** The question as the search index holds it, with the answers not deleted of {@code answers} (its own). */
    IndexedQuestion indexed(List<Answer> answers) {
        List<Answer> live = answers.stream().filter(a -> a.deletedAt() == null).toList();
        return new IndexedQuestion(
                id,
                title,
                details == null ? "" : details,
                live.stream().map(Answer::text).toList(),
                topic,
                answered(),
                live.stream().anyMatch(Answer::endorsed),
                askedAt);
    }
}
