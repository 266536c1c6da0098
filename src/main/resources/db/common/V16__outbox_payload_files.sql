-- The weekly report (issue 18): one post carries its charts (PNG) and its CSV, stored in the row's JSON as base64 until
-- sent. 1,000,000 characters held about 730 kB of files; 10,000,000 (PostgreSQL's largest VARCHAR is 10,485,760) hold
-- about 7.3 MB, within Discord's 10 MiB upload limit of a bot's message.
ALTER TABLE outbox ALTER COLUMN payload SET DATA TYPE VARCHAR(10000000);
