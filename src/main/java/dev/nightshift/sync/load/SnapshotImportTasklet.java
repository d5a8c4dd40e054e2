package dev.nightshift.sync.load;

import dev.nightshift.sync.snapshot.SnapshotSource;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.ServerVersion;
import dev.nightshift.sync.SyncGuard;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.snapshot.SnapshotSeal;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpooledTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.nio.file.Path;

/**
 * The first step of an import: the target's protection, then the snapshot proven against its seal (every
 * file's SHA-256) and fit for this database and server. It needs no rules file, no salt and no access to the
 * source: what the load needs is in the snapshot.
 */
public final class SnapshotImportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotImportTasklet.class);

    private final SyncTools tools;

    public SnapshotImportTasklet(SyncTools tools) {
        this.tools = tools;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        SyncRun run = new SyncRun(contribution.getStepExecution());
        SyncGuard.requireWritable(tools.targets(), run.to(), run.database());
        SnapshotSource source = new SnapshotSource(tools);
        Path snapshot = source.fetch(run);
        if (source.inBucket(run.snapshot())) {
            // recorded at once, so that the lifecycle removes the download however the checks below end
            run.chooseSource(SyncRun.SNAPSHOT_KIND, null, snapshot);
            run.downloadedSnapshot();
        }
        SnapshotSeal seal = SnapshotSeal.verify(snapshot);
        java.time.Duration maxAge = tools.settings().snapshotMaxAge();
        java.time.Duration age = java.time.Duration.between(seal.sealedAt(), java.time.Instant.now());
        if (!maxAge.isZero() && age.compareTo(maxAge) > 0) {
            throw new IllegalStateException("the snapshot " + snapshot + " was sealed " + age.toHours() + " hours ago,"
                    + " longer than nightshift.sync.snapshot-max-age (" + maxAge + "): did its export fail? Export a new"
                    + " one, or raise the setting to load this one");
        }
        SpoolManifest manifest = SpoolManifest.read(snapshot).orElseThrow();
        if (manifest.origin() == null || !run.database().equals(manifest.origin().database())) {
            throw new ConfigurationException("the snapshot " + snapshot + " holds database '"
                    + (manifest.origin() == null ? "?" : manifest.origin().database()) + "', not '" + run.database()
                    + "'; choose a snapshot of " + run.database());
        }
        PgTarget target = tools.target(run.to(), run.database());
        int major;
        try (var c = target.withDatabase("postgres").connect()) {
            major = ServerVersion.of(c).major();
        }
        if (major != manifest.origin().sourceMajor() && manifest.tables().stream().anyMatch(SpooledTable::binary)) {
            throw new ConfigurationException("the snapshot " + snapshot + " holds COPY binary parts of a PostgreSQL "
                    + manifest.origin().sourceMajor() + " server, which " + target.describe() + " (PostgreSQL " + major
                    + ") cannot read; import it into a PostgreSQL " + manifest.origin().sourceMajor() + " server, or"
                    + " run nightshift sync --from " + manifest.origin().from() + " --to " + run.to() + " instead");
        }
        run.chooseSnapshot(snapshot, manifest.origin().from());
        log.info("importing the masked snapshot {} ({}; sealed and intact) into {}", snapshot, manifest.source(),
                target.describe());
        return RepeatStatus.FINISHED;
    }
}
