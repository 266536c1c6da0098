package org.campops.qa;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Every digest interval: lists questions still waiting for a mentor. */
@DisallowConcurrentExecution
public final class QaDigestJob implements Job {
    public static final String KEY = "qa-followup-digest";
    private final QaService service;

    public QaDigestJob(QaService service) {
        this.service = service;
    }

    @Override
    public void execute(JobExecutionContext context) {
        service.runDigest();
    }
}
