package dev.nightshift.backup;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.DatabaseSwap;
import dev.nightshift.jobs.HeldLocks;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Replaces the live database with the complete incoming copy: the live one is renamed to
 * {@code <database>__replaced} and the copy takes its name in one transaction (see {@link DatabaseSwap}); the
 * replaced one is dropped once the new one is in place. A restarted run finishes an interrupted swap.
 */
final class RestoreSwapTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RestoreSwapTasklet.class);

    private final BackupTools tools;

    RestoreSwapTasklet(BackupTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RestoreRun run = new RestoreRun(contribution.getStepExecution());
        Failpoint.reach("restore.swap.before");
        // a run whose lock went with its ops connection swaps nothing: another restore, backup or sync of the
        // target may have started meanwhile
        HeldLocks.requireHeld(run.executionId());
        PgTarget target = tools.target(run.into(), run.database());
        String replaced = RestoreRun.replacedName(target.database());
        DatabaseSwap.Outcome outcome = new DatabaseSwap(target, "restore.swap").swap(
                RestoreRun.incomingName(target.database()), target.database(), replaced, run.swapMarker());
        Failpoint.reach("restore.swap.before-drop-replaced");
        new DatabaseAdmin(target).dropIfExists(replaced);
        log.info("{} now holds backup #{} of {}/{}{}", target.describe(), run.backupId(), run.from(), run.database(),
                switch (outcome) {
                    case SWAPPED -> "; the database it replaced was dropped";
                    case CREATED -> " (it did not exist before)";
                    case ALREADY_SWAPPED -> " (the interrupted run had swapped it in; connections are allowed again)";
                });
        return RepeatStatus.FINISHED;
    }
}
