package org.campops.program;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.campops.config.Program;
import org.campops.schedule.Moment;
import org.campops.schedule.MomentSource;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program file's moments as rows: at start {@link #sync} compares what the file plans with what
 * is stored (new moments are added, moved ones re-planned, dropped ones removed, done ones left
 * alone), and each row is one scheduled moment. A moment fires once: its row becomes DONE in the
 * transaction that queues its posts, and a moment missed while the bot was down fires late only
 * within its part's grace, otherwise it is SKIPPED.
 */
public final class ProgramMoments implements MomentSource {
    private static final Logger LOG = LoggerFactory.getLogger(ProgramMoments.class);
    public static final String FEATURE = "program";
    private static final String KIND = "due";

    private final Database db;
    private final Moments moments;
    private final Clock clock;
    private final Map<String, ProgramPart> parts = new LinkedHashMap<>();
    private final ProgramMomentRepository repo = new ProgramMomentRepository();
    private volatile Program program;

    public ProgramMoments(Database db, Moments moments, Clock clock, Program program) {
        this.db = db;
        this.moments = moments;
        this.clock = clock;
        this.program = program;
    }

    public void register(ProgramPart part) {
        parts.put(part.name(), part);
    }

    /** A stored moment. */
    public record Row(long id, String key, String part, Instant due, String status) {}

    /** What {@link #sync} changed. */
    public record SyncResult(int added, int moved, int removed, int skippedPast) {}

    /**
     * Brings the stored moments in line with the program file. New moments already past their grace
     * are stored as SKIPPED (a program written mid-camp does not post its past); moved ones are
     * re-planned; PLANNED ones the file no longer has are REMOVED.
     */
    public SyncResult sync() {
        Instant now = clock.instant();
        Map<String, ProgramPart.Planned> desired = new LinkedHashMap<>();
        Map<String, ProgramPart> partOf = new HashMap<>();
        for (ProgramPart part : parts.values()) {
            for (ProgramPart.Planned p : part.plan(program)) {
                if (!p.key().startsWith(part.name() + ":")) {
                    throw new IllegalStateException("moment key " + p.key() + " does not start with " + part.name());
                }
                desired.put(p.key(), p);
                partOf.put(p.key(), part);
            }
        }
        List<Long> replan = new ArrayList<>();
        List<Long> unplan = new ArrayList<>();
        int[] counts = new int[4];
        db.inTransaction(c -> {
            Map<String, Row> stored = new HashMap<>();
            for (Row r : repo.all(c)) {
                stored.put(r.key(), r);
            }
            for (ProgramPart.Planned p : desired.values()) {
                Row r = stored.get(p.key());
                boolean past = now.isAfter(p.due()
                        .plus(Objects.requireNonNull(partOf.get(p.key()), "its part")
                                .grace(p)));
                if (r == null) {
                    long id =
                            repo.insert(c, p.key(), partOf.get(p.key()).name(), p.due(), past ? "SKIPPED" : "PLANNED");
                    if (past) {
                        counts[3]++;
                    } else {
                        replan.add(id);
                        counts[0]++;
                    }
                } else if ((r.status().equals("PLANNED") || r.status().equals("REMOVED"))
                        && !r.due().equals(p.due())) {
                    repo.move(c, r.id(), p.due(), past ? "SKIPPED" : "PLANNED");
                    (past ? unplan : replan).add(r.id());
                    counts[1]++;
                } else if (r.status().equals("REMOVED")) {
                    repo.setStatus(c, r.id(), "PLANNED");
                    replan.add(r.id());
                    counts[0]++;
                }
            }
            for (Row r : stored.values()) {
                if (r.status().equals("PLANNED") && !desired.containsKey(r.key())) {
                    repo.setStatus(c, r.id(), "REMOVED");
                    unplan.add(r.id());
                    counts[2]++;
                }
            }
            return null;
        });
        for (long id : unplan) {
            moments.unplan(FEATURE, id);
        }
        for (long id : replan) {
            moments.planSoon(FEATURE, id);
        }
        SyncResult result = new SyncResult(counts[0], counts[1], counts[2], counts[3]);
        if (counts[0] + counts[1] + counts[2] + counts[3] > 0) {
            LOG.info(
                    "program: {} moments added, {} moved, {} removed, {} already past",
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3]);
        }
        return result;
    }

    public List<Row> rows() {
        return db.inTransaction(repo::all);
    }

    public Optional<Row> row(String key) {
        return db.inTransaction(c -> repo.byKey(c, key));
    }

    public Program program() {
        return program;
    }

    @Override
    public String feature() {
        return FEATURE;
    }

    @Override
    public List<Moment> planned(long rowId) {
        return db.inTransaction(c -> repo.byId(c, rowId))
                .filter(r -> r.status().equals("PLANNED"))
                .map(r -> List.of(new Moment(FEATURE, rowId, KIND, r.due())))
                .orElse(List.of());
    }

    @Override
    public List<Moment> allPlanned() {
        return db.inTransaction(c -> repo.planned(c).stream()
                .map(r -> new Moment(FEATURE, r.id(), KIND, r.due()))
                .toList());
    }

    /** Fires the moment {@code key} as planned (tests drive a simulated week this way). */
    public void fire(String key) {
        Row r = row(key).orElseThrow(() -> new IllegalArgumentException("no program moment " + key));
        fire(new Moment(FEATURE, r.id(), KIND, r.due()));
    }

    @Override
    public void fire(Moment m) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Optional<Row> found = repo.byId(c, m.rowId());
            if (found.isEmpty()
                    || !found.get().status().equals("PLANNED")
                    || !found.get().due().equals(m.due())) {
                LOG.debug("program moment {} is done, removed or moved; not fired", m.rowId());
                return null;
            }
            Row r = found.get();
            ProgramPart part = parts.get(r.part());
            if (part == null) {
                LOG.warn("program moment {} of unknown part {}; skipped", r.key(), r.part());
                return null;
            }
            ProgramPart.Planned p = new ProgramPart.Planned(r.key(), r.due());
            if (now.isAfter(r.due().plus(part.grace(p)))) {
                LOG.info("program moment {} was due {} and is past its grace; skipped", r.key(), r.due());
                repo.finish(c, r.id(), "SKIPPED", now);
                return null;
            }
            part.fire(c, p, now);
            repo.finish(c, r.id(), "DONE", now);
            return null;
        });
    }
}
