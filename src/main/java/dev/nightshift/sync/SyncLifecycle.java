package dev.nightshift.sync;

import dev.nightshift.jobs.DatabaseLocks;
import dev.nightshift.jobs.HeldLocks;
import dev.nightshift.jobs.JobLiveness;
import dev.nightshift.jobs.JobRefusedException;
import dev.nightshift.postgres.AdvisoryLock;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.load.LoadReporter;
import dev.nightshift.sync.snapshot.SpoolFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;

/**
 * One sync into a database at a time (and no backup or restore of it meanwhile), and what is left when a
 * run ends. A failed run drops the incoming
 * copy and the spool: the target database was never touched and stays as it was. A stopped run keeps both
 * so {@code jobs restart} resumes it; a killed one leaves them behind for the same reason.
 */
final class SyncLifecycle implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(SyncLifecycle.class);

    private final DataSource ops;
    private final SyncTools tools;
    private final JobRepository repository;
    private final HeldLocks held = new HeldLocks();

    SyncLifecycle(DataSource ops, SyncTools tools, JobRepository repository) {
        this.ops = ops;
        this.tools = tools;
        this.repository = repository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        SyncRun run = new SyncRun(execution);
        if (execution.getExecutionContext().containsKey(SyncRun.DISCARDED)) {
            throw new JobRefusedException("this sync failed earlier and its incoming copy was dropped, so there is"
                    + " nothing to resume; start a new one with " + (run.snapshot() != null
                    ? "nightshift sync import --env " + run.to() + " --database " + run.database() + " --snapshot " + run.snapshot()
                    : "nightshift sync --from " + run.from() + " --to " + run.to() + " --database " + run.database()));
        }
        // the same lock as a backup or restore of the target: none of them may run while it is replaced
        String name = DatabaseLocks.name(run.to(), run.database());
        try {
            var lock = AdvisoryLock.tryAcquire(ops, name, "nightshift " + JobLiveness.processName() + " job " + execution.getId());
            if (lock.isEmpty()) {
                throw new JobRefusedException("another backup, restore or sync of " + run.to() + "/" + run.database()
                        + " is running ("
                        + AdvisoryLock.holder(ops, name).orElse("another process") + "); this run did nothing");
            }
            held.hold(execution, lock.get(), "sync");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the sync lock in the ops database: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        LoadReporter.finished(execution.getId());
        if (!held.holds(execution.getId())) {
            return; // refused before it started: what exists belongs to the run holding the lock
        }
        try {
            cleanUp(execution);
        } finally {
            held.release(execution.getId());
        }
    }

    private void cleanUp(JobExecution execution) {
        SyncRun run = new SyncRun(execution);
        BatchStatus status = execution.getStatus();
        if (HeldLocks.lost(execution.getId())) {
            // stopped for a lost lock, not for a fault of the copy: keep it and the spool for the restart
            log.info("the incoming copy and the spool are kept for: nightshift jobs restart {}", execution.getId());
            return;
        }
        try {
            if (status == BatchStatus.FAILED) {
                PgTarget target = tools.target(run.to(), run.database());
                DatabaseAdmin admin = new DatabaseAdmin(target);
                if (run.swapMarker().equals(admin.comment(target.database()))) {
                    // the swap committed and failed after: a restart finishes it (allows connections again)
                    log.warn("{} holds the new masked copy (the swap was committed); restart the run to finish it",
                            target.describe());
                    return;
                }
                admin.dropIfExists(SyncRun.incomingName(target.database()));
                execution.getExecutionContext().putString(SyncRun.DISCARDED, "true");
                repository.updateExecutionContext(execution);
                log.info("{} still holds its old data (nothing was swapped); the incoming copy was dropped", target.describe());
            }
            // an imported snapshot is somebody else's, kept as it is; a sync's own spool (or download) goes
            if (status != BatchStatus.STOPPED && status != BatchStatus.STOPPING && run.spool() != null
                    && (!run.imports() || run.downloaded())) {
                SpoolFiles.delete(run.spool());
            }
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("cleaning up after sync execution {} failed: {}", execution.getId(), e.getMessage());
        }
    }
}
