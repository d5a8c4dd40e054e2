package dev.nightshift.sync.export;

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

/** Seals an export's spool as a masked snapshot, then drops the database's snapshots beyond the kept number. */
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
        SnapshotSeal seal = SnapshotSeal.write(snapshot);
        run.report(snapshot);
        log.info("sealed the masked snapshot {} ({} files); load it with: nightshift sync import --env ENV"
                + " --database {} --snapshot {}", snapshot, seal.sha256().size(), run.database(), snapshot);
        for (Path removed : Snapshots.retain(snapshot.getParent(), run.from(), run.database(),
                tools.settings().snapshotsKept())) {
            log.info("removed the old snapshot {} (nightshift.sync.snapshots-kept: {})", removed,
                    tools.settings().snapshotsKept());
        }
        return RepeatStatus.FINISHED;
    }
}
