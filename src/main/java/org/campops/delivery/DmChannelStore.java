package org.campops.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.campops.chat.DmChannels;
import org.campops.store.Database;
import org.campops.store.Jdbc;

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
        Optional<String> stored = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT channel_id FROM dm_channel WHERE user_id = ?")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        stored.ifPresent(id -> cache.put(userId, id));
        return stored;
    }

    @Override
    public void put(String userId, String channelId) {
        cache.put(userId, channelId);
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dm_channel WHERE user_id = ?")) {
                del.setString(1, userId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO dm_channel (user_id, channel_id, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, userId);
                ps.setString(2, channelId);
                Jdbc.setInstant(ps, 3, clock.instant());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void forget(String userId) {
        cache.remove(userId);
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dm_channel WHERE user_id = ?")) {
                del.setString(1, userId);
                return del.executeUpdate();
            }
        });
    }
}
