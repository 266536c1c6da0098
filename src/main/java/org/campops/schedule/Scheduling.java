package org.campops.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.campops.store.Database;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz on the application's database (JDBC job store), so scheduled work survives restarts.
 * Every trigger is derived from a row and named after it (e.g. {@code reminder-42}).
 */
public final class Scheduling implements AutoCloseable {
    /** The scheduler name stored in every QRTZ_ row; it must stay the same across restarts. */
    public static final String SCHEDULER_NAME = "CampOps";
    public static final int THREADS = 4;

    private final Scheduler scheduler;

    public Scheduling(Database db, JobFactoryRegistry jobs) {
        // A unique provider name per instance: DBConnectionManager is a JVM-wide registry.
        String dsName = "campops-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new PoolConnectionProvider(db.dataSource()));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        // One process per H2 file: a fixed id lets Quartz clean up, at start, what the previous run left
        // acquired or running. Clustered instances on PostgreSQL each need their own id.
        p.setProperty("org.quartz.scheduler.instanceId", db.vendor() == Database.Vendor.POSTGRESQL ? "AUTO" : "single");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", db.vendor() == Database.Vendor.POSTGRESQL
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(db.vendor() == Database.Vendor.POSTGRESQL));
        if (db.vendor() == Database.Vendor.POSTGRESQL) {
            // A trigger planned by another instance is only seen when this one next looks (Quartz's default
            // idle wait is 30 s): look every 5 s, so a survivor fires a dead instance's moments in time.
            p.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
        }
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
            scheduler.setJobFactory(jobs);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    Scheduler quartz() {
        return scheduler;
    }

    /** Stops firing: waits for running jobs when {@code waitForJobs}. */
    public void shutdown(boolean waitForJobs) {
        try {
            if (!scheduler.isShutdown()) {
                scheduler.shutdown(waitForJobs);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes triggers of versions before scheduled moments (named {@code reminder-42} or
     * {@code officehour-7-remind-PT1H} in the default group); their rows plan them again at start.
     */
    public void dropLegacyTriggers() {
        try {
            for (JobKey k : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(JobKey.DEFAULT_GROUP))) {
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
