package org.campops.teams;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.campops.chat.Notifier;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team's private channel: created by the bot under the configured category (hidden from @everyone,
 * open to the team, its mentor and the organizer role), and member access granted or removed as the
 * roster changes. All of it is outbox rows written in the caller's transaction.
 */
public final class TeamChannels {
    private static final Logger LOG = LoggerFactory.getLogger(TeamChannels.class);
    private static final String CREATED = "team.channel";

    private final Outbox outbox;
    private final Notifier notifier;
    private final CampConfig config;
    private final TeamRepository repo = new TeamRepository();

    public TeamChannels(Outbox outbox, Notifier notifier, CampConfig config) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.config = config;
        outbox.onSent(CREATED, new Outbox.SentHandler() {
            @Override
            public void onSent(Handle c, String ref, Delivery d, @Nullable String result) throws SQLException {
                long teamId = Long.parseLong(ref);
                repo.setChannel(c, teamId, Objects.requireNonNull(result, "a created channel's id"));
                // Members added while the channel was being made get their access now.
                Team t = repo.find(c, teamId).orElseThrow();
                for (String m : t.members()) {
                    access(c, t, m, true);
                }
                // The mentor may have changed while the channel was being made: the current one in, the one the
                // channel was made for out (unless they still belong there).
                if (!repo.mentorLeft(c, teamId)) {
                    access(c, t, t.mentorId(), true);
                }
                if (d.payload().channel() != null) {
                    for (String m : d.payload().channel().memberIds()) {
                        revokeUnlessEntitled(c, t, m);
                    }
                }
            }

            @Override
            public void onFailed(Handle c, String ref, Delivery d, @Nullable String error) {
                LOG.warn("team {}: private channel not created: {}", ref, error);
            }
        });
    }

    /** The channel name the bot gives a team: {@code team-} and the name in lower case, words joined by '-'. */
    static String channelName(String teamName) {
        String slug = teamName.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-+|-+$", "");
        return ("team-" + slug).substring(0, Math.min(100, 5 + slug.length()));
    }

    /** A new team: its channel is created, or (given by an organizer) opened to its mentor. */
    void open(Handle c, Team t) throws SQLException {
        outbox.expectDm(c, t.mentorId()); // mentoring reminders: the mentor's DM channel is opened ahead of need
        if (t.channelId() != null) {
            access(c, t, t.mentorId(), true);
            return;
        }
        List<String> roles = new ArrayList<>();
        roles.add(config.discord().roles().organizer());
        Notifier.PrivateChannel spec = new Notifier.PrivateChannel(
                channelName(t.name()), config.mentoring().teamCategory(), List.of(t.mentorId()), roles);
        outbox.enqueue(
                c,
                new TeamKey.Channel(t.id()),
                Payload.createChannel(spec),
                CREATED + ":" + t.id(),
                java.time.Instant.now());
    }

    void grant(Handle c, Team t, String userId) throws SQLException {
        access(c, t, userId, true);
    }

    void revoke(Handle c, Team t, String userId) throws SQLException {
        access(c, t, userId, false);
    }

    /**
     * Takes {@code userId} out of the team's channel unless they still belong there: a camper or the mentor of a
     * team that uses this channel.
     */
    void revokeUnlessEntitled(Handle c, Team t, String userId) throws SQLException {
        if (t.channelId() == null) {
            return; // the creation's handler lets in only who belongs there then
        }
        boolean entitled = repo.withChannel(c, t.channelId()).stream().anyMatch(x -> x.includes(userId));
        if (!entitled) {
            access(c, t, userId, false);
        }
    }

    /**
     * The team's mentor changed ({@code before} is the team as it was, the new mentor already stored): the new
     * mentor is let in and the old one taken out unless they still belong there, in the caller's transaction.
     */
    void mentorChanged(Handle c, Team before, String newMentor) throws SQLException {
        access(c, before, newMentor, true);
        revokeUnlessEntitled(c, before, before.mentorId());
    }

    /** Another team whose bot-made channel would get the same name (Discord folds case, spaces and signs). */
    Optional<String> sameChannelName(Handle c, String name) throws SQLException {
        String wanted = channelName(name);
        return repo.all(c).stream()
                .map(Team::name)
                .filter(other -> channelName(other).equals(wanted))
                .findFirst();
    }

    private void access(Handle c, Team t, String userId, boolean allowed) throws SQLException {
        if (allowed) {
            outbox.expectDm(c, userId); // a member of the team will be DMed: their DM channel is opened ahead of need
        }
        if (t.channelId() == null) {
            return; // granted when the channel exists (see the handler above)
        }
        outbox.enqueue(
                c,
                new TeamKey.Access(t.id(), userId, allowed, java.util.UUID.randomUUID()),
                Payload.access(t.channelId(), userId, allowed));
    }

    /**
     * Refuses a channel an organizer gives a new team unless it is private to the team: a text channel of the camp's
     * server that no role but the organizer role and no member but the team's ({@code teamMembers}) may view. The
     * console cannot tell (its channels are not real): there only what it can tell is checked.
     */
    void checkPrivate(String channelId, String... teamMembers) {
        Optional<Notifier.Viewers> viewers = notifier.viewers(channelId);
        if (viewers.isPresent()
                && !viewers.get().guildId().equals(config.discord().guildId())) {
            throw new UserError("team.error.channelOtherServer");
        }
        Notifier.ChannelKind kind = notifier.channelKind(channelId);
        if (kind == Notifier.ChannelKind.UNCHECKED) {
            return;
        }
        if (kind != Notifier.ChannelKind.TEXT) {
            throw new UserError("team.error.channelNotText");
        }
        if (viewers.isEmpty()) {
            if (notifier.visibleToEveryone(channelId).orElse(false)) {
                throw new UserError("team.error.channelPublic");
            }
            return;
        }
        Notifier.Viewers v = viewers.get();
        if (v.roleIds().contains(v.guildId())) {
            throw new UserError("team.error.channelPublic");
        }
        List<String> roles = v.roleIds().stream()
                .filter(r -> !r.equals(config.discord().roles().organizer()))
                .toList();
        if (!roles.isEmpty()) {
            throw new UserError("team.error.channelRoles", mentions(roles, "<@&", 10));
        }
        List<String> strangers = v.memberIds().stream()
                .filter(m -> !List.of(teamMembers).contains(m))
                .toList();
        if (!strangers.isEmpty()) {
            throw new UserError("team.error.channelMembers", mentions(strangers, "<@", 10));
        }
    }

    private static String mentions(List<String> ids, String prefix, int max) {
        String shown = String.join(
                ", ", ids.stream().limit(max).map(id -> prefix + id + ">").toList());
        return ids.size() > max ? shown + ", …" : shown;
    }
}
