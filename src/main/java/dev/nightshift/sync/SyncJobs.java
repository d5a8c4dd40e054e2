package dev.nightshift.sync;

import dev.nightshift.sync.snapshot.SnapshotSource;
import dev.nightshift.config.SnapshotStorageProperties;
import dev.nightshift.jobs.JobRunner;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Optional;

/** The sync family's public entry point: runs a sync of one logical database, or checks its rules. */
@Component
public class SyncJobs {

    private final JobRunner runner;
    private final SyncTools tools;
    private final Job syncJob;
    private final Job exportJob;
    private final Job importJob;

    SyncJobs(JobRunner runner, SyncTools tools, @Qualifier("syncJob") Job syncJob,
             @Qualifier("syncExportJob") Job exportJob, @Qualifier("syncImportJob") Job importJob) {
        this.runner = runner;
        this.tools = tools;
        this.syncJob = syncJob;
        this.exportJob = exportJob;
        this.importJob = importJob;
    }

    /**
     * Writes a masked snapshot of {@code from}/{@code logical} under {@code directory} (null: the configured
     * snapshot storage: the snapshot directory, or the bucket, through the work directory). Needs the source's
     * credentials and the salt; touches no target.
     */
    public JobExecution export(String from, String logical, Path directory, String source, String runKey) {
        boolean upload = directory == null
                && tools.settings().snapshotStorage().type() == SnapshotStorageProperties.Type.S3;
        Path local = directory != null ? directory
                : upload ? tools.settings().workDirectory().resolve("outgoing") : tools.settings().snapshots();
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(SyncRun.FROM, from)
                .addString(SyncRun.DATABASE, logical)
                .addString(SyncRun.SOURCE, source)
                .addString(SyncRun.SNAPSHOT, local.toAbsolutePath().toString())
                .addString(SyncRun.RUN_KEY, runKey);
        if (upload) {
            parameters.addString(SyncRun.STORAGE, tools.s3Snapshots().location());
        }
        return runner.run(exportJob, parameters.toJobParameters());
    }

    /** Loads a masked snapshot (a path, an id in the snapshot directory, or "latest") into {@code to}/{@code logical}. */
    public JobExecution importSnapshot(String to, String logical, String snapshot, String runKey) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(SyncRun.TO, to)
                .addString(SyncRun.DATABASE, logical)
                .addString(SyncRun.SNAPSHOT, snapshot)
                .addString(SyncRun.RUN_KEY, runKey)
                .toJobParameters();
        return runner.run(importJob, parameters);
    }

    /**
     * Before an export into the configured bucket: the bucket is usable and the keyset (if any) readable, so a
     * bad setting fails in seconds (exit 2), not after the extraction.
     */
    public void requireSnapshotStorage(Path directory) {
        if (directory == null && tools.settings().snapshotStorage().type() == SnapshotStorageProperties.Type.S3) {
            try {
                tools.s3Snapshots().store().requireBucket();
            } catch (java.io.IOException e) {
                throw new dev.nightshift.config.ConfigurationException(e.getMessage()
                        + "; check nightshift.sync.snapshot-storage.s3");
            }
        }
    }

    /**
     * Where a snapshot argument points (exit 2 when nothing is there, or when it is encrypted and the keyset
     * cannot decrypt it); see {@link #importSnapshot}.
     */
    public String locateSnapshot(String logical, String snapshot) {
        try {
            return new SnapshotSource(tools).locate(logical, snapshot);
        } catch (java.io.IOException e) {
            throw new dev.nightshift.config.ConfigurationException("cannot read the snapshot storage: " + e.getMessage());
        }
    }

    /**
     * Copies {@code from}/{@code logical} into {@code to}, masked. {@code source} (auto, backup, live)
     * identifies the run together with the run key.
     */
    public JobExecution sync(String from, String to, String logical, String source, String runKey) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(SyncRun.FROM, from)
                .addString(SyncRun.TO, to)
                .addString(SyncRun.DATABASE, logical)
                .addString(SyncRun.SOURCE, source)
                .addString(SyncRun.RUN_KEY, runKey)
                .toJobParameters();
        return runner.run(syncJob, parameters);
    }

    /** The JSON run report a sync or import wrote, or the snapshot an export sealed, if it got as far as the verification. */
    public Optional<String> report(JobExecution execution) {
        return Optional.ofNullable(new SyncRun(execution).report());
    }

    /** Whether the execution's copy is the live target database (its swap committed), whatever came after. */
    public boolean swappedIn(JobExecution execution) {
        SyncRun run = new SyncRun(execution);
        PgTarget target = tools.target(run.to(), run.database());
        try {
            return run.swapMarker().equals(new DatabaseAdmin(target).comment(target.database()));
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** Refuses (exit 3) a sync into a protected environment, before anything else is looked at. */
    public void requireWritable(String to, String logical) {
        SyncGuard.requireWritable(tools.targets(), to, logical);
    }

    /** Validates the rules against the live source and prints samples; see {@link SyncCheck}. */
    public SyncCheck.Result check(String from, String logical, int sampleRows) throws java.sql.SQLException {
        return new SyncCheck(tools).run(tools.target(from, logical), logical, sampleRows);
    }
}
