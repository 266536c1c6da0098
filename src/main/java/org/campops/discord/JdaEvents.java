package org.campops.discord;

import java.time.ZoneOffset;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ScheduledEvent;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.requests.restaction.ScheduledEventAction;
import org.campops.chat.Notifier.EventDetails;
import org.campops.chat.Texts;

/**
 * The guild's scheduled events (Discord's event list): created in a voice channel or at an external
 * location, moved or renamed, and cancelled (or completed, once it is running).
 */
final class JdaEvents {
    private final JdaLookup lookup;

    JdaEvents(JdaLookup lookup) {
        this.lookup = lookup;
    }

    String create(EventDetails e) {
        return JdaFailures.of(() -> {
            Guild guild = lookup.guild();
            ScheduledEventAction action;
            GuildChannel voice = e.voiceChannelId() == null ? null : guild.getGuildChannelById(e.voiceChannelId());
            if (voice != null) {
                action = guild.createScheduledEvent(
                        Texts.clip(e.name(), 100), voice, e.start().atOffset(ZoneOffset.UTC));
            } else {
                action = guild.createScheduledEvent(
                        Texts.clip(e.name(), 100),
                        location(e),
                        e.start().atOffset(ZoneOffset.UTC),
                        e.end().atOffset(ZoneOffset.UTC));
            }
            String description = description(e);
            if (!description.isBlank()) {
                action = action.setDescription(Texts.clip(description, 1000));
            }
            return action.complete().getId();
        });
    }

    void update(String eventId, EventDetails e) {
        JdaFailures.run(() -> {
            ScheduledEvent event =
                    lookup.guild().retrieveScheduledEventById(eventId).complete();
            var manager = event.getManager()
                    .setName(Texts.clip(e.name(), 100))
                    .setStartTime(e.start().atOffset(ZoneOffset.UTC))
                    .setEndTime(e.end().atOffset(ZoneOffset.UTC));
            if (event.getType() == ScheduledEvent.Type.EXTERNAL) {
                manager = manager.setLocation(location(e));
            }
            manager.complete();
        });
    }

    void cancel(String eventId) {
        JdaFailures.run(() -> {
            ScheduledEvent event =
                    lookup.guild().retrieveScheduledEventById(eventId).complete();
            if (event.getStatus() == ScheduledEvent.Status.ACTIVE) {
                event.getManager().setStatus(ScheduledEvent.Status.COMPLETED).complete();
            } else if (event.getStatus() == ScheduledEvent.Status.SCHEDULED) {
                event.getManager().setStatus(ScheduledEvent.Status.CANCELED).complete();
            }
        });
    }

    /** Discord's event location holds 100 characters: a longer link goes whole into the description instead. */
    private static String location(EventDetails e) {
        String location = e.location() == null || e.location().isBlank() ? "Discord" : e.location();
        return location.length() <= 100 ? location : "(link in the description)";
    }

    private static String description(EventDetails e) {
        String d = e.description() == null ? "" : e.description();
        if (e.location() != null && e.location().length() > 100) {
            d = e.location() + (d.isBlank() ? "" : "\n\n" + d);
        }
        return d;
    }
}
