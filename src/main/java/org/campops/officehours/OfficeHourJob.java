package org.campops.officehours;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** One moment of an office hour (a reminder, the agenda, the start): fans out to channel and RSVPs. */
public final class OfficeHourJob implements Job {
    static final String ID = "officeHourId";
    static final String KIND = "kind";
    private final OfficeHourService service;

    public OfficeHourJob(OfficeHourService service) {
        this.service = service;
    }

    @Override
    public void execute(JobExecutionContext context) {
        service.fire(Long.parseLong(context.getMergedJobDataMap().getString(ID)), context.getMergedJobDataMap().getString(KIND));
    }
}
