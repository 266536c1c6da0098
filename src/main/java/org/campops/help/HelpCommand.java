package org.campops.help;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.campops.chat.CommandRouter;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.Reply;

/** /help: the commands this member may use, one line each, in their language. */
public final class HelpCommand {
    private final Supplier<CommandRouter> router;
    private final String campName;

    public HelpCommand(Supplier<CommandRouter> router, String campName) {
        this.router = router;
        this.campName = campName;
    }

    public CommandSpec spec() {
        return CommandSpec.leaf("help", null, this::help);
    }

    private Reply help(Invocation inv) {
        StringBuilder sb = new StringBuilder(inv.text("help.header", campName));
        List<Map.Entry<String, CommandSpec>> leaves = router.get().leaves();
        for (Map.Entry<String, CommandSpec> e : leaves) {
            if (!inv.caller().has(e.getValue().requiredRole())) {
                continue;
            }
            String key = "cmd." + e.getKey().replace(' ', '.') + ".desc";
            sb.append("\n`").append(CommandRouter.usage(e.getKey(), e.getValue())).append("`\n  ")
                    .append(inv.text(key));
        }
        for (org.campops.chat.MessageActionSpec a : router.get().actions()) {
            if (inv.caller().has(a.requiredRole())) {
                sb.append("\n").append(inv.text("help.action", inv.text("action." + a.key() + ".name")))
                        .append("\n  ").append(inv.text("action." + a.key() + ".desc"));
            }
        }
        sb.append("\n\n").append(inv.text("help.footer"));
        return Reply.ephemeral(sb.toString());
    }
}
