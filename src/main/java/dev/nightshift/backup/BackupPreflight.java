package dev.nightshift.backup;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;


/**
 * Before a byte is dumped: the server answers, a fitting pg_dump exists, the storage is usable (a local disk
 * has room), the keyset (if any) loads, and a backup
 * whose run died between its manifest and its catalog row is registered.
 */
final class BackupPreflight implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(BackupPreflight.class);

    private final BackupTools tools;
    private final CatalogReconciler reconciler;

    BackupPreflight(BackupTools tools, CatalogReconciler reconciler) {
        this.tools = tools;
        this.reconciler = reconciler;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupRun run = new BackupRun(contribution.getStepExecution());
        PgTarget target = tools.target(run.environment(), run.database());
        var client = tools.clientFor(target);
        BackupStorage storage = tools.storage();
        storage.preflight(run.environment(), run.database(), new DatabaseAdmin(target).sizeBytes(target.database()));
        if (tools.properties().backup().encryption().enabled()) {
            tools.cipherForNewBackups(); // a missing or broken keyset stops the run before the dump
        }
        reconciler.registerUncatalogued(storage, run.environment(), run.database());
        log.info("preflight {}: pg_dump {} in {}", target.describe(), client.version(), client.binDir());
        return RepeatStatus.FINISHED;
    }
}
