package org.campops.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.campops.setup.SetupPort.Channel;
import org.campops.setup.SetupPort.ChannelType;
import org.campops.setup.SetupPort.Server;
import org.jspecify.annotations.Nullable;

/**
 * What setup does on one server: for each {@link Need}, the role or channel found (by the id the config holds, or by
 * one of its names), or that it will be created, or the candidates to pick from; and the Q&A forum's missing tags.
 */
final class Plan {
    /** Discord's limits on forum tags. */
    static final int MAX_TAG_NAME = 20;

    static final int MAX_TAGS = 20;

    /** A role or channel on the server. */
    record Candidate(String id, String name) {}

    /** What happens for one need. */
    sealed interface Decision permits Found, Create, Ambiguous {}

    /** It is there: {@code configured} when the config's id was right already. */
    record Found(String id, String name, boolean configured) implements Decision {}

    record Create() implements Decision {}

    /** Several match by name: the user picks one. */
    record Ambiguous(List<Candidate> candidates) implements Decision {}

    record Step(Need need, Decision decision) {}

    private final Server server;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final List<String> tagNames;

    private Plan(Server server, List<String> tagNames) {
        this.server = server;
        this.tagNames = tagNames;
    }

    /** The plan for {@code needs} on {@code server}; {@code tagNames} are the tags the Q&A forum needs. */
    static Plan of(Server server, List<Need> needs, List<String> tagNames) {
        Plan plan = new Plan(server, tagNames);
        for (Need n : needs) {
            plan.steps.put(n.key(), new Step(n, decide(server, n)));
        }
        return plan;
    }

    private static Decision decide(Server server, Need need) {
        List<Candidate> all = candidates(server, need);
        String configured = need.configuredId();
        for (Candidate c : all) {
            if (c.id().equals(configured)) {
                return new Found(c.id(), c.name(), true);
            }
        }
        List<Candidate> named = new ArrayList<>();
        if (need.kind() == Need.Kind.ROLE) {
            server.roles().stream()
                    .filter(r -> need.matches(r.name()))
                    .forEach(r -> named.add(new Candidate(r.id(), r.name())));
        } else {
            List<Channel> matching = server.channels().stream()
                    .filter(c -> need.kind().accepts(c.type()) && need.matches(c.name()))
                    .toList();
            // The Q&A channel is a forum where there is one.
            if (need.kind() == Need.Kind.QA && matching.stream().anyMatch(c -> c.type() == ChannelType.FORUM)) {
                matching = matching.stream()
                        .filter(c -> c.type() == ChannelType.FORUM)
                        .toList();
            }
            matching.forEach(c -> named.add(new Candidate(c.id(), c.name())));
        }
        if (named.isEmpty()) {
            return new Create();
        }
        if (named.size() == 1) {
            return new Found(named.get(0).id(), named.get(0).name(), false);
        }
        return new Ambiguous(List.copyOf(named));
    }

    /** Every role or channel of the right kind (for the configured id). */
    private static List<Candidate> candidates(Server server, Need need) {
        if (need.kind() == Need.Kind.ROLE) {
            return server.roles().stream()
                    .map(r -> new Candidate(r.id(), r.name()))
                    .toList();
        }
        return server.channels().stream()
                .filter(c -> need.kind().accepts(c.type()))
                .map(c -> new Candidate(c.id(), c.name()))
                .toList();
    }

    Server server() {
        return server;
    }

    List<Step> steps() {
        return List.copyOf(steps.values());
    }

    Optional<Step> step(String key) {
        return Optional.ofNullable(steps.get(key));
    }

    /** The user's pick for an ambiguous need. */
    void choose(Need need, Candidate pick) {
        steps.put(need.key(), new Step(need, new Found(pick.id(), pick.name(), false)));
    }

    List<Step> ambiguous() {
        return steps.values().stream()
                .filter(s -> s.decision() instanceof Ambiguous)
                .toList();
    }

    List<Step> toCreate() {
        return steps.values().stream()
                .filter(s -> s.decision() instanceof Create)
                .toList();
    }

    /** The Q&A channel setup found, when it is a forum. */
    @Nullable
    Channel qaForum() {
        Step qa = steps.get("forum qa");
        if (qa != null && qa.decision() instanceof Found f) {
            return server.channels().stream()
                    .filter(c -> c.id().equals(f.id()) && c.type() == ChannelType.FORUM)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    /** The tags to create: on the forum found, those it lacks; on a forum to create, all (within Discord's limits). */
    List<String> tagsToAdd() {
        Step qa = steps.get("forum qa");
        if (qa == null || qa.decision() instanceof Ambiguous) {
            return List.of();
        }
        Channel forum = qaForum();
        if (qa.decision() instanceof Found && forum == null) {
            return List.of(); // a text channel: questions get threads, no tags
        }
        List<String> have = forum == null ? List.of() : forum.tags();
        List<String> out = new ArrayList<>();
        for (String t : usableTags()) {
            if (have.stream().noneMatch(h -> same(h, t)) && have.size() + out.size() < MAX_TAGS) {
                out.add(t);
            }
        }
        return out;
    }

    /** Tag names Discord accepts, each once. */
    private List<String> usableTags() {
        List<String> out = new ArrayList<>();
        for (String t : tagNames) {
            if (t.length() <= MAX_TAG_NAME && out.stream().noneMatch(o -> same(o, t))) {
                out.add(t);
            }
        }
        return out;
    }

    /** What the user should know: private channels everyone can read, tags Discord would refuse or has no room for. */
    List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (Step s : steps.values()) {
            Need.Access access = s.need().access();
            if ((access == Need.Access.MENTORS || access == Need.Access.ORGANIZERS)
                    && s.decision() instanceof Found f
                    && server.channels().stream().anyMatch(c -> c.id().equals(f.id()) && c.everyoneCanView())) {
                out.add(f.name() + " (" + s.need().key() + ") can be read by everyone: in its settings, Permissions,"
                        + " deny View Channel to @everyone and allow it to "
                        + (access == Need.Access.MENTORS ? "the mentor and organizer roles" : "the organizer role")
                        + " (setup leaves existing channels as they are)");
            }
        }
        for (String t : tagNames) {
            if (t.length() > MAX_TAG_NAME) {
                out.add("the Q&A topic '" + t + "' cannot be a forum tag (Discord allows " + MAX_TAG_NAME
                        + " characters): shorten it in qa.topics, or questions on it get no tag");
            }
        }
        Channel forum = qaForum();
        int have = forum == null ? 0 : forum.tags().size();
        List<String> usable = usableTags();
        long missing = usable.stream()
                .filter(t -> forum == null || forum.tags().stream().noneMatch(h -> same(h, t)))
                .count();
        if (have + missing > MAX_TAGS) {
            out.add("the Q&A forum has room for " + Math.max(0, MAX_TAGS - have) + " more tags (Discord allows "
                    + MAX_TAGS + "), " + missing + " are missing: remove unused tags in Discord and run setup again");
        }
        return out;
    }

    private static boolean same(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /** Whether setup would create anything (roles, channels or tags). */
    boolean createsAnything() {
        return !toCreate().isEmpty() || !tagsToAdd().isEmpty();
    }

    /** The plan as printed: one line per need, then the tags and warnings. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        int width = steps.keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Step s : steps.values()) {
            String what =
                    String.format(Locale.ROOT, "  %-" + width + "s  ", s.need().key());
            out.add(what + describe(s));
            if (s.decision() instanceof Ambiguous a) {
                for (int i = 0; i < a.candidates().size(); i++) {
                    Candidate c = a.candidates().get(i);
                    out.add(" ".repeat(width + 6) + (i + 1) + ") " + c.name() + " (" + c.id() + ")");
                }
            }
        }
        List<String> tags = tagsToAdd();
        if (!tags.isEmpty()) {
            out.add(String.format(Locale.ROOT, "  %-" + width + "s  ", "forum tags") + "will create: "
                    + String.join(", ", tags));
        }
        warnings().forEach(w -> out.add("  note: " + w));
        return out;
    }

    private static String describe(Step s) {
        if (s.decision() instanceof Found f) {
            return "found: " + f.name() + " (" + f.id() + ")" + (f.configured() ? ", as configured" : "");
        }
        if (s.decision() instanceof Ambiguous a) {
            return "ambiguous: " + a.candidates().size() + " match, pick one";
        }
        Need.Access access = s.need().access();
        return "will create: " + s.need().createName()
                + (access == Need.Access.MENTORS
                        ? " (mentors and organizers only)"
                        : access == Need.Access.ORGANIZERS ? " (organizers only)" : "");
    }

    /** The id each need ends with, once nothing is ambiguous; {@code created} holds the ids of what was created. */
    Map<Need, String> ids(Map<String, String> created) {
        Map<Need, String> out = new LinkedHashMap<>();
        for (Step s : steps.values()) {
            String id = s.decision() instanceof Found f
                    ? f.id()
                    : created.get(s.need().key());
            out.put(s.need(), Objects.requireNonNull(id, () -> s.need().key() + " has no id"));
        }
        return out;
    }
}
