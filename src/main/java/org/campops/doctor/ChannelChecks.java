package org.campops.doctor;

import static org.campops.doctor.Finding.blocking;
import static org.campops.doctor.Finding.ok;
import static org.campops.doctor.Finding.warning;
import static org.campops.doctor.ServerFacts.Perm.ATTACH_FILES;
import static org.campops.doctor.ServerFacts.Perm.CREATE_THREADS;
import static org.campops.doctor.ServerFacts.Perm.EMBED_LINKS;
import static org.campops.doctor.ServerFacts.Perm.MANAGE_CHANNELS;
import static org.campops.doctor.ServerFacts.Perm.MANAGE_ROLES;
import static org.campops.doctor.ServerFacts.Perm.MANAGE_THREADS;
import static org.campops.doctor.ServerFacts.Perm.READ_HISTORY;
import static org.campops.doctor.ServerFacts.Perm.SEND;
import static org.campops.doctor.ServerFacts.Perm.SEND_IN_THREADS;
import static org.campops.doctor.ServerFacts.Perm.VIEW;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.doctor.Finding.Term;
import org.campops.doctor.ServerFacts.Channel;
import org.campops.doctor.ServerFacts.Kind;
import org.campops.doctor.ServerFacts.Perm;
import org.campops.doctor.ServerFacts.Server;

/**
 * The channel checks: every channel the config and the program name exists and is of the right kind, the bot has what
 * it needs in each (one line per channel, however many keys name it), the Q&A forum has every tag, and campers cannot
 * read the mentors' and organizers' channels.
 */
final class ChannelChecks {
    private static final Set<Perm> POST = EnumSet.of(VIEW, SEND, EMBED_LINKS, READ_HISTORY);

    /**
     * One configured use of a channel: its key, the kinds it may be, what the bot needs in a text channel (or a
     * category) and in a forum.
     */
    record Use(String key, String id, Set<Kind> kinds, Set<Perm> text, Set<Perm> forum) {
        Set<Perm> needs(Kind kind) {
            return kind == Kind.FORUM ? forum : text;
        }

        Term expected() {
            return new Term(
                    kinds.contains(Kind.FORUM) ? "forumOrText" : kinds.contains(Kind.CATEGORY) ? "category" : "text");
        }
    }

    private final CampConfig config;
    private final Server server;

    ChannelChecks(CampConfig config, Server server) {
        this.config = config;
        this.server = server;
    }

    /** Every channel the config and the program use, in the order of the file. */
    static List<Use> uses(CampConfig config) {
        List<Use> uses = new ArrayList<>();
        CampConfig.Channels c = config.discord().channels();
        if (c.announcements() != null) {
            uses.add(text("discord.channels.announcements", c.announcements(), POST));
        }
        uses.add(text("discord.channels.mentors", c.mentors(), POST));
        uses.add(text("discord.channels.organizers", c.organizers(), POST));
        Set<Perm> threads = with(POST, SEND_IN_THREADS);
        uses.add(new Use(
                "qa.channel",
                config.qa().channel(),
                EnumSet.of(Kind.TEXT, Kind.FORUM),
                with(threads, CREATE_THREADS),
                with(threads, MANAGE_THREADS)));
        uses.add(text(
                "officeHours.channel", config.officeHours().channel(), with(threads, CREATE_THREADS, ATTACH_FILES)));
        for (Program.Competition comp : config.program().competitions()) {
            uses.add(new Use(
                    "program.yaml competitions[" + comp.id() + "].discussion",
                    comp.discussionChannel(),
                    EnumSet.of(Kind.TEXT, Kind.FORUM),
                    with(threads, CREATE_THREADS),
                    threads));
        }
        String category = config.mentoring().teamCategory();
        if (category != null) {
            Set<Perm> manage = EnumSet.of(VIEW, MANAGE_CHANNELS, MANAGE_ROLES);
            uses.add(new Use("mentoring.teamCategory", category, EnumSet.of(Kind.CATEGORY), manage, manage));
        }
        return uses;
    }

    private static Use text(String key, String id, Set<Perm> perms) {
        return new Use(key, id, EnumSet.of(Kind.TEXT), perms, perms);
    }

    private static Set<Perm> with(Set<Perm> base, Perm... more) {
        Set<Perm> out = EnumSet.copyOf(base);
        out.addAll(List.of(more));
        return out;
    }

    /** Exists and right kind (one line per key), then the bot's permissions (one line per channel). */
    List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        Map<String, List<Use>> usable = new LinkedHashMap<>();
        for (Use use : uses(config)) {
            Channel ch = server.channels().get(use.id());
            if (ch == null) {
                String role = server.roles().get(use.id());
                out.add(
                        role == null
                                ? blocking("missing", use.key(), use.id())
                                : blocking("wrongKind", use.key(), use.id(), role, new Term("role"), use.expected()));
            } else if (!use.kinds().contains(ch.kind())) {
                out.add(blocking(
                        "wrongKind", use.key(), use.id(), ch.name(), new Term(kindTerm(ch.kind())), use.expected()));
            } else {
                out.add(ok("channel.ok", use.key(), ch.name(), new Term(kindTerm(ch.kind()))));
                usable.computeIfAbsent(use.id(), k -> new ArrayList<>()).add(use);
            }
        }
        usable.forEach((id, channelUses) -> {
            Channel ch = java.util.Objects.requireNonNull(server.channels().get(id), "usable");
            Set<Perm> needed = EnumSet.noneOf(Perm.class);
            channelUses.forEach(u -> needed.addAll(u.needs(ch.kind())));
            String keys = String.join(", ", channelUses.stream().map(Use::key).toList());
            Set<Perm> missing = EnumSet.copyOf(needed);
            missing.removeAll(ch.botPermissions());
            if (missing.contains(VIEW)) {
                out.add(blocking("noView", ch.name(), keys, server.botRole()));
            } else if (!missing.isEmpty()) {
                out.add(blocking("perms", ch.name(), keys, Checks.labels(missing), server.botRole()));
            } else {
                out.add(ok("perms.ok", ch.name(), keys));
            }
        });
        return out;
    }

    private static String kindTerm(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The Q&A forum's tags (a text channel has none to check), then the staff channels' privacy. */
    List<Finding> tagsAndPrivacy() {
        List<Finding> out = new ArrayList<>();
        Channel qa = server.channels().get(config.qa().channel());
        if (qa != null && qa.kind() == Kind.FORUM) {
            Set<String> have = new java.util.HashSet<>();
            qa.tags().forEach(t -> have.add(t.toLowerCase(Locale.ROOT)));
            int before = out.size();
            Map<String, String> wanted = new LinkedHashMap<>();
            config.qa().topics().forEach(t -> wanted.putIfAbsent(t, "qa.topics"));
            wanted.putIfAbsent(config.qa().unansweredTag(), "qa.unansweredTag");
            wanted.putIfAbsent(config.qa().answeredTag(), "qa.answeredTag");
            wanted.forEach((tag, key) -> {
                if (!have.contains(tag.toLowerCase(Locale.ROOT))) {
                    // A question without its topic's tag is still asked; without answered/unanswered the forum
                    // cannot show which questions wait.
                    out.add(
                            key.equals("qa.topics")
                                    ? warning("tag", qa.name(), tag, key)
                                    : blocking("tag", qa.name(), tag, key));
                }
            });
            if (out.size() == before) {
                out.add(ok("tags.ok", qa.name(), wanted.size()));
            }
        }
        String camper = config.discord().roles().camper();
        String camperName = server.roles().getOrDefault(camper, camper);
        Map<String, String> staff = new LinkedHashMap<>();
        staff.put("discord.channels.mentors", config.discord().channels().mentors());
        staff.put("discord.channels.organizers", config.discord().channels().organizers());
        staff.forEach((key, id) -> {
            Channel ch = server.channels().get(id);
            if (ch != null) {
                out.add(
                        ch.viewerRoles().contains(camper)
                                ? blocking("private", ch.name(), key, camperName)
                                : ok("private.ok", ch.name(), key));
            }
        });
        return out;
    }
}
