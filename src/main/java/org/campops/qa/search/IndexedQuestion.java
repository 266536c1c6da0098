package org.campops.qa.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A question as the search index sees it: its text, the text of its answers, and the facts that
 * influence ranking or filtering.
 *
 * @param id       database id of the question (unique key in the index)
 * @param title    short title; weighted highest in search
 * @param details  body of the question, may be empty
 * @param answers  texts of the answers given so far, may be empty
 * @param topic    topic / channel key used as an exact filter, nullable
 * @param answered whether the question has at least one accepted answer
 * @param endorsed whether an answer was endorsed by staff
 * @param askedAt  when the question was asked, nullable
 */
public record IndexedQuestion(
        long id,
        String title,
        String details,
        List<String> answers,
        String topic,
        boolean answered,
        boolean endorsed,
        Instant askedAt) {

    public IndexedQuestion {
        title = Objects.requireNonNullElse(title, "");
        details = Objects.requireNonNullElse(details, "");
        answers = answers == null
                ? List.of()
                : answers.stream().filter(Objects::nonNull).toList();
    }
}
