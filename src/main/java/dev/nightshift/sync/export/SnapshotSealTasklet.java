package dev.nightshift.sync.export;

import dev.nightshift.sync.snapshot.SnapshotUpload;
import dev.nightshift.sync.snapshot.SpoolFiles;
import dev.nightshift.sync.snapshot.S3Snapshots;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.snapshot.SnapshotSeal;
import dev.nightshift.sync.snapshot.Snapshots;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;
import java.util.List;

/**
 * Seals an export's spool as a masked snapshot (or uploads it into the bucket, the seal last, and removes the
 * local copy), then drops the database's snapshots beyond the kept number.
 */
public final class SnapshotSealTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSealTasklet.class);

    private final SyncTools tools;

    public SnapshotSealTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        Path snapshot = run.spool();
        if (run.uploads()) {
            upload(run, snapshot);
            return RepeatStatus.FINISHED;
        }
        SnapshotSeal seal = SnapshotSeal.write(snapshot);
        run.report(snapshot);
        log.info("sealed the masked snapshot {} ({} files); load it with: nightshift sync import --env ENV"
                + " --database {} --snapshot {}", snapshot, seal.sha256().size(), run.database(), snapshot);
        retained(Snapshots.retain(snapshot.getParent(), run.from(), run.database(), tools.settings().snapshotsKept())
                .stream().map(Path::toString).toList());
        return RepeatStatus.FINISHED;
    }

    private void upload(SyncRun run, Path snapshot) throws Exception {
        S3Snapshots bucket = tools.s3Snapshots();
        String id = snapshot.getFileName().toString();
        // a restart after the seal was written has nothing left to upload (a new upload would change encrypted objects)
        if (!bucket.store().exists(S3Snapshots.seal(id))) {
            for (String removed : bucket.removeLeftovers(run.from(), run.database(), id)) {
                log.info("removed {}, left by an export that did not finish", removed);
            }
            SnapshotSeal seal = new SnapshotUpload(bucket).upload(snapshot);
            log.info("uploaded and sealed the masked snapshot {} ({} objects{}); load it with: nightshift sync import"
                            + " --env ENV --database {} --snapshot {}", bucket.describe(id), seal.sha256().size(),
                    seal.encryption() == null ? "" : ", encrypted with key " + seal.keyId(), run.database(), id);
        }
        run.report(bucket.describe(id));
        SpoolFiles.delete(snapshot);
        retained(bucket.retain(run.from(), run.database(), tools.settings().snapshotsKept()));
    }

    private void retained(List<String> removed) {
        for (String snapshot : removed) {
            log.info("removed the old snapshot {} (nightshift.sync.snapshots-kept: {})", snapshot,
                    tools.settings().snapshotsKept());
        }
    }
}
