package org.campops.qa;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.chat.Role;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;
import org.jspecify.annotations.Nullable;

/** Questions, answers, drafts, digests and anonymity look-ups (caller's transaction). */
final class QaRepository {

    long insertQuestion(Handle c, Draft d, String channelId, Instant at) throws SQLException {
        return Rows.insert(
                c,
                "INSERT INTO question (asker_id, asker_name, anonymous, topic, title, details, locale, asked_at,"
                        + " channel_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')",
                d.askerId(),
                d.askerName(),
                d.anonymous(),
                d.topic(),
                d.title(),
                d.details(),
                d.locale().toLanguageTag(),
                at,
                channelId);
    }

    void setThread(Handle c, long questionId, String threadId) throws SQLException {
        c.execute("UPDATE question SET thread_id = ? WHERE id = ?", threadId, questionId);
    }

    void deleteQuestion(Handle c, long id) throws SQLException {
        c.execute("DELETE FROM question WHERE id = ?", id);
    }

    Optional<Question> question(Handle c, long id) throws SQLException {
        return questions(c, "SELECT * FROM question WHERE id = ?", id).stream().findFirst();
    }

    Optional<Question> questionByThread(Handle c, String threadId) throws SQLException {
        return questions(c, "SELECT * FROM question WHERE thread_id = ?", threadId).stream()
                .findFirst();
    }

    List<Question> allQuestions(Handle c) throws SQLException {
        return questions(c, "SELECT * FROM question WHERE thread_id IS NOT NULL ORDER BY id");
    }

    List<QaStats.Asked> asked(Handle c) {
        return c.select("SELECT topic, first_mentor_id, status, asked_at, first_mentor_reply_at FROM question"
                        + " WHERE thread_id IS NOT NULL")
                .map(r -> new QaStats.Asked(
                        r.getColumn("topic", String.class),
                        r.getColumn("first_mentor_id", String.class),
                        Question.Status.ANSWERED.name().equals(r.getColumn("status", String.class)),
                        r.getColumn("asked_at", Instant.class),
                        r.getColumn("first_mentor_reply_at", Instant.class)))
                .list();
    }

    List<Question> openQuestions(Handle c) throws SQLException {
        return questions(
                c, "SELECT * FROM question WHERE status = 'OPEN' AND thread_id IS NOT NULL ORDER BY asked_at, id");
    }

    /** Open questions without any mentor reply, asked at or before {@code cutoff}, oldest first. */
    List<Question> waitingSince(Handle c, Instant cutoff) throws SQLException {
        return questions(
                c,
                "SELECT * FROM question WHERE status = 'OPEN' AND thread_id IS NOT NULL"
                        + " AND first_mentor_reply_at IS NULL AND asked_at <= ? ORDER BY asked_at, id",
                cutoff);
    }

    boolean markFirstMentorReply(Handle c, long questionId, String mentorId, Instant at) throws SQLException {
        return c.execute(
                        "UPDATE question SET first_mentor_reply_at = ?, first_mentor_id = ?"
                                + " WHERE id = ? AND first_mentor_reply_at IS NULL",
                        at,
                        mentorId,
                        questionId)
                == 1;
    }

    boolean resolve(Handle c, long questionId, String by, Instant at, @Nullable Long acceptedAnswerId)
            throws SQLException {
        return c.createUpdate(
                                "UPDATE question SET status = 'ANSWERED', resolved_at = ?, resolved_by = ?,"
                                        + " accepted_answer_id = COALESCE(?, accepted_answer_id) WHERE id = ? AND status = 'OPEN'")
                        .bind(0, at)
                        .bind(1, by)
                        .bindByType(2, acceptedAnswerId, Long.class)
                        .bind(3, questionId)
                        .execute()
                == 1;
    }

    void accept(Handle c, long questionId, long answerId) throws SQLException {
        c.execute("UPDATE question SET accepted_answer_id = ? WHERE id = ?", answerId, questionId);
        c.execute("UPDATE answer SET endorsed = TRUE WHERE id = ?", answerId);
    }

    /** Inserts an answer unless that message was recorded already (a replayed event). */
    boolean insertAnswer(
            Handle c,
            long questionId,
            String messageId,
            String authorId,
            String authorName,
            @Nullable Role role,
            String text,
            Instant at)
            throws SQLException {
        if (answerByMessage(c, messageId).isPresent()) {
            return false;
        }
        c.execute(
                "INSERT INTO answer (question_id, message_id, author_id, author_name, author_role, text, posted_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                questionId,
                messageId,
                authorId,
                authorName,
                role == null ? null : role.name(),
                text,
                at);
        return true;
    }

    boolean editAnswer(Handle c, String messageId, String text, Instant at) throws SQLException {
        return c.execute("UPDATE answer SET text = ?, edited_at = ? WHERE message_id = ?", text, at, messageId) == 1;
    }

    boolean deleteAnswer(Handle c, String messageId, Instant at) throws SQLException {
        return c.execute("UPDATE answer SET deleted_at = ? WHERE message_id = ? AND deleted_at IS NULL", at, messageId)
                == 1;
    }

    Optional<Answer> answerByMessage(Handle c, String messageId) throws SQLException {
        return c.select("SELECT * FROM answer WHERE message_id = ?", messageId)
                .map(QaRepository::readAnswer)
                .findFirst();
    }

    List<Answer> answers(Handle c, long questionId) throws SQLException {
        return c.select("SELECT * FROM answer WHERE question_id = ? ORDER BY posted_at, id", questionId)
                .map(QaRepository::readAnswer)
                .list();
    }

    List<Answer> allAnswers(Handle c) throws SQLException {
        return c.select("SELECT * FROM answer ORDER BY question_id, posted_at, id")
                .map(QaRepository::readAnswer)
                .list();
    }

    long insertDraft(Handle c, Draft d) throws SQLException {
        return Rows.insert(
                c,
                "INSERT INTO question_draft (asker_id, asker_name, anonymous, topic, title, details, locale,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                d.askerId(),
                d.askerName(),
                d.anonymous(),
                d.topic(),
                d.title(),
                d.details(),
                d.locale().toLanguageTag(),
                d.createdAt());
    }

    Optional<Draft> takeDraft(Handle c, long id) throws SQLException {
        Optional<Draft> found = c.select("SELECT * FROM question_draft WHERE id = ?", id)
                .map(r -> new Draft(
                        r.getColumn("id", Long.class),
                        r.getColumn("asker_id", String.class),
                        r.getColumn("asker_name", String.class),
                        r.getColumn("anonymous", Boolean.class),
                        r.getColumn("topic", String.class),
                        r.getColumn("title", String.class),
                        r.getColumn("details", String.class),
                        Locale.forLanguageTag(r.getColumn("locale", String.class)),
                        r.getColumn("created_at", Instant.class)))
                .findFirst();
        if (found.isPresent()) {
            c.execute("DELETE FROM question_draft WHERE id = ?", id);
        }
        return found;
    }

    /** Forgets drafts nobody chose for (the ephemeral choice is gone from Discord by then anyway). */
    int deleteDraftsBefore(Handle c, Instant cutoff) throws SQLException {
        return c.execute("DELETE FROM question_draft WHERE created_at < ?", cutoff);
    }

    /** Claims a digest slot; false when that slot was already sent (so nothing is posted twice). */
    boolean claimDigest(Handle c, String audience, String slot, Instant at, int questions) throws SQLException {
        return Rows.insertOnce(
                c,
                "SELECT 1 FROM qa_digest WHERE audience = ? AND slot = ?",
                "INSERT INTO qa_digest (audience, slot, sent_at, questions) VALUES (?, ?, ?, ?)",
                audience,
                slot,
                at,
                questions);
    }

    void logAnonymityLookup(Handle c, long questionId, String organizerId, Instant at) throws SQLException {
        c.execute(
                "INSERT INTO anonymity_lookup (question_id, organizer_id, looked_at) VALUES (?, ?, ?)",
                questionId,
                organizerId,
                at);
    }

    static List<Question> questions(Handle c, String sql, @Nullable Object... args) {
        return c.select(sql, args).map(QaRepository::readQuestion).list();
    }

    private static Question readQuestion(RowView r) {
        return new Question(
                r.getColumn("id", Long.class),
                r.getColumn("asker_id", String.class),
                r.getColumn("asker_name", String.class),
                r.getColumn("anonymous", Boolean.class),
                r.getColumn("topic", String.class),
                r.getColumn("title", String.class),
                r.getColumn("details", String.class),
                r.getColumn("channel_id", String.class),
                r.getColumn("thread_id", String.class),
                Question.Status.valueOf(r.getColumn("status", String.class)),
                Locale.forLanguageTag(r.getColumn("locale", String.class)),
                r.getColumn("asked_at", Instant.class),
                r.getColumn("first_mentor_reply_at", Instant.class),
                r.getColumn("first_mentor_id", String.class),
                r.getColumn("resolved_at", Instant.class),
                r.getColumn("resolved_by", String.class),
                r.getColumn("accepted_answer_id", Long.class));
    }

    static Answer readAnswer(RowView r) {
        String role = r.getColumn("author_role", String.class);
        return new Answer(
                r.getColumn("id", Long.class),
                r.getColumn("question_id", Long.class),
                r.getColumn("message_id", String.class),
                r.getColumn("author_id", String.class),
                r.getColumn("author_name", String.class),
                role == null ? null : Role.valueOf(role),
                r.getColumn("text", String.class),
                r.getColumn("posted_at", Instant.class),
                r.getColumn("edited_at", Instant.class),
                r.getColumn("deleted_at", Instant.class),
                r.getColumn("endorsed", Boolean.class));
    }
}
