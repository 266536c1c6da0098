-- Who took the Discord gateway last (several instances on PostgreSQL, see GatewayHolder) and whether it left the
-- gateway in order before giving the lock back. An instance that gets the lock after one that left in order connects
-- at once; otherwise it waits the fence, in case the last holder lost only its database session and is still
-- connected to Discord for a moment. One row, written on the lock's own session.
CREATE TABLE gateway_holder (
    id            INT          NOT NULL PRIMARY KEY,
    instance      VARCHAR(64)  NOT NULL,
    left_in_order BOOLEAN      NOT NULL,
    changed_at    TIMESTAMP    NOT NULL
);
