package org.campops.qa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.campops.chat.Role;
import org.jspecify.annotations.Nullable;

/** One message in a question's thread, kept with its edits and deletion. */
public record Answer(
        long id,
        long questionId,
        String messageId,
        String authorId,
        String authorName,
        @Nullable Role authorRole,
        String text,
        Instant postedAt,
        Instant editedAt,
        Instant deletedAt,
        boolean endorsed) {

    /** The answers grouped by their question, in the order given. */
    static Map<Long, List<Answer>> byQuestion(List<Answer> answers) {
        Map<Long, List<Answer>> byQuestion = new HashMap<>();
        for (Answer a : answers) {
            byQuestion.computeIfAbsent(a.questionId(), k -> new ArrayList<>()).add(a);
        }
        return byQuestion;
    }
}
