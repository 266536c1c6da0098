package org.campops.teams;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Notifier;
import org.campops.config.CampConfig;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
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
            public void onSent(Connection c, String ref, Delivery d, String result) throws SQLException {
                long teamId = Long.parseLong(ref);
                repo.setChannel(c, teamId, result);
                // Members added while the channel was being made get their access now.
                Team t = repo.find(c, teamId).orElseThrow();
                for (String m : t.members()) {
                    access(c, t, m, true);
                }
            }

            @Override
            public void onFailed(Connection c, String ref, Delivery d, String error) {
                LOG.warn("team {}: private channel not created: {}", ref, error);
            }
        });
    }

    /** The channel name the bot gives a team: {@code team-} and the name in lower case, words joined by '-'. */
    static String channelName(String teamName) {
        String slug = teamName.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        return ("team-" + slug).substring(0, Math.min(100, 5 + slug.length()));
    }

    /** A new team: its channel is created, or (given by an organizer) opened to its mentor. */
    void open(Connection c, Team t) throws SQLException {
        if (t.channelId() != null) {
            access(c, t, t.mentorId(), true);
            return;
        }
        List<String> roles = new ArrayList<>();
        roles.add(config.discord().roles().organizer());
        Notifier.PrivateChannel spec = new Notifier.PrivateChannel(channelName(t.name()),
                config.mentoring().teamCategory(), List.of(t.mentorId()), roles);
        outbox.enqueue(c, "team:" + t.id() + ":channel", Payload.createChannel(spec), CREATED + ":" + t.id(),
                java.time.Instant.now());
    }

    void grant(Connection c, Team t, String userId) throws SQLException {
        access(c, t, userId, true);
    }

    void revoke(Connection c, Team t, String userId) throws SQLException {
        access(c, t, userId, false);
    }

    private void access(Connection c, Team t, String userId, boolean allowed) throws SQLException {
        if (t.channelId() == null) {
            return; // granted when the channel exists (see the handler above)
        }
        outbox.enqueue(c, "team:" + t.id() + ":access:" + userId + ":" + (allowed ? "grant" : "revoke") + ":"
                + java.util.UUID.randomUUID(), Payload.access(t.channelId(), userId, allowed));
    }

    /** Whether everyone on the server can read the channel (then it is no place for a team's link). */
    boolean visibleToEveryone(String channelId) {
        return notifier.visibleToEveryone(channelId).orElse(false);
    }
}
