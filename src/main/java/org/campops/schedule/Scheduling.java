package org.campops.schedule;

import java.util.Properties;
import java.util.UUID;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz on the application's database (JDBC job store), so scheduled work survives restarts.
 * Every trigger is derived from a row and named after it (e.g. {@code reminder-42}).
 *
 * <p>Two instances in one JVM share nothing but Quartz's JVM-wide registries, each under names of its
 * own. Quartz uses a scheduler's name
 * for two things: it is the {@code SCHED_NAME} of every {@code QRTZ_} row, which must stay
 * {@link #SCHEDULER_NAME} across restarts and be the same on every node of a PostgreSQL cluster
 * (clustered nodes share the instance name and differ by instance id), and it is the key of Quartz's
 * JVM-wide {@code SchedulerRepository}, where {@code StdSchedulerFactory.getScheduler()} returns the
 * running scheduler of that name instead of making a new one (a second instance would then plan into
 * the first one's database and replace its job factory). So the scheduler gets a name unique in this
 * JVM, and {@link Store} keeps writing its rows under {@link #SCHEDULER_NAME}. (A unique name in the
 * rows would not do, even on H2 alone: a restart would no longer see the triggers of the run before.)
 */
public final class Scheduling implements AutoCloseable {
    /** The scheduler name stored in every QRTZ_ row; it must stay the same across restarts and cluster nodes. */
    public static final String SCHEDULER_NAME = "CampOps";

    public static final int THREADS = 4;
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES =
            new java.util.concurrent.atomic.AtomicInteger();

    private final Scheduler scheduler;
    private final PoolConnectionProvider connections;
    private final java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();

    public Scheduling(Database db, JobFactoryRegistry jobs) {
        // A unique provider name per instance: DBConnectionManager is a JVM-wide registry (with no way to
        // remove an entry: the provider lets go of the pool when Quartz shuts the job store down).
        String dsName = "campops-" + UUID.randomUUID();
        connections = new PoolConnectionProvider(db.dataSource());
        DBConnectionManager.getInstance().addConnectionProvider(dsName, connections);
        Properties p = new Properties();
        // Unique in this JVM (see the class comment); also names Quartz's threads, e.g. CampOps-1_Worker-1.
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME + "-" + INSTANCES.incrementAndGet());
        // One process per H2 file: a fixed id lets Quartz clean up, at start, what the previous run left
        // acquired or running. Clustered instances on PostgreSQL each need their own id.
        p.setProperty("org.quartz.scheduler.instanceId", db.vendor() == Database.Vendor.POSTGRESQL ? "AUTO" : "single");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.setProperty("org.quartz.jobStore.class", Store.class.getName());
        p.setProperty("org.quartz.jobStore.tablesSchedulerName", SCHEDULER_NAME);
        p.setProperty(
                "org.quartz.jobStore.driverDelegateClass",
                db.vendor() == Database.Vendor.POSTGRESQL
                        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(db.vendor() == Database.Vendor.POSTGRESQL));
        // Quartz acquires one trigger at a time without its trigger lock by default; a row unplanned meanwhile
        // (Moments.unplan deletes its jobs) then leaves a trigger read whose job is gone, and Quartz 2.5 fails on it
        // with a NullPointerException ("Couldn't acquire next trigger"). Within the lock, the two take turns.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        if (db.vendor() == Database.Vendor.POSTGRESQL) {
            // A trigger planned by another instance is only seen when this one next looks (Quartz's default
            // idle wait is 30 s): look every 5 s, so a survivor fires a dead instance's moments in time.
            p.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
            // A stopped or dead instance's acquired triggers are freed only once the others judge it failed: its last
            // check-in plus the interval plus 7.5 s. Quartz's shutdown can leave a trigger it acquired while pausing,
            // so a restarted bot's due reminder waited ~20 s with the default 7.5 s interval; 2 s makes it ~10 s.
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "2000");
        }
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
            scheduler.setJobFactory(jobs);
        } catch (SchedulerException e) {
            connections.shutdown();
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Quartz's JDBC job store, writing its rows under {@code tablesSchedulerName} whatever the scheduler's
     * own name: Quartz hands the store the scheduler's name, which here is unique per JVM object.
     */
    public static final class Store extends org.quartz.impl.jdbcjobstore.JobStoreTX {
        private @Nullable String tablesSchedulerName;

        /** Set by Quartz from {@code org.quartz.jobStore.tablesSchedulerName}. */
        public void setTablesSchedulerName(String name) {
            this.tablesSchedulerName = name;
            super.setInstanceName(name);
        }

        @Override
        public void setInstanceName(String schedulerName) {
            super.setInstanceName(tablesSchedulerName != null ? tablesSchedulerName : schedulerName);
        }
    }

    Scheduler quartz() {
        return scheduler;
    }

    /**
     * Stops firing (waiting for running jobs when {@code waitForJobs}); only the first call does, later
     * ones return at once. Quartz then shuts its job store down, which closes the connection provider.
     */
    public void shutdown(boolean waitForJobs) {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.shutdown(waitForJobs);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        } finally {
            connections.shutdown();
        }
    }

    /**
     * Deletes triggers of versions before scheduled moments (named {@code reminder-42} or
     * {@code officehour-7-remind-PT1H} in the default group); their rows plan them again at start.
     */
    public void dropLegacyTriggers() {
        try {
            for (JobKey k :
                    scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(JobKey.DEFAULT_GROUP))) {
                if (k.getName().matches("(reminder|officehour)-\\d+.*|qa-followup-digest")) {
                    scheduler.deleteJob(k);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot clean old triggers", e);
        }
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler", e);
        }
    }

    @Override
    public void close() {
        shutdown(true);
    }
}
