package dev.nightshift.sync.snapshot;

import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.config.SnapshotStorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an import's snapshot is: a snapshot directory (in the configured one, or a path), or, with
 * {@code snapshot-storage.type: s3}, a folder in the bucket, downloaded and proven into the work directory
 * before anything is loaded.
 */
public final class SnapshotSource {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSource.class);

    private final SyncTools tools;

    public SnapshotSource(SyncTools tools) {
        this.tools = tools;
    }

    /** Whether {@code snapshot} (latest, an id or a path) is looked up in the bucket: a directory here never is. */
    public boolean inBucket(String snapshot) {
        return tools.settings().snapshotStorage().type() == SnapshotStorageProperties.Type.S3
                && !Files.isDirectory(Path.of(snapshot));
    }

    /** What {@code snapshot} names, for a preflight: fails (exit 2) when there is none, or it cannot be decrypted. */
    public String locate(String logical, String snapshot) throws IOException {
        if (!inBucket(snapshot)) {
            return Snapshots.resolve(tools.settings().snapshots(), logical, snapshot).toString();
        }
        S3Snapshots bucket = tools.s3Snapshots();
        String id = bucket.resolve(logical, snapshot);
        bucket.readableSeal(id);
        return bucket.describe(id);
    }

    /** The run's snapshot as a sealed local directory: where it is, or a verified download of it. */
    public Path fetch(SyncRun run) throws IOException {
        if (!inBucket(run.snapshot())) {
            return Snapshots.resolve(tools.settings().snapshots(), run.database(), run.snapshot()).toAbsolutePath();
        }
        S3Snapshots bucket = tools.s3Snapshots();
        String id = bucket.resolve(run.database(), run.snapshot());
        // one copy per target environment and snapshot: the target's sync lock keeps two imports of it apart
        Path directory = tools.settings().workDirectory().resolve(run.to() + "-" + id).toAbsolutePath();
        try {
            new SnapshotDownload(bucket).download(id, directory);
        } catch (IOException | RuntimeException e) {
            SpoolFiles.delete(directory);
            throw e;
        }
        log.info("downloaded the masked snapshot {} into {} (every object matches its seal)", bucket.describe(id), directory);
        return directory;
    }
}
