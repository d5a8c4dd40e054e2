package dev.nightshift.backup;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Runs only after a verified backup was published: a failed backup never triggers deletion. */
final class RetentionTasklet implements Tasklet {

    private final BackupPruner pruner;

    RetentionTasklet(BackupPruner pruner) {
        this.pruner = pruner;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupRun run = new BackupRun(contribution.getStepExecution());
        pruner.prune(run.environment(), run.database());
        return RepeatStatus.FINISHED;
    }
}
