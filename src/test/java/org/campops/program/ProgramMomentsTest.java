package org.campops.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.campops.config.Program;
import org.campops.testing.SmallApp;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The program's stored moments: a sync brings the rows in line with what the parts plan (added, moved, removed, past
 * ones skipped), and a moment fires once, within its part's grace, marking its row done.
 */
class ProgramMomentsTest {
    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SmallApp app = SmallApp.at(NOW);
    private final Part part = new Part();
    private final ProgramMoments program = new ProgramMoments(
            app.db(), app.moments(), app.clock(), app.config().program());

    /** A part whose plan the test sets; it records what fired (grace: one hour). */
    private static final class Part implements ProgramPart {
        final Map<String, Instant> plan = new LinkedHashMap<>();
        final List<String> fired = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test";
        }

        @Override
        public List<Planned> plan(Program p) {
            List<Planned> out = new ArrayList<>();
            plan.forEach((key, due) -> out.add(new Planned(key, due)));
            return out;
        }

        @Override
        public void fire(Handle c, Planned moment, Instant now) {
            fired.add(moment.key() + " at " + now);
        }
    }

    ProgramMomentsTest() {
        program.register(part);
        app.moments().register(program);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private Map<String, String> rows() {
        Map<String, String> out = new LinkedHashMap<>();
        program.rows().forEach(r -> out.put(r.key(), r.due() + " " + r.status()));
        return out;
    }

    @Test
    void aSyncAddsMovesRemovesAndSkipsWhatIsAlreadyPastItsGrace() throws Exception {
        part.plan.put("test:a:1", NOW.plusSeconds(3600));
        part.plan.put("test:b:2", NOW.plusSeconds(7200));
        part.plan.put("test:old", NOW.minus(Duration.ofHours(2)));
        part.plan.put("test:recent", NOW.minus(Duration.ofMinutes(30)));
        assertThat(program.sync()).isEqualTo(new ProgramMoments.SyncResult(3, 0, 0, 1));
        assertThat(rows())
                .containsExactly(
                        Map.entry("test:old", NOW.minus(Duration.ofHours(2)) + " SKIPPED"),
                        Map.entry("test:recent", NOW.minus(Duration.ofMinutes(30)) + " PLANNED"),
                        Map.entry("test:a:1", NOW.plusSeconds(3600) + " PLANNED"),
                        Map.entry("test:b:2", NOW.plusSeconds(7200) + " PLANNED"));
        assertThat(app.moments().awaitPlanned(WAIT)).isTrue();
        long a = program.row("test:a:1").orElseThrow().id();
        assertThat(app.moments().nextFire(ProgramMoments.FEATURE, a, "due")).isEqualTo(NOW.plusSeconds(3600));
        assertThat(program.sync()).as("nothing changed").isEqualTo(new ProgramMoments.SyncResult(0, 0, 0, 0));

        // The file is edited: a moves, b goes away.
        part.plan.put("test:a:1", NOW.plusSeconds(5400));
        part.plan.remove("test:b:2");
        assertThat(program.sync()).isEqualTo(new ProgramMoments.SyncResult(0, 1, 1, 0));
        assertThat(app.moments().awaitPlanned(WAIT)).isTrue();
        assertThat(app.moments().nextFire(ProgramMoments.FEATURE, a, "due")).isEqualTo(NOW.plusSeconds(5400));
        long b = program.row("test:b:2").orElseThrow().id();
        assertThat(program.row("test:b:2").orElseThrow().status()).isEqualTo("REMOVED");
        assertThat(app.moments().nextFire(ProgramMoments.FEATURE, b, "due")).isNull();

        // And back: the removed row is planned again.
        part.plan.put("test:b:2", NOW.plusSeconds(7200));
        assertThat(program.sync()).isEqualTo(new ProgramMoments.SyncResult(1, 0, 0, 0));
        assertThat(app.moments().awaitPlanned(WAIT)).isTrue();
        assertThat(program.row("test:b:2").orElseThrow().status()).isEqualTo("PLANNED");
        assertThat(app.moments().nextFire(ProgramMoments.FEATURE, b, "due")).isEqualTo(NOW.plusSeconds(7200));
        assertThat(app.rows("SELECT COUNT(*) FROM program_moment")).containsExactly("4");
    }

    @Test
    void aMomentFiresOnceWithinItsGraceAndIsSkippedAfter() {
        part.plan.put("test:x:y", NOW.plusSeconds(60));
        part.plan.put("test:late", NOW.plusSeconds(120));
        program.sync();

        app.clock().set(NOW.plusSeconds(90));
        program.fire("test:x:y");
        program.fire("test:x:y");
        assertThat(part.fired).containsExactly("test:x:y at " + NOW.plusSeconds(90));
        assertThat(program.row("test:x:y").orElseThrow().status()).isEqualTo("DONE");

        app.clock().set(NOW.plusSeconds(120).plus(Duration.ofHours(1)).plusSeconds(1));
        program.fire("test:late");
        assertThat(part.fired).hasSize(1);
        assertThat(program.row("test:late").orElseThrow().status()).isEqualTo("SKIPPED");
        assertThat(app.rows("SELECT moment_key FROM program_moment WHERE fired_at IS NOT NULL ORDER BY id"))
                .containsExactly("test:x:y", "test:late");
        assertThatThrownBy(() -> program.fire("test:nothing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMovedMomentIsNotFiredForItsOldTimeAndAKeyOutsideThePartIsRefused() {
        part.plan.put("test:m", NOW.plusSeconds(60));
        program.sync();
        ProgramMoments.Row before = program.row("test:m").orElseThrow();
        part.plan.put("test:m", NOW.plusSeconds(600));
        program.sync();
        app.clock().set(NOW.plusSeconds(60));
        // The trigger planned for the old time fires: the row has moved on, nothing is posted.
        program.fire(new org.campops.schedule.Moment(ProgramMoments.FEATURE, before.id(), "due", before.due()));
        assertThat(part.fired).isEmpty();
        assertThat(program.row("test:m").orElseThrow().status()).isEqualTo("PLANNED");

        part.plan.put("other:key", NOW.plusSeconds(60));
        assertThatThrownBy(program::sync)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("other:key");
    }
}
