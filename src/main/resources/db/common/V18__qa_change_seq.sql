-- The Q&A search index is saved beside an H2 file database. Every change to a question or an answer
-- takes the next number of qa_change_seq (set by the database itself: V19 of each vendor), so a start
-- re-indexes only what changed after the saved index's mark. database_identity tells the index which
-- database it was saved from.
CREATE SEQUENCE qa_change_seq;
ALTER TABLE question ADD COLUMN change_seq BIGINT;
ALTER TABLE answer ADD COLUMN change_seq BIGINT;
CREATE INDEX idx_question_change ON question (change_seq);
CREATE INDEX idx_answer_change ON answer (change_seq);
CREATE TABLE database_identity (
    id  VARCHAR(36)  NOT NULL PRIMARY KEY
);
