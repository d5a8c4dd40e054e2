package dev.nightshift.backup;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Drops the {@code __incoming} copy of a restore whose load did not complete (its tasklet drops it on its own
 * failures, but not when the step fails around it: the ops database lost while recording the step). A copy whose
 * load completed is kept: restarting a failed swap needs it. Registered after the lock, so it runs under it.
 */
final class RestoreLeftovers implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RestoreLeftovers.class);

    private final BackupTools tools;

    RestoreLeftovers(BackupTools tools) {
        this.tools = tools;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED || loadCompleted(execution)) {
            return;
        }
        var parameters = execution.getJobParameters();
        try {
            PgTarget target = tools.target(parameters.getString(RestoreRun.INTO), parameters.getString(RestoreRun.DATABASE));
            String incoming = RestoreRun.incomingName(target.database());
            new DatabaseAdmin(target).dropIfExists(incoming);
            log.info("{} was not touched; the partial copy {} was dropped", target.describe(), incoming);
        } catch (Exception e) {
            log.warn("dropping the partial copy of restore execution {} failed (the next restore drops it): {}",
                    execution.getId(), e.getMessage());
        }
    }

    private static boolean loadCompleted(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().equals(RestoreJobConfiguration.JOB_NAME + ".load"))
                .map(StepExecution::getStatus).anyMatch(status -> status == BatchStatus.COMPLETED);
    }
}
