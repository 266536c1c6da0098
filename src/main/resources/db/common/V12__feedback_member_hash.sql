-- Anonymous feedback keeps no member id: a row holds HMAC-SHA256(key, "<session id>:<member id>") in hex (64
-- characters), which still keeps one answer per member and session (answering again replaces it) but cannot be
-- linked to a member, nor one member's answers across sessions, without the key. The key (32 random bytes, hex) is
-- made once by the application at its first start and kept here, in one row.
CREATE TABLE feedback_key (
    id          INTEGER      NOT NULL PRIMARY KEY,
    hmac_key    VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP    NOT NULL
);

-- Rows written before this version still hold the raw member id (at most 32 characters) until the application's
-- one-time step at start (mentoring's FeedbackKey.prepare) replaces each with its hash, in one transaction.
ALTER TABLE mentoring_feedback RENAME COLUMN user_id TO member_hash;
ALTER TABLE mentoring_feedback ALTER COLUMN member_hash SET DATA TYPE VARCHAR(64);
