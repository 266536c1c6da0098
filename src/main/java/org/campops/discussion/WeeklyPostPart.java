package org.campops.discussion;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Messages;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.jdbi.v3.core.Handle;

/**
 * In stages that use weekly discussion posts, each mentor who has not posted on the board this week
 * is reminded on the program's days ({@code duties.weeklyPostReminders}, default Wednesday). Key
 * {@code duty:weekly-post:<week's Monday>:<day>}.
 */
public final class WeeklyPostPart extends DiscussionPart {
    public static final String NAME = "duty";

    public WeeklyPostPart(DiscussionService discussion, Outbox outbox, CampConfig config) {
        super(NAME, discussion, outbox, config);
    }

    @Override
    public List<Planned> plan(Program program) {
        List<Planned> out = new ArrayList<>();
        for (Program.Stage s : program.stages()) {
            if (s.mentoring() != Program.MentoringForm.DISCUSSION) {
                continue;
            }
            for (LocalDate week = monday(s.start()); !week.isAfter(s.end()); week = week.plusWeeks(1)) {
                for (DayOfWeek d : program.duties().weeklyPostReminders()) {
                    LocalDate day = week.with(TemporalAdjusters.nextOrSame(d));
                    if (day.isBefore(s.start()) || day.isAfter(s.end())) {
                        continue;
                    }
                    out.add(new Planned(
                            new DiscussionKey.WeeklyPost(week, d),
                            at(day, program.duties().reminderTime())));
                }
            }
        }
        return out;
    }

    @Override
    public Duration grace(Planned moment) {
        return Duration.ofHours(6);
    }

    @Override
    public void fire(Handle c, Planned moment, Instant now) throws SQLException {
        DiscussionKey.WeeklyPost key = DiscussionKey.parse(moment.key(), DiscussionKey.WeeklyPost.class);
        LocalDate week = key.week();
        Locale l = locale();
        String board = board(week);
        for (String mentor : discussion.mentors()) {
            if (!discussion.done(c, DiscussionService.WEEKLY_POST, week, mentor)) {
                outbox.enqueue(
                        c,
                        key.to(mentor),
                        Payload.dm(
                                mentor,
                                Messages.get(
                                        l,
                                        "duties.post.weeklyPost",
                                        board,
                                        java.time.ZonedDateTime.of(
                                                        week.plusDays(6),
                                                        java.time.LocalTime.of(23, 59),
                                                        config.camp().zone())
                                                .toEpochSecond())));
            }
        }
    }

    /** Where this week's posts go: the board of the competition running that week, else the first one's. */
    private String board(LocalDate week) {
        List<Program.Competition> all = config.program().competitions();
        return all.stream()
                .filter(c -> !c.end().isBefore(week) && !c.start().isAfter(week.plusDays(6)))
                .findFirst()
                .or(() -> all.stream().findFirst())
                .map(c -> "<#" + c.discussionChannel() + ">")
                .orElse(Messages.get(locale(), "duties.board.generic"));
    }
}
