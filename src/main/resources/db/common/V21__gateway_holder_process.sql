-- Which process took the Discord gateway last (see GatewayHolder): the host it runs on (the kernel's boot id and its
-- process namespace, so a pid means the same process to whoever compares it), its pid and start time, and when it
-- claimed, in the database server's milliseconds. An instance on that same host that finds the process gone (killed,
-- crashed) need not wait the whole fence for it.
ALTER TABLE gateway_holder ADD COLUMN host VARCHAR(200);
ALTER TABLE gateway_holder ADD COLUMN pid BIGINT;
ALTER TABLE gateway_holder ADD COLUMN started_ms BIGINT;
ALTER TABLE gateway_holder ADD COLUMN claimed_ms BIGINT;
