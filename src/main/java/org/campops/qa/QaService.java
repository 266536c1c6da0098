package org.campops.qa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.chat.Caller;
import org.campops.chat.MessageListener;
import org.campops.chat.Messages;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.qa.search.QuestionIndex;
import org.campops.qa.search.SearchHit;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campers' questions, the entry the commands use: asking ({@link QaAsking}), recording their threads ({@link
 * QaThreads}), resolving, searching, digests. The database is the truth; the search index follows it ({@link QaIndexing}).
 */
public final class QaService {
    private static final Logger LOG = LoggerFactory.getLogger(QaService.class);
    public static final int MAX_TITLE = 150;
    /** Keeps the starter post (title, details, footer) under Discord's 2,000 characters. */
    public static final int MAX_DETAILS = 1500;

    public static final int MAX_ANSWER_TEXT = 4000;
    public static final int SIMILAR_SHOWN = 3;
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
        this.indexing = new QaIndexing(db, index);
        this.asking = new QaAsking(db, index, indexing, outbox, clock, config, this::link);
        this.threads = new QaThreads(db, indexing, clock);
    }

    private final QaIndexing indexing;
    private final QaAsking asking;
    private final QaThreads threads;

    /** What a member asked for; validated by {@link #ask}. */
    public record AskRequest(
            Caller asker,
            boolean anonymous,
            @Nullable String topic,
            String title,
            @Nullable String details,
            Locale locale) {}

    /** The result of asking: posted, or held back because similar questions exist. */
    public sealed interface AskOutcome {
        /** The question is posted; {@code link} opens its thread. */
        record Posted(Question question, @Nullable String link) implements AskOutcome {}

        /** Earlier questions look alike; the draft waits for the asker's choice. */
        record Similar(long draftId, List<Question> similar) implements AskOutcome {}
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

    // ---------------------------------------------------------------- asking (see QaAsking)

    public AskOutcome ask(AskRequest req) {
        return asking.ask(req);
    }

    /** "Post anyway": posts a held-back draft of this asker. */
    public AskOutcome.Posted postDraft(long draftId, String askerId) {
        return asking.postDraft(draftId, askerId);
    }

    /** "My question is answered there": drops the draft. */
    public void dropDraft(long draftId, String askerId) {
        asking.dropDraft(draftId, askerId);
    }

    /** Records question threads (register with the router as a message listener). */
    public MessageListener threads() {
        return threads;
    }

    // ---------------------------------------------------------------- resolving

    /**
     * Resolves by button on the post: the asker or a mentor. An unknown question gets the one refusal of a forged button
     * ({@link org.campops.chat.ButtonId.Invalid}); a known one is public in the forum, so others are told who may.
     */
    public Question resolve(long questionId, Caller caller) {
        Question q = db.inTransaction(c -> repo.question(c, questionId))
                .orElseThrow(() -> new org.campops.chat.ButtonId.Invalid("no question " + questionId));
        return resolve(q, caller, null);
    }

    /** {@code /qa resolve} typed inside a question's thread. */
    public Question resolveInThread(String threadId, Caller caller) {
        Question q = db.inTransaction(c -> repo.questionByThread(c, threadId))
                .orElseThrow(() -> new UserError("qa.error.notAThread"));
        return resolve(q, caller, null);
    }

    /** A mentor marks one reply in a question thread as the answer. */
    public Question endorse(String threadId, String messageId, Caller mentor) {
        Question q = db.inTransaction(c -> repo.questionByThread(c, threadId))
                .orElseThrow(() -> new UserError("qa.error.notAThread"));
        Answer a = db.inTransaction(c -> repo.answerByMessage(c, messageId))
                .filter(x -> x.questionId() == q.id() && x.deletedAt() == null)
                .orElseThrow(() -> new UserError("qa.error.notAnAnswer"));
        db.inTransaction(c -> {
            repo.accept(c, q.id(), a.id());
            return null;
        });
        if (q.answered()) {
            indexing.reindex(q.id());
            return db.inTransaction(c -> repo.question(c, q.id())).orElseThrow();
        }
        return resolve(q, mentor, a.id());
    }

    private Question resolve(Question q, Caller caller, @Nullable Long acceptedAnswerId) {
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
                        ? Messages.get(postLocale, "qa.post.anonymous")
                        : Texts.mention(caller.userId());
                outbox.enqueue(c, QaKey.Resolved.tags(q.id(), now), Payload.tags(current.threadId(), tags));
                outbox.enqueue(
                        c,
                        QaKey.Resolved.note(q.id(), now),
                        Payload.post(current.threadId(), Messages.get(postLocale, "qa.resolved.note", who), List.of()));
            }
            return true;
        });
        if (!changed) {
            throw new UserError("qa.error.alreadyResolved", q.id());
        }
        indexing.reindex(q.id());
        return db.inTransaction(c -> repo.question(c, q.id())).orElseThrow();
    }

    // ---------------------------------------------------------------- reading

    /** One result of {@link #search}: the question and its live answer count. */
    public record Found(Question question, int answers, boolean endorsed) {}

    public List<Found> search(String query, int limit) {
        List<Found> out = new ArrayList<>();
        indexing.awaitReady();
        for (SearchHit hit : index.search(query, limit, null)) {
            db.inTransaction(c -> {
                Optional<Question> q = repo.question(c, hit.id());
                if (q.isPresent()) {
                    List<Answer> answers = repo.answers(c, hit.id()).stream()
                            .filter(a -> a.deletedAt() == null)
                            .toList();
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
            Question q =
                    repo.question(c, questionId).orElseThrow(() -> new UserError("qa.error.noQuestion", questionId));
            repo.logAnonymityLookup(c, questionId, organizer.userId(), clock.instant());
            LOG.info("organizer {} looked up the asker of question {}", organizer.userId(), questionId);
            return q;
        });
    }

    /** What {@code /qa stats} counts of each posted question: no text, no answers (light at 100,000 questions). */
    public List<QaStats.Asked> asked() {
        return db.inTransaction(repo::asked);
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
        return runDigest(
                clock.instant().getEpochSecond() / settings.digestEvery().getSeconds());
    }

    /** The digests of slot {@code slotNumber} (see {@link QaDigests}); a slot posts at most once per audience. */
    public int runDigest(long slotNumber) {
        Instant now = clock.instant();
        String slot = String.valueOf(slotNumber);
        return db.inTransaction(c -> {
            int posted = 0;
            List<Question> forMentors = repo.waitingSince(c, now.minus(settings.followUpAfter()));
            if (!forMentors.isEmpty() && repo.claimDigest(c, "mentors", slot, now, forMentors.size())) {
                outbox.enqueue(
                        c,
                        QaKey.Digest.mentors(slotNumber),
                        Payload.post(
                                channels.mentors(),
                                QaPosts.digest(forMentors, settings.followUpAfter(), this::link, postLocale),
                                List.of()));
                posted++;
            }
            List<Question> forOrganizers = repo.waitingSince(c, now.minus(settings.escalateAfter()));
            if (!forOrganizers.isEmpty() && repo.claimDigest(c, "organizers", slot, now, forOrganizers.size())) {
                outbox.enqueue(
                        c,
                        QaKey.Digest.organizers(slotNumber),
                        Payload.post(
                                channels.organizers(),
                                QaPosts.digest(forOrganizers, settings.escalateAfter(), this::link, postLocale),
                                List.of()));
                posted++;
            }
            return posted;
        });
    }

    /** Brings the search index up to date from the database on taking the gateway over; how many it re-indexed. */
    public int catchUpIndex() {
        return indexing.catchUpAfterOthers();
    }

    /** Waits until the search index is up to date after the start (it catches up while the gateway connects). */
    public void awaitIndexReady() {
        indexing.awaitReady();
    }

    QaIndexing indexing() {
        return indexing;
    }
}
