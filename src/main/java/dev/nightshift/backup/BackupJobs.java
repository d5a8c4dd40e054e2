package dev.nightshift.backup;

import dev.nightshift.jobs.JobRunner;
import dev.nightshift.postgres.PgTarget;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The backup family's public entry point: starts a backup or a restore. The run key makes a run unique;
 * a CronJob passes its schedule time so a retried pod continues the same run instead of starting another.
 */
@Component
public class BackupJobs {

    private final JobRunner runner;
    private final BackupTools tools;
    private final BackupCatalog catalog;
    private final Job backupJob;
    private final Job restoreJob;
    private final Job testRestoreJob;

    BackupJobs(JobRunner runner, BackupTools tools, BackupCatalog catalog, @Qualifier("backupJob") Job backupJob,
               @Qualifier("restoreJob") Job restoreJob, @Qualifier("backupTestRestoreJob") Job testRestoreJob) {
        this.runner = runner;
        this.tools = tools;
        this.catalog = catalog;
        this.backupJob = backupJob;
        this.restoreJob = restoreJob;
        this.testRestoreJob = testRestoreJob;
    }

    /**
     * Refuses (SafetyGuardException) a restore verification that would load a protected server without
     * confirmation; the job checks again, but a command should refuse before it dumps anything.
     */
    public void checkVerifyByRestoreAllowed(PgTarget source, boolean confirmedProduction) {
        tools.scratchServer(source, confirmedProduction);
    }

    /**
     * Backs up one logical database; {@code verify} (list or restore) and the confirmation do not identify
     * the run, so a restart may change them.
     */
    public JobExecution backup(String environment, String logical, String verify, boolean confirmedProduction,
                               String runKey) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(BackupRun.ENVIRONMENT, environment)
                .addString(BackupRun.DATABASE, logical)
                .addString(BackupRun.RUN_KEY, runKey)
                .addString(BackupRun.VERIFY, verify, false)
                .addString(BackupRun.CONFIRMED, Boolean.toString(confirmedProduction), false)
                .toJobParameters();
        return runner.run(backupJob, parameters);
    }

    /** Restores backup {@code backupId} of {@code from}/{@code logical} into the same logical database of {@code into}. */
    public JobExecution restore(String from, String logical, long backupId, String into, boolean confirmedProduction,
                                String runKey) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(RestoreRun.FROM, from)
                .addString(RestoreRun.DATABASE, logical)
                .addLong(RestoreRun.BACKUP_ID, backupId)
                .addString(RestoreRun.INTO, into)
                .addString(RestoreRun.RUN_KEY, runKey)
                .addString(RestoreRun.CONFIRMED, Boolean.toString(confirmedProduction), false)
                .toJobParameters();
        return runner.run(restoreJob, parameters);
    }

    /**
     * Restores the newest verified backup of {@code environment}/{@code logical} into a throwaway database,
     * measures the time and compares it with the manifest (see nightshift backups test-restore). The
     * confirmation is not identifying: a restart may add it.
     */
    public JobExecution testRestore(String environment, String logical, boolean confirmedProduction, String runKey) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(BackupRun.ENVIRONMENT, environment)
                .addString(BackupRun.DATABASE, logical)
                .addString(BackupRun.RUN_KEY, runKey)
                .addString(BackupRun.CONFIRMED, Boolean.toString(confirmedProduction), false)
                .toJobParameters();
        return runner.run(testRestoreJob, parameters);
    }

    /** A new Tink keyset for nightshift.backup.encryption.keyset-file, as cleartext JSON. */
    public static String generateKeyset() {
        return ArtifactCipher.generateKeyset();
    }

    /** A cataloged (not deleted) backup by its id. */
    public Optional<CatalogEntry> find(long id) {
        return catalog.find(id);
    }

    /** The newest backup of {@code environment}/{@code logical} that passed verification, if any. */
    public Optional<CatalogEntry> latestVerified(String environment, String logical) {
        return catalog.latestVerified(environment, logical);
    }

    /**
     * The plain pg_dump stream of a cataloged backup, decompressed. Its close() proves the artifact's
     * checksum over every stored byte and throws an IOException on a mismatch, so a damaged artifact never
     * passes for a complete one.
     */
    public InputStream openArtifact(CatalogEntry entry) throws IOException {
        return new ChecksummedArtifactStream(tools.stored(entry).open(), entry);
    }
}
