package dev.nightshift.sync.swap;

import dev.nightshift.jobs.HeldLocks;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.DatabaseSwap;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Reached only when the verification passed: the copy takes the target's name and the old database becomes
 * {@code __previous} (kept until the next successful sync, for a quick way back), both renames in one
 * transaction (see {@link DatabaseSwap}). A restarted run finishes an interrupted swap.
 */
public final class SyncSwapTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SyncSwapTasklet.class);

    private final SyncTools tools;

    public SyncSwapTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        Failpoint.reach("sync.swap.before");
        // a run whose lock went with its ops connection swaps nothing: another sync, backup or restore of the
        // target may have started meanwhile
        HeldLocks.requireHeld(run.executionId());
        PgTarget target = tools.target(run.to(), run.database());
        String previous = SyncRun.previousName(target.database());
        DatabaseSwap.Outcome outcome = new DatabaseSwap(target, "sync.swap").swap(
                SyncRun.incomingName(target.database()), target.database(), previous, run.swapMarker());
        log.info("{} now holds the new masked copy{}", target.describe(), switch (outcome) {
            case SWAPPED -> "; the old one is kept as " + previous;
            case CREATED -> " (it did not exist before)";
            case ALREADY_SWAPPED -> " (the interrupted run had swapped it in; connections are allowed again)";
        });
        return RepeatStatus.FINISHED;
    }
}
