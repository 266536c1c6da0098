package org.campops.qa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.chat.Role;
import org.campops.store.Jdbc;

/** JDBC access to questions, answers, drafts, digests and anonymity look-ups (caller's transaction). */
final class QaRepository {

    long insertQuestion(Connection c, Draft d, String channelId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO question (asker_id, asker_name, anonymous, topic, title,"
                + " details, locale, asked_at, channel_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')",
                Statement.RETURN_GENERATED_KEYS)) {
            bindDraft(ps, d, at);
            ps.setString(9, channelId);
            ps.executeUpdate();
            return Jdbc.generatedId(ps);
        }
    }

    void setThread(Connection c, long questionId, String threadId) throws SQLException {
        update(c, "UPDATE question SET thread_id = ? WHERE id = ?", threadId, questionId);
    }

    void deleteQuestion(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM question WHERE id = ?", id);
    }

    Optional<Question> question(Connection c, long id) throws SQLException {
        return questions(c, "SELECT * FROM question WHERE id = ?", id).stream().findFirst();
    }

    Optional<Question> questionByThread(Connection c, String threadId) throws SQLException {
        return questions(c, "SELECT * FROM question WHERE thread_id = ?", threadId).stream().findFirst();
    }

    List<Question> allQuestions(Connection c) throws SQLException {
        return questions(c, "SELECT * FROM question WHERE thread_id IS NOT NULL ORDER BY id");
    }

    List<Question> openQuestions(Connection c) throws SQLException {
        return questions(c, "SELECT * FROM question WHERE status = 'OPEN' AND thread_id IS NOT NULL ORDER BY asked_at, id");
    }

    /** Open questions without any mentor reply, asked at or before {@code cutoff}, oldest first. */
    List<Question> waitingSince(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM question WHERE status = 'OPEN' AND thread_id IS NOT NULL"
                + " AND first_mentor_reply_at IS NULL AND asked_at <= ? ORDER BY asked_at, id")) {
            Jdbc.setInstant(ps, 1, cutoff);
            return readQuestions(ps);
        }
    }

    boolean markFirstMentorReply(Connection c, long questionId, String mentorId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE question SET first_mentor_reply_at = ?, first_mentor_id = ?"
                + " WHERE id = ? AND first_mentor_reply_at IS NULL")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, mentorId);
            ps.setLong(3, questionId);
            return ps.executeUpdate() == 1;
        }
    }

    boolean resolve(Connection c, long questionId, String by, Instant at, Long acceptedAnswerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE question SET status = 'ANSWERED', resolved_at = ?, resolved_by = ?,"
                + " accepted_answer_id = COALESCE(?, accepted_answer_id) WHERE id = ? AND status = 'OPEN'")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, by);
            if (acceptedAnswerId == null) {
                ps.setNull(3, java.sql.Types.BIGINT);
            } else {
                ps.setLong(3, acceptedAnswerId);
            }
            ps.setLong(4, questionId);
            return ps.executeUpdate() == 1;
        }
    }

    void accept(Connection c, long questionId, long answerId) throws SQLException {
        update(c, "UPDATE question SET accepted_answer_id = ? WHERE id = ?", answerId, questionId);
        update(c, "UPDATE answer SET endorsed = TRUE WHERE id = ?", answerId);
    }

    /** Inserts an answer unless that message was recorded already (a replayed event). */
    boolean insertAnswer(Connection c, long questionId, String messageId, String authorId, String authorName, Role role,
                         String text, Instant at) throws SQLException {
        if (answerByMessage(c, messageId).isPresent()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO answer (question_id, message_id, author_id, author_name,"
                + " author_role, text, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, questionId);
            ps.setString(2, messageId);
            ps.setString(3, authorId);
            ps.setString(4, authorName);
            ps.setString(5, role == null ? null : role.name());
            ps.setString(6, text);
            Jdbc.setInstant(ps, 7, at);
            ps.executeUpdate();
            return true;
        }
    }

    boolean editAnswer(Connection c, String messageId, String text, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE answer SET text = ?, edited_at = ? WHERE message_id = ?")) {
            ps.setString(1, text);
            Jdbc.setInstant(ps, 2, at);
            ps.setString(3, messageId);
            return ps.executeUpdate() == 1;
        }
    }

    boolean deleteAnswer(Connection c, String messageId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE answer SET deleted_at = ? WHERE message_id = ? AND deleted_at IS NULL")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, messageId);
            return ps.executeUpdate() == 1;
        }
    }

    Optional<Answer> answerByMessage(Connection c, String messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM answer WHERE message_id = ?")) {
            ps.setString(1, messageId);
            return readAnswers(ps).stream().findFirst();
        }
    }

    List<Answer> answers(Connection c, long questionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM answer WHERE question_id = ? ORDER BY posted_at, id")) {
            ps.setLong(1, questionId);
            return readAnswers(ps);
        }
    }

    List<Answer> allAnswers(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM answer ORDER BY question_id, posted_at, id")) {
            return readAnswers(ps);
        }
    }

    long insertDraft(Connection c, Draft d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO question_draft (asker_id, asker_name, anonymous, topic,"
                + " title, details, locale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bindDraft(ps, d, d.createdAt());
            ps.executeUpdate();
            return Jdbc.generatedId(ps);
        }
    }

    /** The columns a question and its draft share, as parameters 1 to 8. */
    private static void bindDraft(PreparedStatement ps, Draft d, Instant at) throws SQLException {
        ps.setString(1, d.askerId());
        ps.setString(2, d.askerName());
        ps.setBoolean(3, d.anonymous());
        ps.setString(4, d.topic());
        ps.setString(5, d.title());
        ps.setString(6, d.details());
        ps.setString(7, d.locale().toLanguageTag());
        Jdbc.setInstant(ps, 8, at);
    }

    Optional<Draft> takeDraft(Connection c, long id) throws SQLException {
        Optional<Draft> found;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM question_draft WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                found = rs.next() ? Optional.of(new Draft(rs.getLong("id"), rs.getString("asker_id"), rs.getString("asker_name"),
                        rs.getBoolean("anonymous"), rs.getString("topic"), rs.getString("title"), rs.getString("details"),
                        Locale.forLanguageTag(rs.getString("locale")), Jdbc.getInstant(rs, "created_at"))) : Optional.empty();
            }
        }
        if (found.isPresent()) {
            update(c, "DELETE FROM question_draft WHERE id = ?", id);
        }
        return found;
    }

    /** Forgets drafts nobody chose for (the ephemeral choice is gone from Discord by then anyway). */
    int deleteDraftsBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM question_draft WHERE created_at < ?")) {
            Jdbc.setInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        }
    }

    /** Claims a digest slot; false when that slot was already sent (so nothing is posted twice). */
    boolean claimDigest(Connection c, String audience, String slot, Instant at, int questions) throws SQLException {
        return Jdbc.insertOnce(c, "SELECT 1 FROM qa_digest WHERE audience = ? AND slot = ?",
                "INSERT INTO qa_digest (audience, slot, sent_at, questions) VALUES (?, ?, ?, ?)", audience, slot, at, questions);
    }

    void logAnonymityLookup(Connection c, long questionId, String organizerId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anonymity_lookup (question_id, organizer_id, looked_at) VALUES (?, ?, ?)")) {
            ps.setLong(1, questionId);
            ps.setString(2, organizerId);
            Jdbc.setInstant(ps, 3, at);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static List<Question> questions(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return readQuestions(ps);
        }
    }

    private static List<Question> readQuestions(PreparedStatement ps) throws SQLException {
        List<Question> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long accepted = rs.getLong("accepted_answer_id");
                Long acceptedId = rs.wasNull() ? null : accepted;
                out.add(new Question(rs.getLong("id"), rs.getString("asker_id"), rs.getString("asker_name"),
                        rs.getBoolean("anonymous"), rs.getString("topic"), rs.getString("title"), rs.getString("details"),
                        rs.getString("channel_id"), rs.getString("thread_id"), Question.Status.valueOf(rs.getString("status")),
                        Locale.forLanguageTag(rs.getString("locale")), Jdbc.getInstant(rs, "asked_at"),
                        Jdbc.getInstant(rs, "first_mentor_reply_at"), rs.getString("first_mentor_id"),
                        Jdbc.getInstant(rs, "resolved_at"), rs.getString("resolved_by"), acceptedId));
            }
        }
        return out;
    }

    private static List<Answer> readAnswers(PreparedStatement ps) throws SQLException {
        List<Answer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String role = rs.getString("author_role");
                out.add(new Answer(rs.getLong("id"), rs.getLong("question_id"), rs.getString("message_id"),
                        rs.getString("author_id"), rs.getString("author_name"), role == null ? null : Role.valueOf(role),
                        rs.getString("text"), Jdbc.getInstant(rs, "posted_at"), Jdbc.getInstant(rs, "edited_at"),
                        Jdbc.getInstant(rs, "deleted_at"), rs.getBoolean("endorsed")));
            }
        }
        return out;
    }
}
