package org.campops.qa;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.campops.chat.ButtonId;
import org.campops.chat.Choice;
import org.campops.chat.CommandSpec;
import org.campops.chat.ComponentEvent;
import org.campops.chat.Invocation;
import org.campops.chat.MessageActionSpec;
import org.campops.chat.Messages;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;

/** /ask, /qa ..., the "Mark as answer" action and the Q&A buttons: thin handlers over {@link QaService}. */
public final class QaCommands {
    public static final String FEATURE = "qa";
    static final int PAGE = 10;
    private static final int MAX_PAGE = 50;

    private final QaService service;

    public QaCommands(QaService service) {
        this.service = service;
    }

    /** The id of the button that resolves question {@code questionId}: on its post and on office-hour agendas. */
    public static String resolveButton(long questionId) {
        return ButtonId.of(FEATURE, "resolve", String.valueOf(questionId)).encode();
    }

    public CommandSpec askSpec() {
        return CommandSpec.leaf(
                "ask",
                Role.EVERYONE,
                this::ask,
                OptionSpec.text("title", false, QaService.MAX_TITLE),
                OptionSpec.text("details", false, QaService.MAX_DETAILS),
                OptionSpec.text("topic", false, 100).completedBy(this::topics),
                OptionSpec.bool("anonymous", false));
    }

    public CommandSpec qaSpec() {
        return CommandSpec.group(
                "qa",
                CommandSpec.leaf(
                        "search",
                        Role.EVERYONE,
                        this::search,
                        OptionSpec.text("query", true, 200),
                        OptionSpec.integer("page", false)),
                CommandSpec.leaf("unanswered", Role.MENTOR, this::unanswered, OptionSpec.integer("page", false)),
                CommandSpec.leaf("resolve", Role.EVERYONE, this::resolve),
                CommandSpec.leaf("stats", Role.ORGANIZER, this::stats),
                CommandSpec.leaf("whoasked", Role.ORGANIZER, this::whoAsked, OptionSpec.integer("id", true)));
    }

    public MessageActionSpec markAnswerAction() {
        return new MessageActionSpec("markAnswer", "Mark as answer", Role.MENTOR, this::markAnswer);
    }

    // ------------------------------------------------------------ /ask

    private List<Choice> topics(Invocation partial, String typed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        return service.topics().stream()
                .filter(x -> x.toLowerCase(Locale.ROOT).contains(t))
                .map(x -> new Choice(x, x))
                .toList();
    }

    private Reply ask(Invocation inv) {
        boolean anonymous = inv.option("anonymous").map(Boolean::parseBoolean).orElse(false);
        String topic = inv.option("topic").orElse(null);
        if (inv.option("title").isEmpty()) {
            // Validate what was given before opening the form, so the member does not type in vain.
            if (topic != null && service.topics().stream().noneMatch(t -> t.equalsIgnoreCase(topic))) {
                throw new UserError("qa.error.unknownTopic", topic, String.join(", ", service.topics()));
            }
            if (anonymous && !service.anonymousAllowed()) {
                throw new UserError("qa.error.noAnonymous");
            }
            int topicIndex = topic == null ? -1 : indexOfTopic(topic);
            String id = ButtonId.of(FEATURE, "ask", String.valueOf(topicIndex), anonymous ? "1" : "0")
                    .encode();
            return Reply.modal(new Reply.Modal(
                    id,
                    inv.text("qa.modal.title"),
                    List.of(
                            new Reply.Field(
                                    "title", inv.text("qa.modal.field.title"), false, true, QaService.MAX_TITLE),
                            new Reply.Field(
                                    "details",
                                    inv.text("qa.modal.field.details"),
                                    true,
                                    false,
                                    QaService.MAX_DETAILS))));
        }
        return outcome(
                service.ask(new QaService.AskRequest(
                        inv.caller(),
                        anonymous,
                        topic,
                        inv.option("title").orElse(""),
                        inv.option("details").orElse(null),
                        inv.locale())),
                inv.locale());
    }

    private int indexOfTopic(String topic) {
        List<String> all = service.topics();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).equalsIgnoreCase(topic)) {
                return i;
            }
        }
        return -1;
    }

    private Reply outcome(QaService.AskOutcome outcome, Locale l) {
        if (outcome instanceof QaService.AskOutcome.Posted posted) {
            return Reply.ephemeral(postedText(l, posted));
        }
        QaService.AskOutcome.Similar similar = (QaService.AskOutcome.Similar) outcome;
        StringBuilder sb = new StringBuilder(Messages.get(l, "qa.ask.similar"));
        int n = 1;
        for (Question q : similar.similar()) {
            sb.append('\n')
                    .append(Messages.get(
                            l,
                            "qa.ask.similarItem",
                            n++,
                            status(q),
                            Texts.defuse(q.title()),
                            service.link(q.threadId())));
        }
        String draft = String.valueOf(similar.draftId());
        return new Reply(
                sb.toString(),
                true,
                List.of(
                        new Reply.Button(
                                ButtonId.of(FEATURE, "dupok", draft).encode(),
                                Messages.get(l, "qa.button.answeredThere"),
                                Reply.Button.Style.SUCCESS),
                        new Reply.Button(
                                ButtonId.of(FEATURE, "duppost", draft).encode(),
                                Messages.get(l, "qa.button.postAnyway"),
                                Reply.Button.Style.SECONDARY)));
    }

    /** Posted with its link, or saved and on its way (Discord is slow or down: the outbox keeps trying). */
    private static String postedText(Locale l, QaService.AskOutcome.Posted posted) {
        return posted.link() != null
                ? Messages.get(l, "qa.ask.posted", posted.question().id(), posted.link())
                : Messages.get(
                        l,
                        "qa.ask.queued",
                        posted.question().id(),
                        "<#" + posted.question().channelId() + ">");
    }

    private static String status(Question q) {
        return q.answered() ? "✅" : "⏳";
    }

    /** Buttons and the /ask form; a malformed id throws {@link ButtonId.Invalid}, which the router refuses. */
    public Reply onComponent(ComponentEvent e) {
        ButtonId id = Objects.requireNonNull(e.id(), "the router passes on events with an id");
        switch (id.action()) {
            case "ask" -> {
                id.expectArgs(2);
                long topicIndex = id.number(0);
                boolean anonymous = id.flag(1);
                String topic = topicIndex < 0 || topicIndex >= service.topics().size()
                        ? null
                        : service.topics().get((int) topicIndex);
                return outcome(
                        service.ask(new QaService.AskRequest(
                                e.caller(),
                                anonymous,
                                topic,
                                e.fields().getOrDefault("title", ""),
                                e.fields().get("details"),
                                e.locale())),
                        e.locale());
            }
            case "resolve" -> {
                Question q = service.resolve(id.expectArgs(1).number(0), e.caller());
                return Reply.ephemeral(e.text("qa.resolve.ok", q.id()));
            }
            case "dupok" -> {
                service.dropDraft(id.expectArgs(1).number(0), e.caller().userId());
                return Reply.edit(e.text("qa.ask.notPosted"), List.of());
            }
            case "duppost" -> {
                QaService.AskOutcome.Posted posted =
                        service.postDraft(id.expectArgs(1).number(0), e.caller().userId());
                return Reply.edit(postedText(e.locale(), posted), List.of());
            }
            default -> throw id.unknownAction();
        }
    }

    // ------------------------------------------------------------ /qa ...

    private Reply search(Invocation inv) {
        int page = page(inv);
        String query = inv.option("query").orElse("");
        List<QaService.Found> found = service.search(query, page * PAGE + 1);
        List<QaService.Found> shown =
                found.stream().skip((long) (page - 1) * PAGE).limit(PAGE).toList();
        if (shown.isEmpty()) {
            return Reply.ephemeral(inv.text(page == 1 ? "qa.search.none" : "qa.search.noMore", Texts.defuse(query)));
        }
        StringBuilder sb = new StringBuilder(inv.text("qa.search.header", Texts.defuse(query), page));
        int n = (page - 1) * PAGE + 1;
        for (QaService.Found f : shown) {
            Question q = f.question();
            sb.append('\n')
                    .append(inv.text(
                            "qa.search.item",
                            n++,
                            f.endorsed() ? "🏅" : status(q),
                            Texts.defuse(q.title()),
                            q.topic() == null ? "-" : q.topic(),
                            f.answers(),
                            service.link(q.threadId())));
        }
        if (found.size() > page * PAGE) {
            sb.append('\n')
                    .append(inv.text("qa.search.next", Texts.defuse(query).replace("\"", "'"), page + 1));
        }
        return Reply.ephemeral(sb.toString());
    }

    private Reply unanswered(Invocation inv) {
        int page = page(inv);
        List<Question> open = service.unanswered();
        List<Question> shown =
                open.stream().skip((long) (page - 1) * PAGE).limit(PAGE).toList();
        if (shown.isEmpty()) {
            return Reply.ephemeral(inv.text(page == 1 ? "qa.unanswered.none" : "qa.unanswered.noMore"));
        }
        StringBuilder sb =
                new StringBuilder(inv.text("qa.unanswered.header", open.size(), page, (open.size() + PAGE - 1) / PAGE));
        for (Question q : shown) {
            sb.append('\n')
                    .append(inv.text(
                            "qa.unanswered.item",
                            q.id(),
                            Texts.defuse(q.title()),
                            q.topic() == null ? "-" : q.topic(),
                            Texts.relative(q.askedAt()),
                            q.firstMentorReplyAt() == null ? "🔴" : "🟡",
                            service.link(q.threadId())));
        }
        if (open.size() > page * PAGE) {
            sb.append('\n').append(inv.text("qa.unanswered.next", page + 1));
        }
        return Reply.ephemeral(sb.toString());
    }

    private Reply resolve(Invocation inv) {
        Question q = service.resolveInThread(inv.channelId(), inv.caller());
        return Reply.ephemeral(inv.text("qa.resolve.ok", q.id()));
    }

    private Reply markAnswer(Invocation inv) {
        Question q = service.endorse(inv.channelId(), inv.option("message_id").orElse(""), inv.caller());
        return Reply.ephemeral(inv.text("qa.endorse.ok", q.id()));
    }

    private Reply whoAsked(Invocation inv) {
        Question q = service.whoAsked(Long.parseLong(inv.option("id").orElseThrow()), inv.caller());
        return Reply.ephemeral(inv.text(
                "qa.whoasked",
                q.id(),
                Texts.mention(q.askerId()),
                q.askerName(),
                q.anonymous() ? inv.text("qa.whoasked.anonymous") : ""));
    }

    private Reply stats(Invocation inv) {
        return QaStatsReply.of(inv, service.asked(), service.followUpAfter());
    }

    private static int page(Invocation inv) {
        long page = inv.option("page").map(Long::parseLong).orElse(1L);
        if (page < 1 || page > MAX_PAGE) {
            throw new UserError("qa.error.page", MAX_PAGE);
        }
        return (int) page;
    }
}
