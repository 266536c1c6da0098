package org.campops.discussion;

import java.util.List;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.config.Program;

/** /prompt submit|list|drop: the queue of weekly discussion prompts. */
public final class PromptCommands {
    private final DiscussionService service;

    public PromptCommands(DiscussionService service) {
        this.service = service;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "prompt",
                CommandSpec.leaf(
                        "submit",
                        Role.MENTOR,
                        this::submit,
                        OptionSpec.text("text", true, DiscussionService.MAX_PROMPT)),
                CommandSpec.leaf("list", Role.MENTOR, this::list),
                CommandSpec.leaf("drop", Role.ORGANIZER, this::drop, OptionSpec.integer("id", true)));
    }

    private Reply submit(Invocation inv) {
        DiscussionService.QueuedPrompt p =
                service.submit(inv.caller(), inv.option("text").orElse(""));
        int position = service.queue().stream()
                        .map(DiscussionService.QueuedPrompt::id)
                        .toList()
                        .indexOf(p.id())
                + 1;
        return Reply.ephemeral(inv.text("prompt.submitted", p.id(), position));
    }

    private Reply list(Invocation inv) {
        List<DiscussionService.QueuedPrompt> queue = service.queue();
        List<Program.Prompt> bank = service.unusedBank();
        StringBuilder sb = new StringBuilder(inv.text("prompt.list.header", queue.size(), bank.size()));
        for (DiscussionService.QueuedPrompt q : queue) {
            sb.append('\n')
                    .append(inv.text(
                            "prompt.list.queued",
                            q.id(),
                            Texts.mention(q.submittedBy()),
                            Texts.clip(Texts.defuse(q.text()).replace('\n', ' '), 150)));
        }
        for (Program.Prompt p : bank.subList(0, Math.min(3, bank.size()))) {
            sb.append('\n')
                    .append(inv.text("prompt.list.bank", Texts.clip(p.text().replace('\n', ' '), 150)));
        }
        return Reply.ephemeral(Texts.clip(sb.toString(), Texts.MAX_MESSAGE));
    }

    private Reply drop(Invocation inv) {
        DiscussionService.QueuedPrompt p =
                service.drop(inv.caller(), Long.parseLong(inv.option("id").orElseThrow()));
        return Reply.ephemeral(inv.text("prompt.dropped", p.id()));
    }
}
