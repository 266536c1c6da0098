package org.campops.qa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.campops.chat.Caller;
import org.campops.chat.ChatMessage;
import org.campops.chat.Messages;
import org.campops.chat.MessageListener;
import org.campops.chat.Notifier;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.qa.search.IndexedQuestion;
import org.campops.qa.search.QuestionIndex;
import org.campops.qa.search.SearchHit;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campers' questions: asking (with a duplicate check), recording their threads, resolving,
 * searching, and the follow-up digests. The database is the truth; the search index is rebuilt
 * from it at start and kept current on every change.
 */
public final class QaService implements MessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(QaService.class);
    public static final int MAX_TITLE = 150;
    /** Keeps the starter post (title, details, footer) under Discord's 2,000 characters. */
    public static final int MAX_DETAILS = 1500;
    public static final int MAX_ANSWER_TEXT = 4000;
    public static final int SIMILAR_SHOWN = 3;
    private static final String THREAD = "qa.thread";
    /** How long /ask waits for its post to go out before answering "saved, posting shortly". */
    private static final Duration SHOW_RESULT_WITHIN = Duration.ofMillis(2500);

    private final Database db;
    private final QaRepository repo = new QaRepository();
    private final QuestionIndex index;
    private final Outbox outbox;
    private final Clock clock;
    private final CampConfig.QaSettings settings;
    private final CampConfig.Channels channels;
    private final String guildId;
    private final Locale postLocale;

    public QaService(Database db, QuestionIndex index, Outbox outbox, Clock clock, CampConfig config) {
        this.db = db;
        this.index = index;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = config.qa();
        this.channels = config.discord().channels();
        this.guildId = config.discord().guildId();
        this.postLocale = config.camp().locale();
        registerHandlers();
    }

    /** What a member asked for; validated by {@link #ask}. */
    public record AskRequest(Caller asker, boolean anonymous, String topic, String title, String details, Locale locale) {
    }

    /** The result of asking: posted, or held back because similar questions exist. */
    public sealed interface AskOutcome {
        /** The question is posted; {@code link} opens its thread. */
        record Posted(Question question, String link) implements AskOutcome {
        }

        /** Earlier questions look alike; the draft waits for the asker's choice. */
        record Similar(long draftId, List<Question> similar) implements AskOutcome {
        }
    }

    public List<String> topics() {
        return settings.topics();
    }

    public boolean anonymousAllowed() {
        return settings.allowAnonymous();
    }

    public String link(String threadId) {
        return "https://discord.com/channels/" + guildId + "/" + threadId;
    }

    // ---------------------------------------------------------------- asking

    public AskOutcome ask(AskRequest req) {
        Draft draft = validate(req);
        List<Question> similar = similarTo(draft.title(), draft.details());
        if (!similar.isEmpty()) {
            long id = db.inTransaction(c -> {
                repo.deleteDraftsBefore(c, clock.instant().minus(Duration.ofDays(1)));
                return repo.insertDraft(c, draft);
            });
            return new AskOutcome.Similar(id, similar);
        }
        Question q = post(draft);
        return new AskOutcome.Posted(q, q.threadId() == null ? null : link(q.threadId()));
    }

    /** "Post anyway": posts a held-back draft of this asker. */
    public AskOutcome.Posted postDraft(long draftId, String askerId) {
        Draft d = takeDraft(draftId, askerId);
        Question q = post(d);
        return new AskOutcome.Posted(q, q.threadId() == null ? null : link(q.threadId()));
    }

    /** "My question is answered there": drops the draft. */
    public void dropDraft(long draftId, String askerId) {
        takeDraft(draftId, askerId);
    }

    private Draft takeDraft(long draftId, String askerId) {
        return db.inTransaction(c -> {
            Optional<Draft> d = repo.takeDraft(c, draftId);
            if (d.isEmpty()) {
                throw new UserError("qa.error.draftGone");
            }
            if (!d.get().askerId().equals(askerId)) {
                throw new UserError("qa.error.notYourDraft");
            }
            return d.get();
        });
    }

    private Draft validate(AskRequest req) {
        String title = req.title() == null ? "" : req.title().strip().replaceAll("\\s+", " ");
        String details = req.details() == null ? null : req.details().strip();
        if (!Texts.isVisible(title)) {
            throw new UserError("qa.error.emptyTitle");
        }
        if (title.length() > MAX_TITLE) {
            throw new UserError("qa.error.titleTooLong", MAX_TITLE, title.length());
        }
        if (details != null && details.length() > MAX_DETAILS) {
            throw new UserError("qa.error.detailsTooLong", MAX_DETAILS, details.length());
        }
        String topic = null;
        if (req.topic() != null && !req.topic().isBlank()) {
            topic = settings.topics().stream().filter(t -> t.equalsIgnoreCase(req.topic().strip())).findFirst()
                    .orElseThrow(() -> new UserError("qa.error.unknownTopic", req.topic().strip(), String.join(", ", settings.topics())));
        }
        if (req.anonymous() && !settings.allowAnonymous()) {
            throw new UserError("qa.error.noAnonymous");
        }
        return new Draft(0, req.asker().userId(), req.asker().displayName(), req.anonymous(), topic, title,
                !Texts.isVisible(details) ? null : details, req.locale(), clock.instant());
    }

    private List<Question> similarTo(String title, String details) {
        List<Question> out = new ArrayList<>();
        for (SearchHit hit : index.similar(title, details == null ? "" : details, SIMILAR_SHOWN)) {
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
            outbox.enqueue(c, postKey(qid), Payload.thread(settings.channel(), d.title(), QaPosts.starter(qid, d, postLocale), tags),
                    THREAD + ":" + qid, now);
            return qid;
        });
        Optional<Delivery> sent = outbox.awaitFinal(postKey(id), SHOW_RESULT_WITHIN);
        if (sent.isPresent() && sent.get().status() == Delivery.Status.FAILED) {
            throw new UserError("qa.error.postFailed");
        }
        return db.inTransaction(c -> repo.question(c, id)).orElseThrow();
    }

    private static String postKey(long questionId) {
        return "qa:" + questionId + ":post";
    }

    /** The thread id arrives with Discord's answer; a post that cannot be made removes its question. */
    private void registerHandlers() {
        outbox.onSent(THREAD, new Outbox.SentHandler() {
            @Override
            public void onSent(java.sql.Connection c, String ref, Delivery delivery, String result) throws java.sql.SQLException {
                repo.setThread(c, Long.parseLong(ref), Outbox.readResult(result, Notifier.StartedThread.class).threadId());
            }

            @Override
            public void afterSent(String ref, Delivery delivery, String result) {
                reindex(Long.parseLong(ref));
            }

            @Override
            public void onFailed(java.sql.Connection c, String ref, Delivery delivery, String error) throws java.sql.SQLException {
                LOG.warn("question {} could not be posted, so it is removed: {}", ref, error);
                repo.deleteQuestion(c, Long.parseLong(ref));
            }
        });
    }

    // ---------------------------------------------------------------- recording threads

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
        changed.ifPresent(this::reindex);
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
        changed.ifPresent(this::reindex);
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
        changed.ifPresent(this::reindex);
    }

    private static String clip(String text) {
        String t = text == null ? "" : text;
        return t.length() > MAX_ANSWER_TEXT ? t.substring(0, MAX_ANSWER_TEXT) : t;
    }

    // ---------------------------------------------------------------- resolving

    /** Resolves by button on the post: the asker or a mentor. */
    public Question resolve(long questionId, Caller caller) {
        Question q = db.inTransaction(c -> repo.question(c, questionId)).orElseThrow(() -> new UserError("qa.error.noQuestion", questionId));
        return resolve(q, caller, null);
    }

    /** {@code /qa resolve} typed inside a question's thread. */
    public Question resolveInThread(String threadId, Caller caller) {
        Question q = db.inTransaction(c -> repo.questionByThread(c, threadId)).orElseThrow(() -> new UserError("qa.error.notAThread"));
        return resolve(q, caller, null);
    }

    /** A mentor marks one reply in a question thread as the answer. */
    public Question endorse(String threadId, String messageId, Caller mentor) {
        Question q = db.inTransaction(c -> repo.questionByThread(c, threadId)).orElseThrow(() -> new UserError("qa.error.notAThread"));
        Answer a = db.inTransaction(c -> repo.answerByMessage(c, messageId))
                .filter(x -> x.questionId() == q.id() && x.deletedAt() == null)
                .orElseThrow(() -> new UserError("qa.error.notAnAnswer"));
        db.inTransaction(c -> {
            repo.accept(c, q.id(), a.id());
            return null;
        });
        if (q.answered()) {
            reindex(q.id());
            return db.inTransaction(c -> repo.question(c, q.id())).orElseThrow();
        }
        return resolve(q, mentor, a.id());
    }

    private Question resolve(Question q, Caller caller, Long acceptedAnswerId) {
        if (!caller.userId().equals(q.askerId()) && !caller.has(Role.MENTOR)) {
            throw new UserError("qa.error.resolveForbidden");
        }
        Instant now = clock.instant();
        boolean changed = db.inTransaction(c -> {
            if (!repo.resolve(c, q.id(), caller.userId(), now, acceptedAnswerId)) {
                return false;
            }
            Question current = repo.question(c, q.id()).orElseThrow();
            if (current.threadId() != null) {
                List<String> tags = new ArrayList<>();
                if (q.topic() != null) {
                    tags.add(q.topic());
                }
                tags.add(settings.answeredTag());
                // An anonymous asker resolving their own question stays anonymous.
                String who = q.anonymous() && caller.userId().equals(q.askerId())
                        ? Messages.get(postLocale, "qa.post.anonymous") : Texts.mention(caller.userId());
                String key = "qa:" + q.id() + ":resolved:" + now.toEpochMilli();
                outbox.enqueue(c, key + ":tags", Payload.tags(current.threadId(), tags));
                outbox.enqueue(c, key + ":note", Payload.post(current.threadId(),
                        Messages.get(postLocale, "qa.resolved.note", who), List.of()));
            }
            return true;
        });
        if (!changed) {
            throw new UserError("qa.error.alreadyResolved", q.id());
        }
        reindex(q.id());
        return db.inTransaction(c -> repo.question(c, q.id())).orElseThrow();
    }

    // ---------------------------------------------------------------- reading

    /** One result of {@link #search}: the question and its live answer count. */
    public record Found(Question question, int answers, boolean endorsed) {
    }

    public List<Found> search(String query, int limit) {
        List<Found> out = new ArrayList<>();
        for (SearchHit hit : index.search(query, limit, null)) {
            db.inTransaction(c -> {
                Optional<Question> q = repo.question(c, hit.id());
                if (q.isPresent()) {
                    List<Answer> answers = repo.answers(c, hit.id()).stream().filter(a -> a.deletedAt() == null).toList();
                    out.add(new Found(q.get(), answers.size(), answers.stream().anyMatch(Answer::endorsed)));
                }
                return null;
            });
        }
        return out;
    }

    public List<Question> unanswered() {
        return db.inTransaction(repo::openQuestions);
    }

    /** Who asked an anonymous question: organizers only, and every look-up is logged. */
    public Question whoAsked(long questionId, Caller organizer) {
        if (!organizer.has(Role.ORGANIZER)) {
            throw new UserError("error.forbidden", "/qa whoasked", Messages.get(Locale.ENGLISH, "role.organizer"));
        }
        return db.inTransaction(c -> {
            Question q = repo.question(c, questionId).orElseThrow(() -> new UserError("qa.error.noQuestion", questionId));
            repo.logAnonymityLookup(c, questionId, organizer.userId(), clock.instant());
            LOG.info("organizer {} looked up the asker of question {}", organizer.userId(), questionId);
            return q;
        });
    }

    /** Everything stats and export need, read in one transaction. */
    public QaSnapshot snapshot() {
        return readSnapshot(db);
    }

    /** Reads every question and answer without a running bot (for {@code campops export}). */
    public static QaSnapshot readSnapshot(Database db) {
        QaRepository r = new QaRepository();
        return db.inTransaction(c -> new QaSnapshot(r.allQuestions(c), r.allAnswers(c)));
    }

    public Duration digestEvery() {
        return settings.digestEvery();
    }

    public Duration followUpAfter() {
        return settings.followUpAfter();
    }

    // ---------------------------------------------------------------- follow-up digests

    /**
     * Posts at most one digest per interval to the mentors (questions with no mentor reply after
     * {@code followUpAfter}) and one to the organizers (after {@code escalateAfter}). Returns how many
     * digests were posted.
     */
    public int runDigest() {
        return runDigest(clock.instant().getEpochSecond() / settings.digestEvery().getSeconds());
    }

    /** The digests of slot {@code slotNumber} (see {@link QaDigests}); a slot posts at most once per audience. */
    public int runDigest(long slotNumber) {
        Instant now = clock.instant();
        String slot = String.valueOf(slotNumber);
        return db.inTransaction(c -> {
            int posted = 0;
            List<Question> forMentors = repo.waitingSince(c, now.minus(settings.followUpAfter()));
            if (!forMentors.isEmpty() && repo.claimDigest(c, "mentors", slot, now, forMentors.size())) {
                outbox.enqueue(c, "qa:digest:mentors:" + slot, Payload.post(channels.mentors(),
                        QaPosts.digest(forMentors, settings.followUpAfter(), this::link, postLocale), List.of()));
                posted++;
            }
            List<Question> forOrganizers = repo.waitingSince(c, now.minus(settings.escalateAfter()));
            if (!forOrganizers.isEmpty() && repo.claimDigest(c, "organizers", slot, now, forOrganizers.size())) {
                outbox.enqueue(c, "qa:digest:organizers:" + slot, Payload.post(channels.organizers(),
                        QaPosts.digest(forOrganizers, settings.escalateAfter(), this::link, postLocale), List.of()));
                posted++;
            }
            return posted;
        });
    }

    // ---------------------------------------------------------------- index

    /** Rebuilds the search index from the database (at start). */
    public int rebuildIndex() {
        QaSnapshot s = snapshot();
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

    private void reindex(long questionId) {
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
        return new IndexedQuestion(q.id(), q.title(), q.details() == null ? "" : q.details(),
                live.stream().map(Answer::text).toList(), q.topic(), q.answered(),
                live.stream().anyMatch(Answer::endorsed), q.askedAt());
    }
}
