package dev.nightshift.maintenance;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.List;

/**
 * Fails the run when the report found a configured alert condition, after the report was written and the
 * history stored: the CronJob fails and someone looks, and the report says why.
 */
final class AlertTasklet implements Tasklet {

    static final String ALERTS_KEY = "maintenance.alerts";

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String stored = contribution.getStepExecution().getJobExecution().getExecutionContext().getString(ALERTS_KEY, "");
        List<String> alerts = stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
        if (!alerts.isEmpty()) {
            throw new MaintenanceAlertException(alerts);
        }
        return RepeatStatus.FINISHED;
    }
}
