package dev.nightshift.backup;

import dev.nightshift.config.SafetyGuardException;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.ExternalCommandException;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;


/**
 * Restores the chosen backup into {@code <database>__incoming} beside the live database, and checks the
 * artifact's checksum with the same read. Anything going wrong drops the incoming copy; the live database
 * has not been touched yet.
 */
final class RestoreLoadTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RestoreLoadTasklet.class);

    private final BackupTools tools;
    private final BackupCatalog catalog;
    private final RunningJobs running;
    private final ArtifactRestorer restorer = new ArtifactRestorer();

    RestoreLoadTasklet(BackupTools tools, BackupCatalog catalog, RunningJobs running) {
        this.tools = tools;
        this.catalog = catalog;
        this.running = running;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        RestoreRun run = new RestoreRun(contribution.getStepExecution());
        PgTarget target = tools.target(run.into(), run.database());
        if (target.protectedEnvironment() && !run.confirmed()) {
            throw new SafetyGuardException("refusing to restore into " + target.describe() + ": environment '"
                    + run.into() + "' is protected and the run was not confirmed with --confirm-production");
        }
        tools.checkCopy(run.from(), run.into(), "restore " + run.from() + "/" + run.database() + " into " + target.describe());
        CatalogEntry entry = catalog.find(run.backupId()).orElseThrow(() -> new IllegalStateException(
                "backup #" + run.backupId() + " is not in the catalog (deleted by retention?); see nightshift backups"));
        StoredArtifact artifact = tools.stored(entry);
        if (!artifact.storage().exists(entry.artifact())) {
            throw new IllegalStateException("the artifact of backup #" + entry.id() + " is missing: " + artifact.describe());
        }
        PgTarget incoming = target.withDatabase(RestoreRun.incomingName(target.database()));
        DatabaseAdmin admin = new DatabaseAdmin(target);
        admin.dropIfExists(incoming.database());
        admin.create(incoming.database());
        log.info("restoring backup #{} ({}) into {}", entry.id(), entry.artifact(), incoming.describe());
        try {
            restorer.restore(artifact, tools.clientFor(incoming), incoming, entry.sha256(),
                    running.stopSignal(run.executionId()));
        } catch (Exception e) {
            admin.dropIfExists(incoming.database());
            if (e instanceof ExternalCommandException ece && ece.stopped()) {
                throw new JobInterruptedException("restore stopped; " + target.describe() + " was not touched");
            }
            throw e;
        }
        return RepeatStatus.FINISHED;
    }
}
