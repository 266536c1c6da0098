package org.campops.schedule;

import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/** The one Quartz job of every moment: hands it to its feature. */
public final class MomentJob implements Job {
    static final String FEATURE = "feature";
    static final String ROW = "row";
    static final String KIND = "kind";
    static final String DUE = "due";
    private final Moments moments;

    MomentJob(Moments moments) {
        this.moments = moments;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        moments.fire(new Moment(
                data.getString(FEATURE),
                Long.parseLong(data.getString(ROW)),
                data.getString(KIND),
                Instant.ofEpochMilli(Long.parseLong(data.getString(DUE)))));
    }
}
