package dev.nightshift.backup;

import dev.nightshift.postgres.PgTarget;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        Path artifact = run.artifact();
        DumpResult dump = run.dump();
        Verification verification = run.verification();
        BackupDirectory directory = tools.directory();

        Path partial = BackupDirectory.partialOf(artifact);
        if (Files.exists(partial) || !Files.exists(artifact)) {
            // a restart after a crash past this point finds the artifact already renamed
            Files.move(partial, artifact, StandardCopyOption.ATOMIC_MOVE);
        }
        Path checksum = BackupDirectory.checksumOf(artifact);
        BackupDirectory.createPrivateFile(checksum);
        // sha256sum's format, so `sha256sum -c` works in the backup folder without Nightshift
        Files.writeString(checksum, dump.sha256() + "  " + artifact.getFileName() + "\n");
        BackupManifest manifest = new BackupManifest(1, run.environment(), run.database(), target.database(),
                directory.relative(artifact), tools.properties().backup().compression().name().toLowerCase(),
                dump.sizeBytes(), dump.sha256(), dump.startedAt().toString(), dump.finishedAt().toString(),
                dump.serverVersion(), dump.pgDumpVersion(), dump.tableCount(), verification.passed(),
                verification.description(), dump.rowCounts());
        manifest.writeBeside(artifact);
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
