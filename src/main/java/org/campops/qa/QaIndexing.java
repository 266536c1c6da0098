package org.campops.qa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campops.qa.search.IndexedQuestion;
import org.campops.qa.search.QuestionIndex;
import org.campops.store.Database;

/** Keeps the search index in line with the database: rebuilt at start, one question updated after each change. */
final class QaIndexing {
    private final Database db;
    private final QaRepository repo = new QaRepository();
    private final QuestionIndex index;

    QaIndexing(Database db, QuestionIndex index) {
        this.db = db;
        this.index = index;
    }

    /** Rebuilds the search index from the database (at start). */
    int rebuild(QaSnapshot s) {
        Map<Long, List<Answer>> byQuestion = new HashMap<>();
        for (Answer a : s.answers()) {
            byQuestion.computeIfAbsent(a.questionId(), k -> new ArrayList<>()).add(a);
        }
        List<IndexedQuestion> docs = new ArrayList<>();
        for (Question q : s.questions()) {
            docs.add(indexed(q, byQuestion.getOrDefault(q.id(), List.of())));
        }
        index.rebuild(docs);
        return docs.size();
    }

    void reindex(long questionId) {
        db.inTransaction(c -> {
            Optional<Question> q = repo.question(c, questionId);
            if (q.isPresent() && q.get().threadId() != null) {
                index.upsert(indexed(q.get(), repo.answers(c, questionId)));
            } else {
                index.delete(questionId);
            }
            return null;
        });
    }

    private static IndexedQuestion indexed(Question q, List<Answer> answers) {
        List<Answer> live = answers.stream().filter(a -> a.deletedAt() == null).toList();
        return new IndexedQuestion(
                q.id(),
                q.title(),
                q.details() == null ? "" : q.details(),
                live.stream().map(Answer::text).toList(),
                q.topic(),
                q.answered(),
                live.stream().anyMatch(Answer::endorsed),
                q.askedAt());
    }
}
