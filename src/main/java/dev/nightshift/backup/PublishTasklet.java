package dev.nightshift.backup;

import dev.nightshift.jobs.HeldLocks;
import dev.nightshift.postgres.PgTarget;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;


/**
 * Makes the artifact visible, in an order that never shows a half-done backup: the artifact takes its
 * final name, its checksum file follows, the manifest comes last, then the catalog row. A failed
 * verification is published as unverified (it may still help someone) and fails the job, so retention
 * does not run and an alert goes out.
 */
final class PublishTasklet implements Tasklet {

    private final BackupTools tools;
    private final BackupCatalog catalog;

    PublishTasklet(BackupTools tools, BackupCatalog catalog) {
        this.tools = tools;
        this.catalog = catalog;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        BackupRun run = new BackupRun(contribution.getStepExecution());
        PgTarget target = tools.target(run.environment(), run.database());
        String artifact = run.artifact();
        DumpResult dump = run.dump();
        Verification verification = run.verification();
        BackupStorage storage = tools.storage();

        // a run whose locks went with its ops connection publishes nothing: another may have run meanwhile
        HeldLocks.requireHeld(run.executionId());
        // a restart after a crash past this point finds the artifact already published
        storage.publish(artifact);
        // sha256sum's format, so `sha256sum -c` works in the backup folder without Nightshift
        storage.writeText(BackupStorage.checksumOf(artifact),
                dump.sha256() + "  " + artifact.substring(artifact.lastIndexOf('/') + 1) + "\n");
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, run.environment(), run.database(),
                target.database(), artifact, tools.properties().backup().compression().name().toLowerCase(),
                dump.sizeBytes(), dump.sha256(), dump.startedAt().toString(), dump.finishedAt().toString(),
                dump.serverVersion(), dump.pgDumpVersion(), dump.tableCount(), verification.passed(),
                verification.description(), dump.rowCounts(), storage.location(),
                run.encrypted() ? ArtifactCipher.SCHEME : null, run.encrypted() ? run.keyId() : null);
        manifest.writeTo(storage);
        if (!catalog.contains(manifest.artifact())) {
            catalog.add(manifest, run.executionId());
        }
        if (!verification.passed()) {
            throw new IllegalStateException("verification of " + run.describe() + " failed: "
                    + verification.description() + "; the artifact is kept as unverified and never counts for retention");
        }
        return RepeatStatus.FINISHED;
    }
}
