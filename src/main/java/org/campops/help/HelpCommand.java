package org.campops.help;

import java.util.List;
import java.util.Map;
import org.campops.chat.CommandRouter;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.Reply;
import org.campops.chat.Role;

/** /help: the commands this member may use, one line each, in their language. */
public final class HelpCommand {
    private final List<CommandSpec> others;
    private final List<org.campops.chat.MessageActionSpec> actions;
    private final String campName;

    /** Help over the bot's other commands and message actions (it lists itself first). */
    public HelpCommand(List<CommandSpec> others, List<org.campops.chat.MessageActionSpec> actions, String campName) {
        this.others = List.copyOf(others);
        this.actions = List.copyOf(actions);
        this.campName = campName;
    }

    public CommandSpec spec() {
        return CommandSpec.leaf("help", Role.EVERYONE, this::help);
    }

    private Reply help(Invocation inv) {
        StringBuilder sb = new StringBuilder(inv.text("help.header", campName));
        List<CommandSpec> all = new java.util.ArrayList<>();
        all.add(spec());
        all.addAll(others);
        List<Map.Entry<String, CommandSpec>> leaves = CommandRouter.leavesOf(all);
        for (Map.Entry<String, CommandSpec> e : leaves) {
            if (!inv.caller().has(e.getValue().requiredRole())) {
                continue;
            }
            String key = "cmd." + e.getKey().replace(' ', '.') + ".desc";
            sb.append("\n`")
                    .append(CommandRouter.usage(e.getKey(), e.getValue()))
                    .append("`\n  ")
                    .append(inv.text(key));
        }
        for (org.campops.chat.MessageActionSpec a : actions) {
            if (inv.caller().has(a.requiredRole())) {
                sb.append("\n")
                        .append(inv.text("help.action", inv.text("action." + a.key() + ".name")))
                        .append("\n  ")
                        .append(inv.text("action." + a.key() + ".desc"));
            }
        }
        sb.append("\n\n").append(inv.text("help.footer"));
        return Reply.ephemeral(sb.toString());
    }
}
