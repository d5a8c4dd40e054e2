package dev.nightshift.sync;

import dev.nightshift.sync.snapshot.SnapshotSeal;
import dev.nightshift.sync.snapshot.SpoolFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import java.io.IOException;
import java.nio.file.Files;

/**
 * A failed export leaves nothing: its unsealed snapshot directory is removed. A stopped or killed one keeps
 * it for {@code jobs restart}, which redoes an incomplete extraction from a new source snapshot.
 */
final class SnapshotExportLifecycle implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(SnapshotExportLifecycle.class);

    @Override
    public void afterJob(JobExecution execution) {
        SyncRun run = new SyncRun(execution);
        if (execution.getStatus() != BatchStatus.FAILED || run.spool() == null
                || Files.exists(run.spool().resolve(SnapshotSeal.FILE))) {
            return;
        }
        try {
            SpoolFiles.delete(run.spool());
            log.info("the incomplete snapshot {} was removed", run.spool());
        } catch (IOException e) {
            log.warn("could not remove the incomplete snapshot {}: {}", run.spool(), e.getMessage());
        }
    }
}
