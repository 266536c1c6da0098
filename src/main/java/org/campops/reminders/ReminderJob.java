package org.campops.reminders;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of one reminder: hands the row id to the service. */
public final class ReminderJob implements Job {
    static final String REMINDER_ID = "reminderId";
    private final ReminderService service;

    public ReminderJob(ReminderService service) {
        this.service = service;
    }

    @Override
    public void execute(JobExecutionContext context) {
        service.fire(Long.parseLong(context.getMergedJobDataMap().getString(REMINDER_ID)));
    }
}
