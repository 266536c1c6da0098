-- Retention (issue 15): the content of a sent post (a Zoom link, a DM) is not kept for ever. Once a SENT row is
-- older than retention.sentDays, or a FAILED row was listed to an organizer by /status that long ago, its payload is
-- replaced by what it was and where it went (kind, target, ids), never what it said. The row and its delivery key
-- stay: the key is what makes re-firing a moment store nothing twice.
ALTER TABLE outbox ADD COLUMN payload_cleared_at TIMESTAMP;
ALTER TABLE outbox ADD COLUMN failure_seen_at TIMESTAMP;
