package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.objectstore.ObjectStore;
import dev.nightshift.postgres.ExternalCommandException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Instant;

/** Dumps the database into a staged artifact; on any failure or stop the staged artifact is removed. */
final class DumpTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DumpTasklet.class);

    private final BackupTools tools;
    private final RunningJobs running;
    private final BackupDumper dumper = new BackupDumper();

    DumpTasklet(BackupTools tools, RunningJobs running) {
        this.tools = tools;
        this.running = running;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupRun run = new BackupRun(contribution.getStepExecution());
        BackupProperties settings = tools.properties().backup();
        PgTarget target = tools.target(run.environment(), run.database());
        var client = tools.clientFor(target);
        BackupStorage storage = tools.storage();
        ArtifactCipher cipher = tools.cipherForNewBackups();
        // here and not in the preflight: a restarted run skips its completed preflight but dumps again
        for (String leftover : storage.removeLeftovers(run.environment(), run.database())) {
            log.warn("removed {} left behind by an interrupted backup", leftover);
        }
        String artifact = storage.newArtifact(run.environment(), run.database(), Instant.now(),
                ".dump" + settings.compression().suffix() + (cipher == null ? "" : ArtifactCipher.SUFFIX));
        StopSignal stop = running.stopSignal(run.executionId());
        log.info("dumping {} into {} ({}{})", target.describe(), artifact, storage,
                cipher == null ? "" : ", encrypted with key " + cipher.primaryKeyId());
        ObjectStore.Upload upload = storage.create(artifact);
        try {
            DumpResult dump = dumper.dump(target, client, upload, settings.compression(),
                    settings.compressionLevel(), cipher, stop);
            run.artifact(artifact);
            run.dump(dump);
            if (cipher != null) {
                run.keyId(cipher.primaryKeyId());
            }
            log.info("dumped {}: {} in {} s", target.describe(), Sizes.human(dump.sizeBytes()),
                    (dump.finishedAt().toEpochMilli() - dump.startedAt().toEpochMilli()) / 1000.0);
            return RepeatStatus.FINISHED;
        } catch (Exception e) {
            upload.abort();
            if (e instanceof ExternalCommandException ece && ece.stopped()) {
                throw new JobInterruptedException("backup of " + target.describe() + " stopped during pg_dump;"
                        + " the partial artifact was removed");
            }
            throw e;
        }
    }
}
