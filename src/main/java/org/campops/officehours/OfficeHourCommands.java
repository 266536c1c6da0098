package org.campops.officehours;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.campops.chat.ButtonId;
import org.campops.chat.Choice;
import org.campops.chat.CommandSpec;
import org.campops.chat.ComponentEvent;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.time.WhenParser;
import org.campops.time.WhenResult;

/** /officehours schedule|list|cancel|reschedule|calendar and the RSVP and conflict buttons. */
public final class OfficeHourCommands {
    public static final String FEATURE = "oh";
    private static final int DEFAULT_DURATION = 60;

    private final OfficeHourService service;
    private final WhenParser when;
    private final Clock clock;

    public OfficeHourCommands(OfficeHourService service, WhenParser when, Clock clock) {
        this.service = service;
        this.when = when;
        this.clock = clock;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "officehours",
                CommandSpec.leaf(
                        "schedule",
                        Role.MENTOR,
                        this::schedule,
                        OptionSpec.text("title", true, OfficeHourService.MAX_TITLE),
                        OptionSpec.text("start", true, 100),
                        OptionSpec.integer("duration", false),
                        OptionSpec.user("host", false),
                        OptionSpec.text("where", false, 500),
                        OptionSpec.text("topic", false, 100).completedBy(this::topics),
                        OptionSpec.text("description", false, OfficeHourService.MAX_DESCRIPTION)),
                CommandSpec.leaf("list", Role.EVERYONE, this::list),
                // Hosts need no camp role (a guest lecturer); the service allows only the host and organizers.
                CommandSpec.leaf("cancel", Role.EVERYONE, this::cancel, OptionSpec.integer("id", true)),
                CommandSpec.leaf(
                        "reschedule",
                        Role.EVERYONE,
                        this::reschedule,
                        OptionSpec.integer("id", true),
                        OptionSpec.text("start", true, 100)),
                CommandSpec.leaf("calendar", Role.EVERYONE, this::calendar));
    }

    private List<Choice> topics(Invocation partial, String typed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        return service.topics().stream()
                .filter(x -> x.toLowerCase(Locale.ROOT).contains(t))
                .map(x -> new Choice(x, x))
                .toList();
    }

    private Instant parseStart(Invocation inv) {
        WhenResult parsed = when.parse(inv.option("start").orElse(""), clock.instant());
        if (parsed instanceof WhenResult.Err err) {
            throw new UserError("when.error." + err.problem().name(), Texts.defuse(err.input()));
        }
        return ((WhenResult.Ok) parsed).at().toInstant();
    }

    private Reply schedule(Invocation inv) {
        long asked = inv.option("duration").map(Long::parseLong).orElse((long) DEFAULT_DURATION);
        int duration = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, asked));
        OfficeHourService.Outcome outcome = service.schedule(new OfficeHourService.Request(
                inv.caller(),
                inv.option("title").orElse(""),
                parseStart(inv),
                duration,
                inv.option("host").orElse(null),
                inv.option("where").orElse(null),
                inv.option("topic").orElse(null),
                inv.option("description").orElse(null)));
        if (outcome instanceof OfficeHourService.Outcome.Scheduled s) {
            return Reply.ephemeral(scheduledText(inv.locale(), s.officeHour()));
        }
        OfficeHourService.Outcome.Conflict conflict = (OfficeHourService.Outcome.Conflict) outcome;
        StringBuilder sb = new StringBuilder(inv.text("oh.conflict"));
        for (OfficeHour o : conflict.clashes()) {
            sb.append('\n')
                    .append(inv.text(
                            "oh.conflict.item",
                            o.id(),
                            Texts.defuse(o.title()),
                            Texts.timestamp(o.startAt()),
                            o.durationMinutes()));
        }
        String id = String.valueOf(conflict.pendingId());
        return new Reply(
                sb.toString(),
                true,
                List.of(
                        new Reply.Button(
                                ButtonId.of(FEATURE, "confirm", id).encode(),
                                inv.text("oh.button.confirm"),
                                Reply.Button.Style.DANGER),
                        new Reply.Button(
                                ButtonId.of(FEATURE, "discard", id).encode(),
                                inv.text("oh.button.discard"),
                                Reply.Button.Style.SECONDARY)));
    }

    private Reply list(Invocation inv) {
        List<OfficeHour> upcoming = service.upcoming();
        if (upcoming.isEmpty()) {
            return Reply.ephemeral(inv.text("oh.list.empty"));
        }
        StringBuilder sb = new StringBuilder(inv.text("oh.list.header", upcoming.size()));
        for (OfficeHour o : upcoming) {
            sb.append('\n')
                    .append(inv.text(
                            "oh.list.item",
                            o.id(),
                            Texts.defuse(o.title()),
                            Texts.timestamp(o.startAt()),
                            Texts.mention(o.hostId()),
                            o.topic() == null ? "-" : o.topic(),
                            service.rsvpCount(o.id())));
        }
        return Reply.ephemeral(sb.toString());
    }

    private Reply cancel(Invocation inv) {
        OfficeHour o = service.cancel(Long.parseLong(inv.option("id").orElseThrow()), inv.caller());
        return Reply.ephemeral(inv.text("oh.cancelled", o.id(), Texts.defuse(o.title())));
    }

    private Reply reschedule(Invocation inv) {
        OfficeHour o =
                service.reschedule(Long.parseLong(inv.option("id").orElseThrow()), parseStart(inv), inv.caller());
        return Reply.ephemeral(inv.text("oh.rescheduled", o.id(), Texts.timestamp(o.startAt())));
    }

    private Reply calendar(Invocation inv) {
        int count = service.upcoming().size();
        return Reply.ephemeral(inv.text("oh.calendar", count)).withAttachments(List.of(service.calendar()));
    }

    private static String scheduledText(Locale l, OfficeHour o) {
        return org.campops.chat.Messages.get(
                l, o.eventId() != null ? "oh.scheduled" : "oh.scheduledNoEvent", o.id(), Texts.timestamp(o.startAt()));
    }

    /** RSVP and conflict buttons; a malformed id throws {@link ButtonId.Invalid}, which the router refuses. */
    public Reply onComponent(ComponentEvent e) {
        ButtonId buttonId = Objects.requireNonNull(e.id(), "the router passes on events with an id");
        switch (buttonId.action()) {
            case "rsvp" -> {
                OfficeHourService.Rsvp r = service.toggleRsvp(
                        buttonId.expectArgs(1).number(0), e.caller().userId());
                return Reply.ephemeral(e.text(
                        r.attending() ? "oh.rsvp.yes" : "oh.rsvp.no",
                        Texts.defuse(r.officeHour().title()),
                        Texts.timestamp(r.officeHour().startAt())));
            }
            case "confirm" -> {
                OfficeHour o = service.confirm(buttonId.expectArgs(1).number(0), e.caller());
                return Reply.edit(scheduledText(e.locale(), o), List.of());
            }
            case "discard" -> {
                service.discard(buttonId.expectArgs(1).number(0), e.caller());
                return Reply.edit(e.text("oh.discarded"), List.of());
            }
            default -> throw buttonId.unknownAction();
        }
    }
}
