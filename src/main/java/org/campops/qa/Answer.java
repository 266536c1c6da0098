package org.campops.qa;

import java.time.Instant;
import org.campops.chat.Role;

/** One message in a question's thread, kept with its edits and deletion. */
public record Answer(long id, long questionId, String messageId, String authorId, String authorName, Role authorRole,
                     String text, Instant postedAt, Instant editedAt, Instant deletedAt, boolean endorsed) {
}
