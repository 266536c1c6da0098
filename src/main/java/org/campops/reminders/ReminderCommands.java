package org.campops.reminders;

import java.time.Clock;
import java.util.List;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.time.WhenParser;
import org.campops.time.WhenResult;

/** /remind set|list|cancel: thin handlers over {@link ReminderService}. */
public final class ReminderCommands {
    private final ReminderService service;
    private final WhenParser when;
    private final Clock clock;

    public ReminderCommands(ReminderService service, WhenParser when, Clock clock) {
        this.service = service;
        this.when = when;
        this.clock = clock;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "remind",
                CommandSpec.leaf(
                        "set",
                        Role.EVERYONE,
                        this::set,
                        OptionSpec.text("when", true, 100),
                        OptionSpec.text("text", true, ReminderService.MAX_TEXT),
                        OptionSpec.channel("channel", false)),
                CommandSpec.leaf("list", Role.EVERYONE, this::list),
                CommandSpec.leaf("cancel", Role.EVERYONE, this::cancel, OptionSpec.integer("id", true)));
    }

    private Reply set(Invocation inv) {
        String channel = inv.option("channel").orElse(null);
        if (channel != null && !inv.caller().has(Role.MENTOR)) {
            return Reply.ephemeral(inv.text("remind.error.channelForbidden"));
        }
        if (channel != null) {
            service.checkChannel(inv.caller().userId(), channel);
        }
        WhenResult parsed = when.parse(inv.option("when").orElse(""), clock.instant());
        if (parsed instanceof WhenResult.Err err) {
            throw new UserError("when.error." + err.problem().name(), Texts.defuse(err.input()));
        }
        WhenResult.Ok ok = (WhenResult.Ok) parsed;
        Reminder r = service.create(
                inv.caller().userId(),
                channel,
                inv.option("text").orElse(""),
                ok.at().toInstant(),
                inv.locale());
        String where = r.toChannel()
                ? inv.text("remind.where.channel", "<#" + r.channelId() + ">")
                : inv.text("remind.where.dm");
        return Reply.ephemeral(
                inv.text("remind.set.ok", r.id(), Texts.timestamp(r.dueAt()), Texts.relative(r.dueAt()), where));
    }

    private Reply list(Invocation inv) {
        List<Reminder> pending = service.pending(inv.caller().userId());
        if (pending.isEmpty()) {
            return Reply.ephemeral(inv.text("remind.list.empty"));
        }
        StringBuilder sb = new StringBuilder(inv.text("remind.list.header", pending.size()));
        for (Reminder r : pending) {
            String where = r.toChannel() ? "<#" + r.channelId() + ">" : "DM";
            String text = Texts.clip(r.text(), 80);
            sb.append('\n')
                    .append(inv.text(
                            "remind.list.item",
                            r.id(),
                            Texts.timestamp(r.dueAt()),
                            where,
                            Texts.defuse(text.replace('\n', ' '))));
        }
        return Reply.ephemeral(sb.toString());
    }

    private Reply cancel(Invocation inv) {
        long id = Long.parseLong(inv.option("id").orElseThrow());
        Reminder r = service.cancel(inv.caller().userId(), inv.caller().has(Role.ORGANIZER), id);
        return Reply.ephemeral(inv.text("remind.cancel.ok", r.id()));
    }
}
