package org.campops.teams;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.campops.chat.Caller;
import org.campops.chat.Notifier;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Teams and their rosters. Every change and the channel work it causes (creating the private channel,
 * granting or removing a member's access) are written in one transaction, the channel work as outbox
 * rows, so a team is never half made.
 */
public final class TeamService {
    public static final int MAX_NAME = 50;
    /** What a member may be called: a Discord id, or in the console a name. */
    static final Pattern MEMBER = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

    private final Database db;
    private final TeamRepository repo = new TeamRepository();
    private final TeamChannels channels;
    private final Notifier notifier;
    private final Clock clock;

    public TeamService(Database db, TeamChannels channels, Notifier notifier, Clock clock) {
        this.db = db;
        this.channels = channels;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** A team with nothing else in it yet; its channel is {@code channelId} or made by the bot. */
    public Team create(Caller by, String name, String mentorId, @Nullable String channelId) {
        requireOrganizer(by);
        String n = checkName(name);
        String mentor = checkMember(mentorId);
        if (channelId != null) {
            channels.checkPrivate(channelId, mentor);
        }
        return db.inTransaction(c -> {
            if (repo.findByName(c, n).isPresent()) {
                throw new UserError("team.error.exists", Texts.defuse(n));
            }
            channels.sameChannelName(c, n).ifPresent(other -> {
                throw new UserError(
                        "team.error.channelNameTaken",
                        Texts.defuse(n),
                        Texts.defuse(other),
                        TeamChannels.channelName(n));
            });
            long id = repo.insert(c, n, mentor, channelId, by.userId(), clock.instant());
            Team t = repo.find(c, id).orElseThrow();
            channels.open(c, t);
            return t;
        });
    }

    public Team addMember(Caller by, String teamRef, String userId) {
        requireOrganizer(by);
        String member = checkMember(userId);
        return db.inTransaction(c -> {
            Team t = byRef(c, teamRef);
            Optional<Team> current = repo.ofMember(c, member);
            if (current.isPresent()) {
                throw new UserError(
                        current.get().id() == t.id() ? "team.error.alreadyMember" : "team.error.inOtherTeam",
                        Texts.mention(member),
                        Texts.defuse(current.get().name()));
            }
            if (t.mentorId().equals(member)) {
                throw new UserError("team.error.isMentor", Texts.mention(member), Texts.defuse(t.name()));
            }
            repo.addMember(c, t.id(), member, clock.instant());
            channels.grant(c, t, member);
            return repo.find(c, t.id()).orElseThrow();
        });
    }

    public Team removeMember(Caller by, String teamRef, String userId) {
        requireOrganizer(by);
        String member = checkMember(userId);
        return db.inTransaction(c -> {
            Team t = byRef(c, teamRef);
            if (!repo.removeMember(c, t.id(), member)) {
                throw new UserError("team.error.notMember", Texts.mention(member), Texts.defuse(t.name()));
            }
            channels.revokeUnlessEntitled(c, t, member);
            return repo.find(c, t.id()).orElseThrow();
        });
    }

    /**
     * Gives the team another mentor: the new one is let into the team channel and the old one taken out (unless
     * they still belong there), in the same transaction as the change.
     */
    public Team changeMentor(Caller by, String teamRef, String userId) {
        requireOrganizer(by);
        String mentor = checkMember(userId);
        return db.inTransaction(c -> {
            Team t = byRef(c, teamRef);
            boolean back = t.mentorId().equals(mentor);
            if (back && !repo.mentorLeft(c, t.id())) {
                throw new UserError("team.error.alreadyMentor", Texts.mention(mentor), Texts.defuse(t.name()));
            }
            if (t.members().contains(mentor)) {
                throw new UserError("team.error.mentorIsCamper", Texts.mention(mentor), Texts.defuse(t.name()));
            }
            repo.setMentor(c, t.id(), mentor);
            if (back) {
                channels.grant(c, t, mentor); // the mentor who had left the server is back
            } else {
                channels.mentorChanged(c, t, mentor);
            }
            return repo.find(c, t.id()).orElseThrow();
        });
    }

    /** What a member's leaving the server changed: the team they were taken out of, the teams they mentor. */
    public record Departure(List<String> removedFrom, List<String> mentorOf) {
        public boolean changed() {
            return !removedFrom.isEmpty() || !mentorOf.isEmpty();
        }
    }

    /**
     * A member left the camp's server (in the caller's transaction): they are taken out of their team, and out of
     * its channel and the channels of the teams they mentor (those teams are marked as having lost their mentor,
     * so organizers are told once). A second call for the same member changes nothing.
     */
    public Departure memberLeft(Handle c, String userId) throws SQLException {
        List<String> removed = new ArrayList<>();
        Optional<Team> team = repo.ofMember(c, userId);
        if (team.isPresent() && repo.removeMember(c, team.get().id(), userId)) {
            channels.revoke(c, team.get(), userId);
            removed.add(team.get().name());
        }
        List<String> mentored = new ArrayList<>();
        for (Team t : repo.markMentorLeft(c, userId, clock.instant())) {
            channels.revoke(c, t, userId);
            mentored.add(t.name());
        }
        return new Departure(removed, mentored);
    }

    public List<Team> all() {
        return db.inTransaction(repo::all);
    }

    /** The mentors of the teams, each once (they owe the mentors' duties). */
    public List<String> mentorIds() {
        return all().stream().map(Team::mentorId).distinct().toList();
    }

    /** A team by name (any case) or by its number. */
    public Team byRef(String ref) {
        return db.inTransaction(c -> byRef(c, ref));
    }

    Team byRef(Handle c, String ref) throws SQLException {
        String r = ref == null ? "" : ref.strip();
        Optional<Team> t = repo.findByName(c, r);
        if (t.isEmpty() && r.matches("#?\\d{1,9}")) {
            t = repo.find(c, Long.parseLong(r.replace("#", "")));
        }
        return t.orElseThrow(() -> new UserError("team.error.unknown", Texts.printable(r, 60)));
    }

    public Optional<Team> find(long id) {
        return db.inTransaction(c -> repo.find(c, id));
    }

    /** The teams whose private details {@code caller} may see: their own, the ones they mentor, all for organizers. */
    public List<Team> visibleTo(Caller caller) {
        return db.inTransaction(c -> {
            if (caller.has(Role.ORGANIZER)) {
                return repo.all(c);
            }
            Map<Long, Team> out = new LinkedHashMap<>();
            for (Team t : repo.ofMentor(c, caller.userId())) {
                out.put(t.id(), t);
            }
            repo.ofMember(c, caller.userId()).ifPresent(t -> out.putIfAbsent(t.id(), t));
            return new ArrayList<>(out.values());
        });
    }

    /** Whether {@code caller} may see the team's private details (its link, its members' answers). */
    public static boolean mayView(Caller caller, Team t) {
        return caller.has(Role.ORGANIZER) || t.includes(caller.userId());
    }

    /** Whether {@code caller} may change the team's mentoring: its mentor or an organizer. */
    public static boolean mayManage(Caller caller, Team t) {
        return caller.has(Role.ORGANIZER) || t.mentorId().equals(caller.userId());
    }

    /** The team {@code ref} if {@code caller} may see it; otherwise the same refusal as for an unknown team. */
    public Team visible(Caller caller, String ref) {
        Team t;
        try {
            t = byRef(ref);
        } catch (UserError e) {
            throw new UserError("team.error.notYours");
        }
        if (!mayView(caller, t)) {
            // The same answer whether the team exists or not: nothing about other teams leaks.
            throw new UserError("team.error.notYours");
        }
        return t;
    }

    /**
     * Imports a roster in one transaction: teams are created (with their channels) when new, members
     * added, a changed mentor moved (see {@link RosterImport}). The rows were checked by {@link Roster};
     * conflicts with what is stored are reported by line and nothing is imported.
     */
    public Roster.Result importRoster(List<Roster.Row> rows, String by) {
        return db.inTransaction(c -> new RosterImport(channels).run(c, rows, by, clock.instant()));
    }

    static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (!Texts.isVisible(n)) {
            throw new UserError("team.error.emptyName");
        }
        if (n.length() > MAX_NAME) {
            throw new UserError("team.error.nameTooLong", MAX_NAME, n.length());
        }
        if (n.matches("#?\\d{1,9}") || n.contains("@") || n.contains(":")) {
            throw new UserError("team.error.badName", Texts.printable(n, 60));
        }
        return n;
    }

    static String checkMember(String userId) {
        String u = userId == null
                ? ""
                : userId.strip().replaceFirst("^<@!?(.*)>$", "$1").replaceFirst("^@", "");
        if (!MEMBER.matcher(u).matches()) {
            throw new UserError("error.option.notUser", "member", Texts.printable(u, 40));
        }
        return u;
    }

    private static void requireOrganizer(Caller by) {
        if (!by.has(Role.ORGANIZER)) {
            throw new UserError("team.error.organizersOnly");
        }
    }
}
