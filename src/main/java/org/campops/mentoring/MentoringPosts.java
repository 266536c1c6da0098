package org.campops.mentoring;

import java.util.List;
import java.util.Locale;
import org.campops.chat.ButtonId;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import org.campops.teams.Team;
import org.jspecify.annotations.Nullable;

/**
 * The posts of weekly mentoring, in the camp's language. Only these carry the meeting link, and
 * they go only to the team's private channel or the mentor's DMs.
 */
final class MentoringPosts {
    static final String FEATURE = "mt";
    private final Locale locale;

    MentoringPosts(Locale locale) {
        this.locale = locale;
    }

    private String text(String key, @Nullable Object... args) {
        return Messages.get(locale, key, args);
    }

    private String topic(Session s) {
        return s.topic() == null ? text("mentoring.noTopic") : Texts.defuse(s.topic());
    }

    String seriesSet(Team t, Series s, java.time.Instant first, int count) {
        return text(
                "mentoring.post.set",
                Texts.defuse(t.name()),
                dayName(s.day(), locale),
                s.time().toString(),
                s.durationMinutes(),
                Texts.timestamp(first),
                count,
                s.link());
    }

    String skipped(Team t, Session s) {
        return text("mentoring.post.skipped", Texts.defuse(t.name()), Texts.timestamp(s.startAt()));
    }

    String moved(Team t, Session before, Session after) {
        return text(
                "mentoring.post.moved",
                Texts.defuse(t.name()),
                Texts.timestamp(before.startAt()),
                Texts.timestamp(after.startAt()));
    }

    String mentorReminder(Team t, Session s, Series series) {
        return text(
                "mentoring.post.mentor",
                Texts.defuse(t.name()),
                Texts.timestamp(s.startAt()),
                Texts.relative(s.startAt()),
                topic(s),
                series.link(),
                t.members().size());
    }

    String teamReminder(Team t, Session s, Series series) {
        StringBuilder who = new StringBuilder();
        for (String m : t.members()) {
            who.append(Texts.mention(m)).append(' ');
        }
        return text(
                "mentoring.post.team",
                Texts.defuse(t.name()),
                Texts.timestamp(s.startAt()),
                Texts.relative(s.startAt()),
                topic(s),
                series.link(),
                Texts.mention(t.mentorId()),
                who.toString().strip());
    }

    Reply afterSession(Team t, Session s) {
        String id = String.valueOf(s.id());
        return new Reply(
                text("mentoring.post.after", Texts.defuse(t.name()), Texts.timestamp(s.startAt())),
                false,
                List.of(
                        new Reply.Button(
                                ButtonId.of(FEATURE, "att", id, "1").encode(),
                                text("mentoring.button.attended"),
                                Reply.Button.Style.SUCCESS),
                        new Reply.Button(
                                ButtonId.of(FEATURE, "att", id, "0").encode(),
                                text("mentoring.button.absent"),
                                Reply.Button.Style.SECONDARY),
                        new Reply.Button(
                                ButtonId.of(FEATURE, "fb", id).encode(),
                                text("mentoring.button.feedback"),
                                Reply.Button.Style.PRIMARY),
                        new Reply.Button(
                                ButtonId.of(FEATURE, "note", id).encode(),
                                text("mentoring.button.note"),
                                Reply.Button.Style.SECONDARY)));
    }

    String mentorAfter(Team t, Session s) {
        return text(
                "mentoring.post.mentorAfter",
                Texts.defuse(t.name()),
                Texts.timestamp(s.startAt()),
                t.channelId() == null ? "-" : "<#" + t.channelId() + ">");
    }

    static String dayName(java.time.DayOfWeek d, Locale l) {
        return d.getDisplayName(java.time.format.TextStyle.FULL, l);
    }
}
