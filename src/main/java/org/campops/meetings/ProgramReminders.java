package org.campops.meetings;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.program.ProgramPart;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What meeting and deadline reminders share: when a reminder {@code before} an event is due, how late it may still
 * go out, whether a shorter one of the same event is sent instead, and its outbox rows, one per recipient
 * ({@code <moment key>:channel:<id>}, {@code <moment key>:dm:<user>}).
 */
final class ProgramReminders {
    private static final Logger LOG = LoggerFactory.getLogger(ProgramReminders.class);

    private final ZoneId zone;
    private final Outbox outbox;
    private final CampConfig.Channels channels;

    ProgramReminders(ZoneId zone, Outbox outbox, CampConfig.Channels channels) {
        this.zone = zone;
        this.outbox = outbox;
        this.channels = channels;
    }

    /** The offset at the end of a key, or null when the key is not one of ours. */
    static @Nullable Duration offsetOf(ProgramPart.Planned p) {
        return MeetingKey.parse(p.key()).map(MeetingKey::before).orElse(null);
    }

    /**
     * When the reminder {@code before} an event at {@code at} is due: whole days are taken in the camp's
     * zone (a day before Sunday 10:00 is Saturday 10:00, also when the clocks change in between), the
     * rest as elapsed time.
     */
    Instant remindAt(Instant at, Duration before) {
        long days = before.toDays();
        return at.atZone(zone).minusDays(days).toInstant().minus(before.minusDays(days));
    }

    /** Whether a shorter reminder than {@code before} of the same event is due at {@code now} too (it is sent instead). */
    boolean superseded(List<Duration> offsets, Duration before, Instant event, Instant now) {
        return offsets.stream().anyMatch(o -> o.compareTo(before) < 0 && !now.isBefore(remindAt(event, o)));
    }

    /** The grace of a reminder due at {@code due} for an event at {@code event}: late is fine, at the event it is too late. */
    static Duration untilJustBefore(Instant due, Instant event) {
        Duration d = Duration.between(due, event).minusNanos(1);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** One outbox row per recipient, under the moment's key plus the recipient. */
    void queue(Handle c, ProgramPart.Planned moment, Program.Audience who, String text) throws SQLException {
        MeetingKey key = MeetingKey.parse(moment.key()).orElseThrow();
        switch (who.kind()) {
            case MENTORS -> post(c, key, channels.mentors(), text);
            case ORGANIZERS -> post(c, key, channels.organizers(), text);
            case MEMBERS -> {
                for (String user : who.userIds()) {
                    outbox.enqueue(c, key.dm(user), Payload.dm(user, text));
                }
            }
        }
    }

    private void post(Handle c, MeetingKey key, String channel, String text) throws SQLException {
        if (channel == null) {
            LOG.warn("{}: no channel configured for its audience; not posted", key.text());
            return;
        }
        outbox.enqueue(c, key.channel(channel), Payload.post(channel, text, List.of()));
    }
}
