package org.campops.program;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.campops.config.Program;
import org.jdbi.v3.core.Handle;

/**
 * A feature whose moments come from the program file (weekly prompts, duty reminders, meetings,
 * deadlines, wrap-up digests). {@link ProgramMoments} stores and plans them; the part says what they
 * are and what they post.
 */
public interface ProgramPart {
    /** Prefix of its moments' keys, e.g. "prompt". */
    String name();

    /**
     * Every moment of the whole program, past ones included, each under a key that stays the same
     * when the file is edited (e.g. {@code prompt:trash-detection:2026-11-16}).
     */
    List<Planned> plan(Program program);

    /** Queues the moment's posts in the outbox in {@code c}, the transaction that marks it done. */
    void fire(Handle c, Planned moment, Instant now) throws SQLException;

    /** How late a moment missed while the bot was down may still fire; after that it is skipped. */
    default Duration grace(Planned moment) {
        return Duration.ofHours(1);
    }

    /**
     * One moment: the text of a {@link ProgramKey} unique among all parts (it starts with the part's name; the
     * part's key type parses it) and when it is due.
     */
    record Planned(String key, Instant due) {
        public Planned(ProgramKey key, Instant due) {
            this(key.text(), due);
        }
    }
}
