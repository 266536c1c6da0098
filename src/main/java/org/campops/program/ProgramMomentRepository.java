package org.campops.program;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.campops.program.ProgramMoments.Row;
import org.campops.store.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.RowView;

/** The {@code program_moment} table: the program file's moments as rows (caller's transaction). */
final class ProgramMomentRepository {

    List<Row> all(Handle c) {
        return c.select("SELECT * FROM program_moment ORDER BY due_at, id")
                .map(ProgramMomentRepository::read)
                .list();
    }

    List<Row> planned(Handle c) {
        return c.select("SELECT * FROM program_moment WHERE status = 'PLANNED'")
                .map(ProgramMomentRepository::read)
                .list();
    }

    Optional<Row> byKey(Handle c, String key) {
        return c.select("SELECT * FROM program_moment WHERE moment_key = ?", key)
                .map(ProgramMomentRepository::read)
                .findFirst();
    }

    Optional<Row> byId(Handle c, long id) {
        return c.select("SELECT * FROM program_moment WHERE id = ?", id)
                .map(ProgramMomentRepository::read)
                .findFirst();
    }

    long insert(Handle c, String key, String part, Instant due, String status) {
        return Rows.insert(
                c,
                "INSERT INTO program_moment (moment_key, part, due_at, status) VALUES (?, ?, ?, ?)",
                key,
                part,
                due,
                status);
    }

    void move(Handle c, long id, Instant due, String status) {
        c.execute("UPDATE program_moment SET due_at = ?, status = ? WHERE id = ?", due, status, id);
    }

    void setStatus(Handle c, long id, String status) {
        c.execute("UPDATE program_moment SET status = ? WHERE id = ?", status, id);
    }

    /** Marks the moment DONE or SKIPPED at {@code at}. */
    void finish(Handle c, long id, String status, Instant at) {
        c.execute("UPDATE program_moment SET status = ?, fired_at = ? WHERE id = ?", status, at, id);
    }

    private static Row read(RowView r) {
        return new Row(
                r.getColumn("id", Long.class),
                r.getColumn("moment_key", String.class),
                r.getColumn("part", String.class),
                r.getColumn("due_at", Instant.class),
                r.getColumn("status", String.class));
    }
}
