package org.campops.departures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.campops.calendar.CalendarService;
import org.campops.chat.MemberListener;
import org.campops.chat.Messages;
import org.campops.chat.Texts;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.store.Database;
import org.campops.teams.TeamService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member left the camp's server: in one transaction they are taken out of their team (and its channel, through
 * the outbox), out of the channels of the teams they mentor, their calendar feed is turned off, and the organizers'
 * channel is told what changed, in the camp's language. When nothing changes (a second event for the same
 * departure: a ban also sends a member removal) nothing is stored.
 */
final class Departures implements MemberListener {
    private static final Logger LOG = LoggerFactory.getLogger(Departures.class);

    private final Database db;
    private final Outbox outbox;
    private final CampConfig config;
    private final TeamService teams;
    private final CalendarService calendar;

    Departures(Database db, Outbox outbox, CampConfig config, TeamService teams, CalendarService calendar) {
        this.db = db;
        this.outbox = outbox;
        this.config = config;
        this.teams = teams;
        this.calendar = calendar;
    }

    @Override
    public void onMemberLeft(String userId, String name) {
        boolean told = db.inTransaction(c -> {
            TeamService.Departure d = teams.memberLeft(c, userId);
            boolean feed = calendar.turnOff(c, userId);
            if (!d.changed() && !feed) {
                return false;
            }
            String text = text(config.camp().locale(), userId, name, d, feed);
            outbox.enqueue(
                    c,
                    new DepartureKey(userId, UUID.randomUUID()),
                    Payload.post(config.discord().channels().organizers(), text, List.of()));
            return true;
        });
        LOG.info(
                "member {} left the server{}",
                userId,
                told ? ": access removed, organizers told" : " (nothing to remove)");
    }

    static String text(Locale locale, String userId, String name, TeamService.Departure d, boolean feed) {
        List<String> parts = new ArrayList<>();
        for (String team : d.removedFrom()) {
            parts.add(Messages.get(locale, "departure.team", Texts.defuse(team)));
        }
        for (String team : d.mentorOf()) {
            parts.add(Messages.get(locale, "departure.mentor", Texts.defuse(team)));
        }
        if (feed) {
            parts.add(Messages.get(locale, "departure.feed"));
        }
        String who = Texts.isVisible(name) ? Texts.defuse(Texts.clip(name, 40)) : userId;
        return Messages.get(locale, "departure.left", who, Texts.mention(userId), String.join("; ", parts));
    }
}
