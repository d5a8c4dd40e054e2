package dev.nightshift.backup;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before a byte is dumped: the server answers, a fitting pg_dump exists, the disk has room, and a backup
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
        BackupDirectory directory = tools.directory();
        Path folder = directory.folder(run.environment(), run.database());
        Files.createDirectories(folder);
        checkFreeSpace(folder, new DatabaseAdmin(target).sizeBytes(target.database()));
        reconciler.registerUncatalogued(directory, run.environment(), run.database());
        log.info("preflight {}: pg_dump {} in {}", target.describe(), client.version(), client.binDir());
        return RepeatStatus.FINISHED;
    }

    private void checkFreeSpace(Path folder, long databaseBytes) throws IOException {
        double ratio = tools.properties().backup().freeSpaceRatio();
        long needed = (long) (databaseBytes * ratio);
        long free = Files.getFileStore(folder).getUsableSpace();
        if (free < needed) {
            throw new IOException("not enough free space in " + folder + ": " + Sizes.human(free) + " free, need "
                    + Sizes.human(needed) + " (" + ratio + " x the database's " + Sizes.human(databaseBytes)
                    + "); free some space, or lower nightshift.backup.free-space-ratio if your dumps compress well");
        }
    }
}
