package org.campops.calendar;

import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;

/** {@code /calendar link|reset}: a member's private calendar feed; every answer is ephemeral. */
public final class CalendarCommands {
    private final CalendarService service;

    public CalendarCommands(CalendarService service) {
        this.service = service;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "calendar",
                CommandSpec.leaf("link", Role.EVERYONE, this::link),
                CommandSpec.leaf("reset", Role.EVERYONE, this::reset));
    }

    private Reply link(Invocation inv) {
        if (!service.enabled()) {
            return Reply.ephemeral(inv.text("calendar.off"));
        }
        CalendarService.Link link = service.link(inv.caller().userId(), inv.locale());
        if (link instanceof CalendarService.Link.Created created) {
            return Reply.ephemeral(inv.text("calendar.link.new", created.url()) + "\n" + inv.text("calendar.howTo"));
        }
        CalendarService.Link.Existing existing = (CalendarService.Link.Existing) link;
        return Reply.ephemeral(inv.text(
                "calendar.link.exists",
                Texts.timestamp(existing.createdAt()),
                existing.fetchedAt() == null
                        ? inv.text("calendar.link.neverFetched")
                        : Texts.timestamp(existing.fetchedAt())));
    }

    private Reply reset(Invocation inv) {
        if (!service.enabled()) {
            return Reply.ephemeral(inv.text("calendar.off"));
        }
        String url = service.reset(inv.caller().userId(), inv.locale());
        return Reply.ephemeral(inv.text("calendar.reset.ok", url) + "\n" + inv.text("calendar.howTo"));
    }
}
