package org.campops.delivery;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.campops.chat.DmChannels;
import org.campops.store.Database;

/** DM channel ids kept in the database (and in memory), so they survive restarts. */
public final class DmChannelStore implements DmChannels {
    private final Database db;
    private final Clock clock;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public DmChannelStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String userId) {
        String cached = cache.get(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = db.inTransaction(c -> OutboxRepository.dmChannel(c, userId));
        stored.ifPresent(id -> cache.put(userId, id));
        return stored;
    }

    @Override
    public void put(String userId, String channelId) {
        cache.put(userId, channelId);
        db.inTransaction(c -> {
            OutboxRepository.putDmChannel(c, userId, channelId, clock.instant());
            DmWishRepository.done(c, userId); // no longer wanted ahead of need: it is known
            return null;
        });
    }

    @Override
    public void forget(String userId) {
        cache.remove(userId);
        db.inTransaction(c -> OutboxRepository.forgetDmChannel(c, userId));
    }
}
