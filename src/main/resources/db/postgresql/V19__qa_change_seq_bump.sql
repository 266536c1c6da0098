-- Rows from before V18 get a number; from now on every insert and every update of a row takes the
-- next one (a trigger: PostgreSQL has no ON UPDATE for columns).
UPDATE question SET change_seq = nextval('qa_change_seq');
UPDATE answer SET change_seq = nextval('qa_change_seq');
CREATE FUNCTION qa_change_seq_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := nextval('qa_change_seq');
    RETURN NEW;
END
$$;
CREATE TRIGGER question_change_seq BEFORE INSERT OR UPDATE ON question
    FOR EACH ROW EXECUTE FUNCTION qa_change_seq_bump();
CREATE TRIGGER answer_change_seq BEFORE INSERT OR UPDATE ON answer
    FOR EACH ROW EXECUTE FUNCTION qa_change_seq_bump();
INSERT INTO database_identity (id) VALUES (gen_random_uuid()::text);
