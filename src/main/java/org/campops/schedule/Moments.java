package org.campops.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled moments, one mechanism for every feature: a row plans its moments ({@link #plan}), each
 * becomes a Quartz trigger carrying its due instant; on fire the feature re-reads the row and queues
 * its posts; at start, missing triggers are restored from the rows ({@link #restore}). Rows created by commands
 * are planned in batches on the {@link MomentPlanner}'s thread ({@link #planSoon}).
 */
public final class Moments {
    private static final Logger LOG = LoggerFactory.getLogger(Moments.class);
    /** A fire that failed (the database was unreachable, say) is tried again after this. */
    static final Duration RETRY_FAILED_FIRE = Duration.ofSeconds(30);

    private final Scheduling scheduling;
    private final Clock clock;
    private final Map<String, MomentSource> sources = new LinkedHashMap<>();
    private volatile MomentObserver observer = MomentObserver.NONE;
    private final MomentPlanner planner = new MomentPlanner(this::planBatch);

    public Moments(Scheduling scheduling, JobFactoryRegistry jobs, Clock clock) {
        this.scheduling = scheduling;
        this.clock = clock;
        jobs.register(MomentJob.class, () -> new MomentJob(this));
    }

    /** Tells {@code o} about every moment fired (metrics). */
    public void observe(MomentObserver o) {
        observer = o == null ? MomentObserver.NONE : o;
    }

    public void register(MomentSource source) {
        sources.put(source.feature(), source);
    }

    /**
     * Plans row {@code rowId} on the planner thread, batched with other rows (one Quartz transaction
     * for many, once the calls pause: see {@link MomentPlanner#PLAN_QUIET}), so a command is acknowledged
     * as soon as its row is committed. If the process dies before the trigger exists, {@link #restore} at
     * the next start plans it from the row.
     */
    public void planSoon(String feature, long rowId) {
        planner.add(new Moment(feature, rowId, "", Instant.EPOCH));
    }

    /** Waits until every row handed to {@link #planSoon} has its triggers (tests, orderly stop). */
    public boolean awaitPlanned(Duration timeout) throws InterruptedException {
        return planner.awaitPlanned(timeout);
    }

    /** Plans the rows of one {@link MomentPlanner} batch (each once) in one Quartz transaction. */
    private void planBatch(List<Moment> rows) {
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Moment row : rows) {
            if (!seen.add(row.group())) {
                continue;
            }
            unplan(row.feature(), row.rowId());
            for (Moment m : source(row.feature()).planned(row.rowId())) {
                JobDetail d = job(m);
                jobs.put(d, Set.of(trigger(m, d, firstFire(m))));
            }
        }
        scheduleAll(jobs);
    }

    /** Stores many triggers in one Quartz transaction. */
    private void scheduleAll(Map<JobDetail, Set<? extends Trigger>> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            scheduling.quartz().scheduleJobs(jobs, true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule " + jobs.size() + " moments", e);
        }
    }

    /** Replaces the triggers of row {@code rowId} with the moments it plans now. */
    public void plan(String feature, long rowId) {
        MomentSource source = source(feature);
        unplan(feature, rowId);
        for (Moment m : source.planned(rowId)) {
            schedule(m, firstFire(m));
        }
    }

    /** Removes every trigger of row {@code rowId}. */
    public void unplan(String feature, long rowId) {
        Scheduler s = scheduling.quartz();
        try {
            Set<JobKey> keys = s.getJobKeys(GroupMatcher.jobGroupEquals(feature + "-" + rowId));
            if (!keys.isEmpty()) {
                s.deleteJobs(List.copyOf(keys));
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule " + feature + "-" + rowId, e);
        }
    }

    /** {@link #nextFire(String, long, String)} of a typed kind. */
    public @Nullable Instant nextFire(String feature, long rowId, MomentKind kind) {
        return nextFire(feature, rowId, kind.text());
    }

    /** When moment {@code kind} of the row fires next, or null when it has no trigger. */
    public @Nullable Instant nextFire(String feature, long rowId, String kind) {
        try {
            Trigger t = scheduling.quartz().getTrigger(TriggerKey.triggerKey(kind, feature + "-" + rowId));
            return t == null || t.getNextFireTime() == null
                    ? null
                    : t.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * At start: every moment a row still plans gets its trigger back if it has none (missed ones fire
     * now). Returns how many were restored.
     */
    public int restore() {
        Set<TriggerKey> existing;
        try {
            existing = scheduling.quartz().getTriggerKeys(GroupMatcher.anyTriggerGroup());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot list the stored triggers", e);
        }
        Instant now = clock.instant();
        Map<JobDetail, Set<? extends Trigger>> missing = new LinkedHashMap<>();
        for (MomentSource source : sources.values()) {
            for (Moment m : source.allPlanned()) {
                if (!existing.contains(TriggerKey.triggerKey(m.kind(), m.group()))) {
                    JobDetail d = job(m);
                    missing.put(d, Set.of(trigger(m, d, firstFire(m, now))));
                }
            }
        }
        if (missing.isEmpty()) {
            return 0;
        }
        scheduleAll(missing);
        LOG.info("restored {} scheduled moments from the database", missing.size());
        return missing.size();
    }

    void fire(Moment m) {
        MomentSource source = sources.get(m.feature());
        if (source == null) {
            LOG.warn("moment {} of unknown feature {} ignored", m, m.feature());
            return;
        }
        Duration late = Duration.between(m.due(), clock.instant());
        Duration lateness = late.isNegative() ? Duration.ZERO : late;
        try {
            source.fire(m);
            tell(m.feature(), lateness, true);
        } catch (RuntimeException e) {
            tell(m.feature(), lateness, false);
            LOG.warn(
                    "moment {}-{} {} failed, trying again in {} s: {}",
                    m.feature(),
                    m.rowId(),
                    m.kind(),
                    RETRY_FAILED_FIRE.toSeconds(),
                    e.toString());
            try {
                schedule(m, clock.instant().plus(RETRY_FAILED_FIRE));
            } catch (RuntimeException again) {
                LOG.warn("moment {} not rescheduled; it is restored at the next start: {}", m, again.toString());
            }
        }
    }

    private void tell(String feature, Duration lateness, boolean ok) {
        try {
            observer.fired(feature, lateness, ok);
        } catch (RuntimeException e) {
            LOG.warn("moment observer failed: {}", e.toString());
        }
    }

    private void schedule(Moment m, Instant at) {
        JobDetail detail = job(m);
        try {
            scheduling.quartz().scheduleJob(detail, Set.of(trigger(m, detail, at)), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule " + m, e);
        }
    }

    /**
     * When a moment's trigger first fires: at its due instant, or now when that has passed. A trigger that starts
     * more than Quartz's misfire threshold (60 s) in the past is a misfire, which Quartz only picks up on its next
     * misfire scan, up to a minute later: a moment planned late (a program file synced at start, a row planned
     * after a slow start) would fire that much later than it can.
     */
    private Instant firstFire(Moment m) {
        return firstFire(m, clock.instant());
    }

    private static Instant firstFire(Moment m, Instant now) {
        return m.due().isAfter(now) ? m.due() : now;
    }

    private static JobDetail job(Moment m) {
        // requestRecovery: a moment that was firing on an instance that died fires again on another (fire is
        // idempotent).
        return JobBuilder.newJob(MomentJob.class)
                .withIdentity(m.kind(), m.group())
                .requestRecovery(true)
                .usingJobData(MomentJob.FEATURE, m.feature())
                .usingJobData(MomentJob.ROW, String.valueOf(m.rowId()))
                .usingJobData(MomentJob.KIND, m.kind())
                .usingJobData(MomentJob.DUE, String.valueOf(m.due().toEpochMilli()))
                .build();
    }

    private static Trigger trigger(Moment m, JobDetail detail, Instant at) {
        return TriggerBuilder.newTrigger()
                .withIdentity(m.kind(), m.group())
                .forJob(detail)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    private MomentSource source(String feature) {
        MomentSource s = sources.get(feature);
        if (s == null) {
            throw new IllegalArgumentException("no moment source " + feature);
        }
        return s;
    }
}
