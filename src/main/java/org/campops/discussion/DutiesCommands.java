package org.campops.discussion;

import java.time.LocalDate;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;

/** /duties done (and, with the other duties, /duties and /duties board). */
public final class DutiesCommands {
    private final DiscussionService discussion;

    public DutiesCommands(DiscussionService discussion) {
        this.discussion = discussion;
    }

    public CommandSpec spec() {
        return CommandSpec.group("duties",
                CommandSpec.leaf("done", Role.MENTOR, this::done, OptionSpec.text("duty", true, 40)
                        .completedBy((inv, typed) -> java.util.List.of(new org.campops.chat.Choice(DiscussionService.WEEKLY_POST,
                                DiscussionService.WEEKLY_POST)))));
    }

    private Reply done(Invocation inv) {
        LocalDate week = discussion.markDone(inv.caller(), inv.option("duty").orElse(""));
        return Reply.ephemeral(inv.text("duties.marked", week.toString(), DiscussionService.WEEKLY_POST));
    }
}
