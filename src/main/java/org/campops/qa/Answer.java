package org.campops.qa;

import java.time.Instant;
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
        boolean endorsed) {}
