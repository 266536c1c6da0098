package org.campops.wrapup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.campops.chat.Choice;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.config.Program;

/** /wrapup assign|submit|mine|done. */
public final class WrapupCommands {
    /** Room kept on a page of {@code /wrapup mine} for its header and footer. */
    private static final int PAGE_ROOM = 300;

    private final WrapupService service;

    public WrapupCommands(WrapupService service) {
        this.service = service;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "wrapup",
                CommandSpec.leaf("assign", Role.ORGANIZER, this::assign, competitionOption(true)),
                CommandSpec.leaf(
                        "submit",
                        Role.CAMPER,
                        this::submit,
                        competitionOption(true),
                        OptionSpec.text("link", true, WrapupService.MAX_LINK)),
                CommandSpec.leaf(
                        "mine", Role.MENTOR, this::mine, competitionOption(false), OptionSpec.integer("page", false)),
                CommandSpec.leaf(
                        "done", Role.MENTOR, this::done, OptionSpec.user("camper", true), competitionOption(false)));
    }

    private OptionSpec competitionOption(boolean required) {
        return OptionSpec.text("competition", required, 40).completedBy(this::complete);
    }

    private List<Choice> complete(Invocation partial, String typed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        return service.competitions().stream()
                .filter(c ->
                        c.id().contains(t) || c.name().toLowerCase(Locale.ROOT).contains(t))
                .limit(25)
                .map(c -> new Choice(Texts.clip(c.name() + " (" + c.id() + ")", 100), c.id()))
                .toList();
    }

    private Reply assign(Invocation inv) {
        WrapupService.AssignResult r =
                service.assign(inv.caller(), inv.option("competition").orElse(""));
        Program.Competition comp = r.competition();
        String name = Texts.defuse(comp.name());
        StringBuilder sb = new StringBuilder();
        if (r.added() > 0) {
            String perMentor = r.addedPerMentor().entrySet().stream()
                    .map(e -> Texts.mention(e.getKey()) + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            sb.append(inv.text(
                    "wrapup.assigned",
                    name,
                    r.added(),
                    perMentor,
                    WrapupService.due(comp).toString()));
            if (r.kept() > 0) {
                sb.append('\n').append(inv.text("wrapup.assigned.kept", r.kept()));
            }
        } else if (r.kept() > 0) {
            sb.append(inv.text("wrapup.assigned.nothingNew", name, r.kept()));
        } else {
            sb.append(inv.text("wrapup.assigned.noCampers", name));
        }
        if (!r.teamsWithoutCampers().isEmpty()) {
            sb.append('\n')
                    .append(inv.text(
                            "wrapup.assigned.emptyTeams",
                            r.teamsWithoutCampers().stream().map(Texts::defuse).collect(Collectors.joining(", "))));
        }
        return Reply.ephemeral(Texts.clip(sb.toString(), Texts.MAX_MESSAGE));
    }

    private Reply submit(Invocation inv) {
        WrapupService.Submitted s = service.submit(
                inv.caller(),
                inv.option("competition").orElse(""),
                inv.option("link").orElse(""));
        Program.Competition comp = s.competition();
        return Reply.ephemeral(inv.text(
                s.replaced() ? "wrapup.submitted.replaced" : "wrapup.submitted",
                Texts.defuse(comp.name()),
                WrapupPosts.link(s.assignment().reportLink()),
                Texts.mention(s.assignment().mentorId()),
                WrapupService.due(comp).toString()));
    }

    private Reply mine(Invocation inv) {
        WrapupService.Mine m =
                service.mine(inv.caller(), inv.option("competition").orElse(null));
        Program.Competition comp = m.competition();
        if (m.assignments().isEmpty()) {
            return Reply.ephemeral(inv.text("wrapup.mine.none", Texts.defuse(comp.name()), comp.id()));
        }
        List<String> lines = new ArrayList<>();
        for (Assignment a : m.assignments()) {
            lines.add(line(inv, a, m.teamNames()));
        }
        List<List<String>> pages = pages(lines, Texts.MAX_MESSAGE - PAGE_ROOM);
        long asked = inv.option("page").map(Long::parseLong).orElse(1L);
        if (asked < 1 || asked > pages.size()) {
            throw new UserError("wrapup.error.page", pages.size(), comp.id());
        }
        int page = (int) asked;
        StringBuilder sb = new StringBuilder(inv.text(
                "wrapup.mine.header",
                Texts.defuse(comp.name()),
                comp.id(),
                WrapupService.due(comp).toString(),
                m.assignments().size(),
                m.submitted(),
                m.reviewed()));
        for (String l : pages.get(page - 1)) {
            sb.append('\n').append(l);
        }
        if (m.reviewed() < m.assignments().size()) {
            sb.append('\n').append(inv.text("wrapup.mine.hint", comp.id()));
        }
        if (pages.size() > 1) {
            sb.append('\n')
                    .append(inv.text(
                            page < pages.size() ? "wrapup.mine.page" : "wrapup.mine.lastPage",
                            page,
                            pages.size(),
                            comp.id(),
                            page + 1));
        }
        return Reply.ephemeral(Texts.clip(sb.toString(), Texts.MAX_MESSAGE));
    }

    private static String line(Invocation inv, Assignment a, Map<Long, String> teamNames) {
        String team = a.teamId() == null ? "-" : Texts.defuse(teamNames.getOrDefault(a.teamId(), "#" + a.teamId()));
        String report = a.submitted()
                ? inv.text("wrapup.mine.report", WrapupPosts.link(a.reportLink()), Texts.timestamp(a.submittedAt()))
                : inv.text("wrapup.mine.noReport");
        String review = a.reviewed()
                ? inv.text("wrapup.mine.reviewed", Texts.timestamp(a.reviewedAt()))
                : inv.text("wrapup.mine.open");
        return inv.text(
                "wrapup.mine.item", a.reviewed() ? "✅" : "⬜", Texts.mention(a.camperId()), team, report, review);
    }

    /** Lines packed into pages of at most {@code max} characters (a longer line is clipped to a page). */
    static List<List<String>> pages(List<String> lines, int max) {
        List<List<String>> pages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = 0;
        for (String raw : lines) {
            String l = Texts.clip(raw, max - 1);
            if (!current.isEmpty() && length + l.length() + 1 > max) {
                pages.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(l);
            length += l.length() + 1;
        }
        if (!current.isEmpty()) {
            pages.add(current);
        }
        return pages;
    }

    private Reply done(Invocation inv) {
        WrapupService.Done d = service.done(
                inv.caller(),
                inv.option("camper").orElse(""),
                inv.option("competition").orElse(null));
        Assignment a = d.assignment();
        String name = Texts.defuse(d.competition().name());
        if (d.already()) {
            return Reply.ephemeral(inv.text(
                    "wrapup.done.already", Texts.mention(a.camperId()), name, Texts.timestamp(a.reviewedAt())));
        }
        String text = inv.text("wrapup.done", Texts.mention(a.camperId()), name);
        if (!a.submitted()) {
            text += "\n" + inv.text("wrapup.done.noReport");
        }
        return Reply.ephemeral(text);
    }
}
