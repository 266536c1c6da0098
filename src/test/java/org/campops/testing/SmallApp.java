package org.campops.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.campops.chat.Notifier;
import org.campops.config.CampConfig;
import org.campops.console.ConsoleOutput;
import org.campops.delivery.Outbox;
import org.campops.schedule.JobFactoryRegistry;
import org.campops.schedule.Moments;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.campops.teams.TeamChannels;
import org.campops.teams.TeamService;

/**
 * A small app for a service test: a fresh in-memory database with the migrations applied, the outbox, the scheduler's
 * store (never started: tests fire moments by hand) and a clock the test moves, with the test camp's config. A test
 * builds on it only the services it needs, and checks rows and returned values.
 */
public final class SmallApp implements AutoCloseable {
    private final CampConfig config;
    private final MutableClock clock;
    private final Database db;
    private final Outbox outbox;
    private final Scheduling scheduling;
    private final Moments moments;
    private final Notifier notifier;
    private TeamService teams;

    private SmallApp(CampConfig config, Instant now) {
        this.config = config;
        this.clock = new MutableClock(now);
        this.db = Database.open(TestConfig.memoryDb(), 4);
        this.outbox = new Outbox(db, clock);
        JobFactoryRegistry jobs = new JobFactoryRegistry();
        this.scheduling = new Scheduling(db, jobs);
        this.moments = new Moments(scheduling, jobs, clock);
        // Posts and channel work only go to the outbox here; nothing sends them.
        this.notifier = new ConsoleOutput(
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                config.camp().zone(),
                clock);
    }

    /** The test camp's config, the clock at {@code now}. */
    public static SmallApp at(Instant now) {
        return new SmallApp(TestConfig.load(), now);
    }

    public static SmallApp of(CampConfig config, Instant now) {
        return new SmallApp(config, now);
    }

    public CampConfig config() {
        return config;
    }

    public MutableClock clock() {
        return clock;
    }

    public Database db() {
        return db;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Moments moments() {
        return moments;
    }

    public Notifier notifier() {
        return notifier;
    }

    /** The teams (their channel work queued in the outbox), made on first use. */
    public TeamService teams() {
        if (teams == null) {
            teams = new TeamService(db, new TeamChannels(outbox, notifier, config), notifier, clock);
        }
        return teams;
    }

    /** The first column of every row of {@code sql}, as text. */
    public List<String> rows(String sql) {
        try (Connection c = db.dataSource().getConnection()) {
            return EndToEnd.rows(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        try {
            scheduling.close();
        } finally {
            db.close();
        }
    }
}
