package org.campops.officehours;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.ButtonId;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import org.campops.qa.QaCommands;
import org.campops.qa.Question;

/** Texts of office-hour posts everyone sees, in the camp's default language. */
final class OfficeHourPosts {
    private OfficeHourPosts() {}

    static String where(OfficeHour o, Locale l) {
        if (o.voiceChannelId() != null) {
            return "<#" + o.voiceChannelId() + ">";
        }
        return o.location() != null ? Texts.defuse(o.location()) : Messages.get(l, "oh.where.tbd");
    }

    static Reply announcement(OfficeHour o, int rsvps, Locale l) {
        StringBuilder sb = new StringBuilder(Messages.get(l, "oh.post.header", Texts.defuse(o.title())));
        sb.append('\n')
                .append(Messages.get(
                        l,
                        "oh.post.when",
                        Texts.timestamp(o.startAt()),
                        Texts.relative(o.startAt()),
                        o.durationMinutes()));
        sb.append('\n').append(Messages.get(l, "oh.post.host", Texts.mention(o.hostId())));
        sb.append('\n').append(Messages.get(l, "oh.post.where", where(o, l)));
        if (o.topic() != null) {
            sb.append('\n').append(Messages.get(l, "oh.post.topic", o.topic()));
        }
        if (o.description() != null) {
            sb.append("\n\n").append(Texts.defuse(o.description()));
        }
        sb.append("\n\n").append(Messages.get(l, "oh.post.rsvps", rsvps));
        return new Reply(
                sb.toString(),
                false,
                List.of(new Reply.Button(
                        ButtonId.of(OfficeHourCommands.FEATURE, "rsvp", String.valueOf(o.id()))
                                .encode(),
                        Messages.get(l, "oh.button.rsvp", rsvps),
                        Reply.Button.Style.PRIMARY)));
    }

    static Reply cancelledAnnouncement(OfficeHour o, Locale l) {
        return new Reply(
                Messages.get(l, "oh.post.cancelled", Texts.defuse(o.title()), Texts.timestamp(o.startAt())),
                false,
                List.of());
    }

    static String reminder(OfficeHour o, Duration before, Locale l) {
        return Messages.get(
                l,
                "oh.remind",
                Texts.defuse(o.title()),
                Texts.relative(o.startAt()),
                Texts.timestamp(o.startAt()),
                where(o, l));
    }

    static String starting(OfficeHour o, Locale l) {
        return Messages.get(l, "oh.start", Texts.defuse(o.title()), where(o, l), Texts.mention(o.hostId()));
    }

    static Reply agenda(
            OfficeHour o, List<Question> questions, java.util.function.Function<String, String> link, Locale l) {
        if (questions.isEmpty()) {
            return new Reply(Messages.get(l, "oh.agenda.empty", o.topic()), false, List.of());
        }
        StringBuilder sb = new StringBuilder(Messages.get(l, "oh.agenda.header", o.topic(), questions.size()));
        List<Reply.Button> buttons = new ArrayList<>();
        for (Question q : questions) {
            sb.append('\n')
                    .append(Messages.get(
                            l, "oh.agenda.item", q.id(), Texts.defuse(q.title()), link.apply(q.threadId())));
            // Discord allows 25 buttons a message; the host resolves the rest from the questions' threads.
            if (buttons.size() < 25) {
                buttons.add(new Reply.Button(
                        QaCommands.resolveButton(q.id()),
                        Messages.get(l, "oh.agenda.resolve", q.id()),
                        Reply.Button.Style.SECONDARY));
            }
        }
        sb.append('\n').append(Messages.get(l, "oh.agenda.footer"));
        return new Reply(sb.toString(), false, buttons);
    }

    static String cancelledDm(OfficeHour o, Locale l) {
        return Messages.get(l, "oh.dm.cancelled", Texts.defuse(o.title()), Texts.timestamp(o.startAt()));
    }

    static String movedDm(OfficeHour o, java.time.Instant from, Locale l) {
        return Messages.get(
                l, "oh.dm.moved", Texts.defuse(o.title()), Texts.timestamp(from), Texts.timestamp(o.startAt()));
    }
}
