package org.campops.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds Quartz jobs with their services: no statics, nothing but strings in the JobDataMap. */
public final class JobFactoryRegistry implements JobFactory {
    private final Map<Class<? extends Job>, Supplier<? extends Job>> factories = new HashMap<>();

    public <J extends Job> JobFactoryRegistry register(Class<J> type, Supplier<J> factory) {
        factories.put(type, factory);
        return this;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        Supplier<? extends Job> factory = factories.get(type);
        if (factory == null) {
            throw new SchedulerException("no factory registered for job " + type.getName());
        }
        return factory.get();
    }
}
