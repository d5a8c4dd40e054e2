package dev.nightshift.sync;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Reached only when the verification passed: the old database's sessions are ended, it becomes
 * {@code __previous} (kept until the next successful sync, for a quick way back), the copy takes its name.
 */
final class SyncSwapTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncSwapTasklet.class);

    private final SyncTools tools;

    SyncSwapTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        PgTarget target = tools.target(run.to(), run.database());
        DatabaseAdmin admin = new DatabaseAdmin(target);
        boolean replacing = admin.exists(target.database());
        admin.swapIn(SyncRun.incomingName(target.database()), target.database(), SyncRun.previousName(target.database()));
        log.info("{} now holds the masked copy{}", target.describe(), replacing
                ? "; the old one is kept as " + SyncRun.previousName(target.database()) : " (it did not exist before)");
        return RepeatStatus.FINISHED;
    }
}
