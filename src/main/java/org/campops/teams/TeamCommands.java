package org.campops.teams;

import java.util.List;
import java.util.Locale;
import org.campops.chat.Choice;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;

/** /team create|add|remove|mentor|list|show. */
public final class TeamCommands {
    private final TeamService service;

    public TeamCommands(TeamService service) {
        this.service = service;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "team",
                CommandSpec.leaf(
                        "create",
                        Role.ORGANIZER,
                        this::create,
                        OptionSpec.text("name", true, TeamService.MAX_NAME),
                        OptionSpec.user("mentor", true),
                        OptionSpec.channel("channel", false)),
                CommandSpec.leaf("add", Role.ORGANIZER, this::add, teamOption(), OptionSpec.user("member", true)),
                CommandSpec.leaf("remove", Role.ORGANIZER, this::remove, teamOption(), OptionSpec.user("member", true)),
                CommandSpec.leaf("mentor", Role.ORGANIZER, this::mentor, teamOption(), OptionSpec.user("member", true)),
                CommandSpec.leaf("list", Role.EVERYONE, this::list),
                CommandSpec.leaf("show", Role.EVERYONE, this::show, teamOption()));
    }

    /** The {@code team:} option every team command shares, completed with the teams the member may see. */
    public OptionSpec teamOption() {
        return OptionSpec.text("team", true, TeamService.MAX_NAME).completedBy(this::complete);
    }

    private List<Choice> complete(Invocation partial, String typed) {
        String t = typed.strip().toLowerCase(Locale.ROOT);
        return service.visibleTo(partial.caller()).stream()
                .map(Team::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).contains(t))
                .limit(25)
                .map(n -> new Choice(n, n))
                .toList();
    }

    private Reply create(Invocation inv) {
        Team t = service.create(
                inv.caller(),
                inv.option("name").orElse(""),
                inv.option("mentor").orElse(""),
                inv.option("channel").orElse(null));
        return Reply.ephemeral(inv.text(
                t.channelId() == null ? "team.created.newChannel" : "team.created",
                Texts.defuse(t.name()),
                Texts.mention(t.mentorId()),
                t.channelId() == null ? "" : "<#" + t.channelId() + ">"));
    }

    private Reply add(Invocation inv) {
        Team t = service.addMember(
                inv.caller(),
                inv.option("team").orElse(""),
                inv.option("member").orElse(""));
        return Reply.ephemeral(inv.text(
                "team.added",
                Texts.mention(TeamService.checkMember(inv.option("member").orElse(""))),
                Texts.defuse(t.name()),
                t.members().size()));
    }

    private Reply remove(Invocation inv) {
        Team t = service.removeMember(
                inv.caller(),
                inv.option("team").orElse(""),
                inv.option("member").orElse(""));
        return Reply.ephemeral(inv.text(
                "team.removed",
                Texts.mention(TeamService.checkMember(inv.option("member").orElse(""))),
                Texts.defuse(t.name()),
                t.members().size()));
    }

    private Reply mentor(Invocation inv) {
        Team t = service.changeMentor(
                inv.caller(),
                inv.option("team").orElse(""),
                inv.option("member").orElse(""));
        return Reply.ephemeral(inv.text("team.mentorChanged", Texts.mention(t.mentorId()), Texts.defuse(t.name())));
    }

    private Reply list(Invocation inv) {
        List<Team> teams = service.all();
        if (teams.isEmpty()) {
            return Reply.ephemeral(inv.text("team.list.empty"));
        }
        StringBuilder sb = new StringBuilder(inv.text("team.list.header", teams.size()));
        for (Team t : teams) {
            String line = "\n"
                    + inv.text(
                            "team.list.item",
                            Texts.defuse(t.name()),
                            Texts.mention(t.mentorId()),
                            t.members().size());
            if (sb.length() + line.length() > Texts.MAX_MESSAGE - 60) {
                sb.append("\n").append(inv.text("team.list.more", teams.size() - teams.indexOf(t)));
                break;
            }
            sb.append(line);
        }
        return Reply.ephemeral(sb.toString());
    }

    private Reply show(Invocation inv) {
        Team t = service.visible(inv.caller(), inv.option("team").orElse(""));
        StringBuilder sb = new StringBuilder(inv.text(
                "team.show",
                Texts.defuse(t.name()),
                Texts.mention(t.mentorId()),
                t.channelId() == null ? inv.text("team.show.noChannel") : "<#" + t.channelId() + ">",
                t.members().size()));
        for (String m : t.members()) {
            sb.append("\n- ").append(Texts.mention(m));
        }
        return Reply.ephemeral(Texts.clip(sb.toString(), Texts.MAX_MESSAGE));
    }
}
