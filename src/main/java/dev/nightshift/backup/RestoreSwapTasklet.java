package dev.nightshift.backup;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Replaces the live database with the complete incoming copy: end its sessions, drop it, rename. */
final class RestoreSwapTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RestoreSwapTasklet.class);

    private final BackupTools tools;

    RestoreSwapTasklet(BackupTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RestoreRun run = new RestoreRun(contribution.getStepExecution());
        PgTarget target = tools.target(run.into(), run.database());
        DatabaseAdmin admin = new DatabaseAdmin(target);
        String incoming = RestoreRun.incomingName(target.database());
        if (!admin.exists(incoming)) {
            throw new IllegalStateException(incoming + " is missing; restart the restore to load it again");
        }
        admin.dropIfExists(target.database());
        admin.rename(incoming, target.database());
        log.info("{} now holds backup #{} of {}/{}", target.describe(), run.backupId(), run.from(), run.database());
        return RepeatStatus.FINISHED;
    }
}
