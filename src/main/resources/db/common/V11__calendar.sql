-- Members' private calendar feeds (/calendar). The feed's URL holds a random token; only its SHA-256 (hex) is
-- stored, so the table cannot give a URL away. One feed per member: /calendar reset replaces the hash.
-- locale: the language of the feed's texts (the member's Discord language when the URL was made).
CREATE TABLE calendar_feed (
    user_id     VARCHAR(32)  NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL,
    locale      VARCHAR(8)   NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    fetched_at  TIMESTAMP
);
CREATE UNIQUE INDEX ux_calendar_feed_token ON calendar_feed (token_hash);
