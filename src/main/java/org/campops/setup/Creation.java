package org.campops.setup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.campops.setup.Need.Access;
import org.campops.setup.Need.Kind;
import org.campops.setup.Plan.Found;
import org.campops.setup.SetupPort.NewChannel;
import org.campops.setup.SetupPort.Overwrite;

/**
 * Creates what a plan lacks, roles first (channels' overwrites name them), then the team category, then channels,
 * each with its overwrites: @everyone may not see the mentors' and organizers' channels nor write in announcements;
 * the roles they are for and the bot itself may.
 */
final class Creation {
    private static final long VIEW = BotPermission.VIEW_CHANNEL.value();
    private static final long SEND = BotPermission.SEND_MESSAGES.value();

    private final SetupPort port;
    private final Plan plan;
    private final String selfId;
    private final Map<String, String> created = new HashMap<>();

    private Creation(SetupPort port, Plan plan, String selfId) {
        this.port = port;
        this.plan = plan;
        this.selfId = selfId;
    }

    /** Creates every {@link Plan.Create} of {@code plan} and the missing tags; the ids created, by need key. */
    static Map<String, String> run(SetupPort port, Plan plan, String selfId, List<String> done) {
        Creation c = new Creation(port, plan, selfId);
        String server = plan.server().id();
        for (Plan.Step s : plan.toCreate()) {
            if (s.need().kind() == Kind.ROLE) {
                c.created.put(s.need().key(), port.createRole(server, s.need().createName()));
                done.add("created role " + s.need().createName());
            }
        }
        for (Plan.Step s : plan.toCreate()) {
            if (s.need().kind() == Kind.CATEGORY) {
                c.create(s.need(), List.of(), done);
            }
        }
        List<String> tags = plan.tagsToAdd();
        SetupPort.Channel forum = plan.qaForum();
        for (Plan.Step s : plan.toCreate()) {
            Kind kind = s.need().kind();
            if (kind != Kind.ROLE && kind != Kind.CATEGORY) {
                c.create(s.need(), kind == Kind.QA ? tags : List.of(), done);
            }
        }
        if (forum != null && !tags.isEmpty()) {
            port.addTags(server, forum.id(), tags);
            done.add("added tags to " + forum.name() + ": " + String.join(", ", tags));
        }
        return Map.copyOf(c.created);
    }

    private void create(Need need, List<String> tags, List<String> done) {
        // At the top level: the team category holds only team channels.
        NewChannel spec = new NewChannel(need.kind().created(), need.createName(), null, overwrites(need), tags);
        created.put(need.key(), port.createChannel(plan.server().id(), spec));
        done.add("created " + need.key().replaceFirst(" .*", "") + " " + need.createName()
                + (tags.isEmpty() ? "" : " with tags " + String.join(", ", tags)));
    }

    private List<Overwrite> overwrites(Need need) {
        List<Overwrite> out = new ArrayList<>();
        String everyone = plan.server().id();
        long bot =
                need.kind() == Kind.CATEGORY ? VIEW | BotPermission.MANAGE_CHANNELS.value() : BotPermission.inChannel();
        out.add(new Overwrite(selfId, false, bot, 0));
        long member = BotPermission.member();
        Access access = need.access();
        if (access == Access.ANNOUNCEMENTS) {
            out.add(new Overwrite(everyone, true, 0, SEND));
            out.add(new Overwrite(roleId("role organizer"), true, SEND, 0));
        } else if (access == Access.MENTORS || access == Access.ORGANIZERS) {
            out.add(new Overwrite(everyone, true, 0, VIEW));
            if (access == Access.MENTORS) {
                out.add(new Overwrite(roleId("role mentor"), true, member, 0));
            }
            out.add(new Overwrite(roleId("role organizer"), true, member, 0));
        }
        return out;
    }

    private String roleId(String key) {
        Plan.Step s = plan.step(key).orElseThrow(() -> new IllegalStateException("no " + key + " in the plan"));
        if (s.decision() instanceof Found f) {
            return f.id();
        }
        String id = created.get(key);
        if (id == null) {
            throw new IllegalStateException(key + " was neither found nor created");
        }
        return id;
    }
}
