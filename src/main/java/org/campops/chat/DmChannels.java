package org.campops.chat;

import java.util.Optional;

/** Remembered DM channel ids, so a DM is one request (post) instead of two (open, then post). */
public interface DmChannels {
    Optional<String> get(String userId);

    void put(String userId, String channelId);

    void forget(String userId);

    /** Remembers nothing (every DM opens its channel first). */
    DmChannels NONE = new DmChannels() {
        @Override
        public Optional<String> get(String userId) {
            return Optional.empty();
        }

        @Override
        public void put(String userId, String channelId) {}

        @Override
        public void forget(String userId) {}
    };
}
