package org.campops.discord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import org.campops.chat.DmChannels;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;

/**
 * The outbound port over Discord REST, each part on its own: {@link JdaMessages} (posts, messages,
 * edits, threads, tags), {@link JdaDms}, {@link JdaEvents} (scheduled events),
 * {@link JdaPrivateChannels} (private channels and member access), on {@link JdaLookup} (the client
 * and what it can see) with {@link JdaFailures} (what is worth a retry). Only the users named by the
 * caller can be pinged: never @everyone, @here or roles, whatever the text says. Calls block; they run
 * on the dispatcher's or command worker threads, never on JDA's event thread.
 */
public final class JdaNotifier implements Notifier {
    private final JdaLookup lookup;
    private final JdaMessages messages;
    private final JdaDms dms;
    private final JdaEvents events;
    private final JdaPrivateChannels privateChannels;
    private final JdaChannelViewers viewers;

    public JdaNotifier(String guildId) {
        this.lookup = new JdaLookup(guildId);
        this.messages = new JdaMessages(lookup);
        this.dms = new JdaDms(lookup);
        this.events = new JdaEvents(lookup);
        this.privateChannels = new JdaPrivateChannels(lookup);
        this.viewers = new JdaChannelViewers(lookup);
    }

    void attach(JDA client) {
        lookup.attach(client);
    }

    /** Forgets {@code client} (closed); calls fail as "not connected" (worth a retry) until another is attached. */
    void detach(JDA client) {
        lookup.detach(client);
    }

    /** Where DM channel ids are remembered (the database, once it is open). */
    public void useDmChannels(DmChannels channels) {
        dms.use(channels);
    }

    @Override
    public void post(String channelId, String text, Set<String> mentionUserIds, String nonce) {
        messages.post(channelId, text, mentionUserIds, nonce);
    }

    /** One request per part when the DM channel id is known; the channel is opened (and remembered) once. */
    @Override
    public void dm(String userId, String text, String nonce) {
        dms.dm(userId, text, nonce);
    }

    @Override
    public boolean dmNeedsChannel(String userId) {
        return dms.needsChannel(userId);
    }

    @Override
    public void openDm(String userId) {
        dms.open(userId);
    }

    @Override
    public String send(String channelId, Reply message, String nonce) {
        return messages.send(channelId, message, nonce);
    }

    @Override
    public void edit(String channelId, String messageId, Reply message) {
        messages.edit(channelId, messageId, message);
    }

    @Override
    public StartedThread startThread(
            String channelId, String title, Reply starter, List<String> tagNames, String nonce) {
        return messages.startThread(channelId, title, starter, tagNames, nonce);
    }

    @Override
    public Optional<StartedThread> findStartedThread(String channelId, String title, Instant since) {
        return messages.findStartedThread(channelId, title, since);
    }

    @Override
    public void setTags(String threadId, List<String> tagNames) {
        messages.setTags(threadId, tagNames);
    }

    @Override
    public String createEvent(EventDetails e) {
        return events.create(e);
    }

    @Override
    public void updateEvent(String eventId, EventDetails e) {
        events.update(eventId, e);
    }

    @Override
    public void cancelEvent(String eventId) {
        events.cancel(eventId);
    }

    @Override
    public ChannelKind channelKind(String channelId) {
        return lookup.channelKind(channelId);
    }

    @Override
    public boolean canWrite(String userId, String channelId) {
        return lookup.canWrite(userId, channelId);
    }

    @Override
    public String createPrivateChannel(PrivateChannel spec) {
        return privateChannels.create(spec);
    }

    @Override
    public Optional<String> findPrivateChannel(String name, String categoryId) {
        return privateChannels.find(name, categoryId);
    }

    @Override
    public void setMemberAccess(String channelId, String userId, boolean allowed) {
        privateChannels.setMemberAccess(channelId, userId, allowed);
    }

    @Override
    public Optional<Boolean> visibleToEveryone(String channelId) {
        return privateChannels.visibleToEveryone(channelId);
    }

    @Override
    public Optional<Viewers> viewers(String channelId) {
        return viewers.of(channelId);
    }
}
