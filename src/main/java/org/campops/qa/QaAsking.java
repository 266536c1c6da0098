package org.campops.qa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.campops.chat.ButtonId;
import org.campops.chat.Notifier;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.qa.search.QuestionIndex;
import org.campops.qa.search.SearchHit;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asking: a question is checked, compared with earlier ones (held back as a draft when similar ones
 * exist), then stored and its forum post (or thread) queued in one transaction; the thread id
 * arrives with Discord's answer.
 */
final class QaAsking {
    private static final Logger LOG = LoggerFactory.getLogger(QaAsking.class);
    private static final String THREAD = "qa.thread";
    /** How long /ask waits for its post to go out before answering "saved, posting shortly". */
    private static final Duration SHOW_RESULT_WITHIN = Duration.ofMillis(2500);

    private final Database db;
    private final QaRepository repo = new QaRepository();
    private final QuestionIndex index;
    private final QaIndexing indexing;
    private final Outbox outbox;
    private final Clock clock;
    private final CampConfig.QaSettings settings;
    private final Locale postLocale;
    private final java.util.function.Function<String, String> links;

    QaAsking(
            Database db,
            QuestionIndex index,
            QaIndexing indexing,
            Outbox outbox,
            Clock clock,
            CampConfig config,
            java.util.function.Function<String, String> links) {
        this.db = db;
        this.index = index;
        this.indexing = indexing;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = config.qa();
        this.postLocale = config.camp().locale();
        this.links = links;
        registerHandlers();
    }

    public QaService.AskOutcome ask(QaService.AskRequest req) {
        Draft draft = validate(req);
        List<Question> similar = similarTo(draft.title(), draft.details());
        if (!similar.isEmpty()) {
            long id = db.inTransaction(c -> {
                repo.deleteDraftsBefore(c, clock.instant().minus(Duration.ofDays(1)));
                return repo.insertDraft(c, draft);
            });
            return new QaService.AskOutcome.Similar(id, similar);
        }
        Question q = post(draft);
        return new QaService.AskOutcome.Posted(q, q.threadId() == null ? null : links.apply(q.threadId()));
    }

    /** "Post anyway": posts a held-back draft of this asker. */
    public QaService.AskOutcome.Posted postDraft(long draftId, String askerId) {
        Draft d = takeDraft(draftId, askerId);
        Question q = post(d);
        return new QaService.AskOutcome.Posted(q, q.threadId() == null ? null : links.apply(q.threadId()));
    }

    /** "My question is answered there": drops the draft. */
    public void dropDraft(long draftId, String askerId) {
        takeDraft(draftId, askerId);
    }

    private Draft takeDraft(long draftId, String askerId) {
        return db.inTransaction(c -> {
            Optional<Draft> d = repo.takeDraft(c, draftId);
            if (d.isEmpty()) {
                throw new ButtonId.Invalid("no draft " + draftId + " (already posted or dropped)");
            }
            if (!d.get().askerId().equals(askerId)) {
                throw new ButtonId.Invalid("draft " + draftId + " is not the member's");
            }
            return d.get();
        });
    }

    private Draft validate(QaService.AskRequest req) {
        String title = req.title() == null ? "" : req.title().strip().replaceAll("\\s+", " ");
        String details = req.details() == null ? null : req.details().strip();
        if (!Texts.isVisible(title)) {
            throw new UserError("qa.error.emptyTitle");
        }
        if (title.length() > QaService.MAX_TITLE) {
            throw new UserError("qa.error.titleTooLong", QaService.MAX_TITLE, title.length());
        }
        if (details != null && details.length() > QaService.MAX_DETAILS) {
            throw new UserError("qa.error.detailsTooLong", QaService.MAX_DETAILS, details.length());
        }
        String topic = null;
        if (req.topic() != null && !req.topic().isBlank()) {
            String wanted = req.topic().strip();
            topic = settings.topics().stream()
                    .filter(t -> t.equalsIgnoreCase(wanted))
                    .findFirst()
                    .orElseThrow(
                            () -> new UserError("qa.error.unknownTopic", wanted, String.join(", ", settings.topics())));
        }
        if (req.anonymous() && !settings.allowAnonymous()) {
            throw new UserError("qa.error.noAnonymous");
        }
        return new Draft(
                0,
                req.asker().userId(),
                req.asker().displayName(),
                req.anonymous(),
                topic,
                title,
                !Texts.isVisible(details) ? null : details,
                req.locale(),
                clock.instant());
    }

    private List<Question> similarTo(String title, @Nullable String details) {
        List<Question> out = new ArrayList<>();
        indexing.awaitReady();
        for (SearchHit hit : index.similar(title, details == null ? "" : details, QaService.SIMILAR_SHOWN)) {
            db.inTransaction(c -> repo.question(c, hit.id())).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Stores the question and queues its forum post (or thread) in one transaction, so no crash leaves
     * a row without its post or a post without its row; the thread id is filled in when Discord answers.
     * Waits briefly for the post, so the reply can link it.
     */
    private Question post(Draft d) {
        Instant now = clock.instant();
        long id = db.inTransaction(c -> {
            long qid = repo.insertQuestion(c, d, settings.channel(), now);
            List<String> tags = new ArrayList<>();
            if (d.topic() != null) {
                tags.add(d.topic());
            }
            tags.add(settings.unansweredTag());
            outbox.enqueue(
                    c,
                    postKey(qid),
                    Payload.thread(settings.channel(), d.title(), QaPosts.starter(qid, d, postLocale), tags),
                    THREAD + ":" + qid,
                    now);
            return qid;
        });
        Optional<Delivery> sent = outbox.awaitFinal(postKey(id).text(), SHOW_RESULT_WITHIN);
        if (sent.isPresent() && sent.get().status() == Delivery.Status.FAILED) {
            throw new UserError("qa.error.postFailed");
        }
        return db.inTransaction(c -> repo.question(c, id)).orElseThrow();
    }

    private static QaKey postKey(long questionId) {
        return new QaKey.Post(questionId);
    }

    /** The thread id arrives with Discord's answer; a post that cannot be made removes its question. */
    private void registerHandlers() {
        outbox.onSent(THREAD, new Outbox.SentHandler() {
            @Override
            public void onSent(Handle c, String ref, Delivery delivery, @Nullable String result)
                    throws java.sql.SQLException {
                repo.setThread(
                        c,
                        Long.parseLong(ref),
                        Outbox.readResult(
                                        Objects.requireNonNull(result, "a started thread"),
                                        Notifier.StartedThread.class)
                                .threadId());
            }

            @Override
            public void afterSent(String ref, Delivery delivery, @Nullable String result) {
                indexing.reindex(Long.parseLong(ref));
            }

            @Override
            public void onFailed(Handle c, String ref, Delivery delivery, @Nullable String error)
                    throws java.sql.SQLException {
                LOG.warn("question {} could not be posted, so it is removed: {}", ref, error);
                repo.deleteQuestion(c, Long.parseLong(ref));
            }
        });
    }
}
