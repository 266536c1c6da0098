package org.campops.qa;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.campops.chat.ChatMessage;
import org.campops.chat.MessageListener;
import org.campops.chat.Role;
import org.campops.store.Database;

/**
 * Records question threads: members' replies become answers (a mentor's first reply is noted for the
 * response-time stats), edits and deletions follow; the search index is updated after each change.
 */
final class QaThreads implements MessageListener {
    private final Database db;
    private final QaRepository repo = new QaRepository();
    private final QaIndexing indexing;
    private final Clock clock;

    QaThreads(Database db, QaIndexing indexing, Clock clock) {
        this.db = db;
        this.indexing = indexing;
        this.clock = clock;
    }

    @Override
    public void onMessage(ChatMessage m) {
        if (m.authorIsBot()) {
            return;
        }
        Role role = m.authorRoles().stream().max(Enum::compareTo).orElse(null);
        Optional<Long> changed = db.inTransaction(c -> {
            Optional<Question> q = repo.questionByThread(c, m.channelId());
            if (q.isEmpty()) {
                return Optional.empty();
            }
            String text = clip(m.content());
            // The bot's clock, like asked_at, so response times never mix two clocks.
            Instant at = clock.instant();
            if (!repo.insertAnswer(c, q.get().id(), m.messageId(), m.authorId(), m.authorName(), role, text, at)) {
                return Optional.empty();
            }
            if (role != null && role.covers(Role.MENTOR)) {
                repo.markFirstMentorReply(c, q.get().id(), m.authorId(), at);
            }
            return Optional.of(q.get().id());
        });
        changed.ifPresent(indexing::reindex);
    }

    @Override
    public void onEdit(ChatMessage m) {
        Optional<Long> changed = db.inTransaction(c -> {
            Optional<Answer> a = repo.answerByMessage(c, m.messageId());
            if (a.isEmpty() || !repo.editAnswer(c, m.messageId(), clip(m.content()), clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(a.get().questionId());
        });
        changed.ifPresent(indexing::reindex);
    }

    @Override
    public void onDelete(String channelId, String messageId) {
        Optional<Long> changed = db.inTransaction(c -> {
            Optional<Answer> a = repo.answerByMessage(c, messageId);
            if (a.isEmpty() || !repo.deleteAnswer(c, messageId, clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(a.get().questionId());
        });
        changed.ifPresent(indexing::reindex);
    }

    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() > QaService.MAX_ANSWER_TEXT ? t.substring(0, QaService.MAX_ANSWER_TEXT) : t;
    }
}
