-- Issue 19: members who will be DMed (they joined a team, RSVP'd, set a reminder) and whose DM channel is not known
-- yet. Written in the transaction of the cause; the dispatcher opens their DM channels ahead of need, in the
-- background with spare request budget, and deletes the row once dm_channel holds the id. Losing a row loses nothing:
-- the channel is then opened when the first DM is sent, as before.
CREATE TABLE dm_channel_wanted (
    user_id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP    NOT NULL,
    created_at       TIMESTAMP    NOT NULL
);
CREATE INDEX idx_dm_channel_wanted_next ON dm_channel_wanted (next_attempt_at);
