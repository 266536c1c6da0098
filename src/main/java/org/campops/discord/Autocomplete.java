package org.campops.discord;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.campops.chat.CommandRouter;
import org.campops.chat.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Suggestions for the option being typed, on their own thread: they must not wait behind slow commands. */
final class Autocomplete {
    private static final Logger LOG = LoggerFactory.getLogger(Autocomplete.class);
    /** Discord's limit on a choice's name and value. */
    private static final int MAX_CHOICE = 100;

    private final CommandRouter router;
    private final EventReader reader;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "campops-autocomplete");
        t.setDaemon(true);
        return t;
    });

    Autocomplete(CommandRouter router, EventReader reader) {
        this.router = router;
        this.reader = reader;
    }

    void suggest(CommandAutoCompleteInteractionEvent event) {
        Invocation partial = reader.command(event);
        AutoCompleteQuery focused = event.getFocusedOption();
        // Its own thread: suggestions must not wait behind slow commands (Discord drops them after 3 s).
        try {
            thread.execute(() -> {
                List<Command.Choice> choices = router.complete(partial, focused.getName(), focused.getValue()).stream()
                        .map(c -> new Command.Choice(clip(c.label(), MAX_CHOICE), clip(c.value(), MAX_CHOICE)))
                        .toList();
                event.replyChoices(choices)
                        .queue(null, err -> LOG.debug("autocomplete reply failed: {}", err.getMessage()));
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("autocomplete request arrived while stopping; not answered");
        }
    }

    /** Stops the thread (suggestions are worthless once Discord is disconnected). */
    void close() {
        thread.shutdownNow();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
