package dev.nightshift.backup;

import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Restores the newest verified backup of one database into a throwaway database (where a restore
 * verification would: nightshift.backup.verify-environment, or the source's server when confirmed), times
 * it, compares it with the backup's manifest, records the result, and drops the database whatever happened.
 *
 * <p>The comparison is against the manifest, not the live source, which has changed since the dump: every
 * table's row count, as counted from the dump's own stream when the backup was taken. A table whose count
 * differs (or that is missing on either side) fails the test restore, by name. Backups taken before row
 * counts were recorded can only be compared by their table count, and the result says so.
 */
final class TestRestoreTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(TestRestoreTasklet.class);

    private final BackupTools tools;
    private final BackupCatalog catalog;
    private final TestRestoreHistory history;
    private final RunningJobs running;
    private final ScratchRestore scratchRestore = new ScratchRestore();

    TestRestoreTasklet(BackupTools tools, BackupCatalog catalog, TestRestoreHistory history, RunningJobs running) {
        this.tools = tools;
        this.catalog = catalog;
        this.history = history;
        this.running = running;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupRun run = new BackupRun(contribution.getStepExecution());
        PgTarget source = tools.target(run.environment(), run.database());
        CatalogEntry entry = catalog.latestVerified(run.environment(), run.database()).orElseThrow(() ->
                new IllegalStateException("no verified backup of " + run.describe() + " to test; take one with:"
                        + " nightshift backup --env " + run.environment() + " --database " + run.database()));
        PgTarget server = tools.scratchServer(source, run.confirmed());
        log.info("test restore of backup #{} ({}) on the server of {}", entry.id(), entry.artifact(), server.environment());
        Instant started = Instant.now();
        TestRestoreResult result;
        try {
            StoredArtifact artifact = tools.stored(entry);
            BackupManifest manifest = BackupManifest.read(artifact.storage(), BackupStorage.manifestOf(entry.artifact()));
            Map<String, Long> counts = scratchRestore.restoreAndCount(artifact, entry.sha256(), tools.clientFor(server),
                    server, "test_restore", run.executionId(), running.stopSignal(run.executionId()));
            result = judge(entry, server.environment(), started, Instant.now(), manifest, counts);
        } catch (Exception e) {
            Instant failed = Instant.now();
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst().orElse("");
            history.record(new TestRestoreResult(entry.id(), run.environment(), run.database(), server.environment(),
                    started, failed, Duration.between(started, failed).toMillis(), false, null, null, reason), run.executionId());
            throw e;
        }
        history.record(result, run.executionId());
        if (!result.succeeded()) {
            throw new IllegalStateException("test restore of backup #" + entry.id() + " of " + run.describe()
                    + " failed: " + result.detail());
        }
        log.info("test restore of backup #{} of {} passed in {} ms: {}", entry.id(), run.describe(), result.durationMs(),
                result.detail());
        return RepeatStatus.FINISHED;
    }

    private static TestRestoreResult judge(CatalogEntry entry, String scratchEnvironment, Instant started, Instant finished,
                                           BackupManifest manifest, Map<String, Long> counts) {
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        String restored = "restored " + counts.size() + " tables, " + rows + " rows";
        String detail;
        boolean passed;
        if (counts.size() != manifest.tableCount()) {
            passed = false;
            detail = restored + "; the manifest lists " + manifest.tableCount() + " tables";
        } else if (manifest.rowCounts() == null || manifest.rowCounts().isEmpty()) {
            passed = true;
            detail = restored + "; table count matches the manifest (it has no row counts: the backup was taken"
                    + " before they were recorded)";
        } else {
            List<String> differences = RowCountComparison.differences(manifest.rowCounts(), counts);
            passed = differences.isEmpty();
            detail = restored + "; " + (passed ? "every row count matches the manifest" : String.join("; ", differences));
        }
        return new TestRestoreResult(entry.id(), entry.environment(), entry.logicalDatabase(), scratchEnvironment,
                started, finished, Duration.between(started, finished).toMillis(), passed, counts.size(), rows, detail);
    }
}
