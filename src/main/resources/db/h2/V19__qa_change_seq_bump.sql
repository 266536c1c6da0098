-- Rows from before V18 get a number; from now on every insert and every update of a row takes the
-- next one (unless the statement sets change_seq itself).
UPDATE question SET change_seq = NEXT VALUE FOR qa_change_seq;
UPDATE answer SET change_seq = NEXT VALUE FOR qa_change_seq;
ALTER TABLE question ALTER COLUMN change_seq SET DEFAULT NEXT VALUE FOR qa_change_seq;
ALTER TABLE question ALTER COLUMN change_seq SET ON UPDATE NEXT VALUE FOR qa_change_seq;
ALTER TABLE answer ALTER COLUMN change_seq SET DEFAULT NEXT VALUE FOR qa_change_seq;
ALTER TABLE answer ALTER COLUMN change_seq SET ON UPDATE NEXT VALUE FOR qa_change_seq;
INSERT INTO database_identity (id) VALUES (CAST(RANDOM_UUID() AS VARCHAR(36)));
