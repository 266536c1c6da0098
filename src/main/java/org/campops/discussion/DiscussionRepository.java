package org.campops.discussion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.campops.discussion.DiscussionService.QueuedPrompt;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** The {@code discussion_prompt} and {@code duty_done} tables (caller's transaction). */
final class DiscussionRepository {

    long submit(Handle c, String text, String by, Instant at) {
        return Rows.insert(
                c,
                "INSERT INTO discussion_prompt (text, source, submitted_by, submitted_at, status)"
                        + " VALUES (?, 'SUBMITTED', ?, ?, 'QUEUED')",
                text,
                by,
                at);
    }

    /** Queued prompts, oldest first. */
    List<QueuedPrompt> queued(Handle c) {
        return c.select("SELECT * FROM discussion_prompt WHERE status = 'QUEUED' ORDER BY submitted_at, id")
                .map(r -> new QueuedPrompt(
                        r.getColumn("id", Long.class),
                        r.getColumn("text", String.class),
                        r.getColumn("submitted_by", String.class),
                        r.getColumn("submitted_at", Instant.class)))
                .list();
    }

    /** The texts of the bank's prompts used so far. */
    List<String> usedBankTexts(Handle c) {
        return c.select("SELECT text FROM discussion_prompt WHERE source = 'BANK'")
                .mapTo(String.class)
                .list();
    }

    void drop(Handle c, long id) {
        c.execute("UPDATE discussion_prompt SET status = 'DROPPED' WHERE id = ?", id);
    }

    /** The prompt the moment {@code key} took, if it took one. */
    Optional<String> usedBy(Handle c, String key) {
        return c.select("SELECT text FROM discussion_prompt WHERE used_key = ?", key)
                .mapTo(String.class)
                .findFirst();
    }

    void use(Handle c, long id, String key, Instant at) {
        c.execute("UPDATE discussion_prompt SET status = 'USED', used_key = ?, used_at = ? WHERE id = ?", key, at, id);
    }

    void useFromBank(Handle c, String text, String key, Instant at) {
        c.execute(
                "INSERT INTO discussion_prompt (text, source, submitted_at, status, used_key, used_at)"
                        + " VALUES (?, 'BANK', ?, 'USED', ?, ?)",
                text,
                at,
                key,
                at);
    }

    boolean done(Handle c, String duty, LocalDate weekStart, String mentorId) {
        return c.select(
                        "SELECT how FROM duty_done WHERE duty = ? AND week_start = ? AND mentor_id = ?",
                        duty,
                        weekStart,
                        mentorId)
                .mapTo(String.class)
                .findFirst()
                .isPresent();
    }

    /** Records the duty done in that week unless it was (a second post changes nothing). */
    void markDone(
            Handle c,
            String duty,
            LocalDate weekStart,
            String mentorId,
            String how,
            @Nullable String messageId,
            Instant at) {
        Rows.insertOnce(
                c,
                "SELECT how FROM duty_done WHERE duty = ? AND week_start = ? AND mentor_id = ?",
                "INSERT INTO duty_done (duty, week_start, mentor_id, how, message_id, done_at) VALUES (?, ?, ?, ?, ?, ?)",
                duty,
                weekStart,
                mentorId,
                how,
                messageId,
                at);
    }
}
