package org.campops.discussion;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Messages;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The week's discussion prompt: during each competition, at the program's weekly day and time, a
 * thread (or forum post) in the competition's discussion channel with the next queued prompt or the
 * bank's next one. Key {@code prompt:<competition>:<date>}; a missed one is posted late within
 * {@code prompts.grace}, otherwise skipped.
 */
public final class PromptPart extends DiscussionPart {
    private static final Logger LOG = LoggerFactory.getLogger(PromptPart.class);
    public static final String NAME = "prompt";

    public PromptPart(DiscussionService discussion, Outbox outbox, CampConfig config) {
        super(NAME, discussion, outbox, config);
    }

    @Override
    public List<Planned> plan(Program program) {
        List<Planned> out = new ArrayList<>();
        Program.Prompts p = program.prompts();
        for (Program.Competition c : program.competitions()) {
            for (LocalDate d = c.start().with(TemporalAdjusters.nextOrSame(p.day()));
                    !d.isAfter(c.end());
                    d = d.plusWeeks(1)) {
                out.add(new Planned(new DiscussionKey.Prompt(c.id(), d), at(d, p.time())));
            }
        }
        return out;
    }

    @Override
    public Duration grace(Planned moment) {
        return config.program().prompts().grace();
    }

    @Override
    public void fire(Handle c, Planned moment, Instant now) throws SQLException {
        DiscussionKey.Prompt key = DiscussionKey.parse(moment.key(), DiscussionKey.Prompt.class);
        String competitionId = key.competitionId();
        LocalDate day = key.day();
        Program.Competition comp = config.program().competition(competitionId).orElse(null);
        if (comp == null) {
            return;
        }
        Locale l = locale();
        var text = discussion.take(c, moment.key(), now);
        if (text.isEmpty()) {
            LOG.warn("no discussion prompt left for {} (bank used up, queue empty); organizers are told", moment.key());
            outbox.enqueue(
                    c,
                    key.none(),
                    Payload.post(
                            config.discord().channels().organizers(),
                            Messages.get(l, "prompt.post.none", comp.name()),
                            List.of()));
            return;
        }
        long week = ChronoUnit.WEEKS.between(monday(comp.start()), monday(day)) + 1;
        String title = Messages.get(l, "prompt.post.title", comp.name(), week);
        // A queued prompt is a mentor's text: defused like every member text the bot reposts.
        String body = Messages.get(l, "prompt.post.body", comp.name(), week, Texts.defuse(text.get()));
        outbox.enqueue(
                c, key.thread(), Payload.thread(comp.discussionChannel(), title, Reply.visible(body), List.of()));
    }
}
