package dev.nightshift.config;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * How the staging sync copies, masks and verifies.
 *
 * @param maxBackupAge     the newest verified backup of the source is used when it is at most this old;
 *                         otherwise the sync dumps the live database from one consistent snapshot
 * @param rulesDirectory   where the masking rules are: {@code <rules-directory>/<logical-db>.yml}
 * @param saltEnv          environment variable holding the masking salt (a secret of at least 16 bytes)
 * @param saltFile         file holding the masking salt instead (a mounted secret); wins over {@code salt-env}
 * @param workDirectory    where the source's rows wait, masked and leak-checked, between extraction and load
 *                         (private files, removed when the sync ends; kept after a stop or kill so a restart
 *                         can resume)
 * @param reportDirectory  where the JSON run reports go; empty means {@code <work-directory>/reports}
 * @param threads          tables loaded at the same time
 * @param chunkRows        rows per chunk: each chunk is one COPY into the target and one checkpoint; a chunk
 *                         of wide rows holds at most chunk-rows / 1000 MiB in memory per thread
 * @param chunkPause       a pause after every chunk, to spare a busy target server (0 = none)
 * @param partSize         a table bigger than this is spooled and loaded in parts of at most this size (at
 *                         most four per thread), so that the threads share its work and finish together;
 *                         smaller parts balance the threads better but each costs a query-based COPY
 *                         (a ctid range) and a step of its own
 * @param contentSampleRows rows per table (spread with TABLESAMPLE) whose kept columns are checked for
 *                         personal-looking content before a sync: the columns a keep-all table admits without
 *                         naming them, and with {@code --check} every kept column. Read-only, in memory only;
 *                         0 turns the content sample off (the name and type check remains)
 * @param snapshotDirectory where {@code sync export} writes masked snapshots and {@code sync import} finds them
 *                         by id or as {@code latest} when {@code snapshot-storage.type} is {@code local}; empty
 *                         means {@code <work-directory>/snapshots}
 * @param snapshotStorage  where snapshots are kept: this directory, or an S3-compatible bucket (then the export
 *                         writes each snapshot under {@code <work-directory>} first and uploads it, and the import
 *                         downloads it there, verified, before it loads)
 * @param snapshotsKept    sealed snapshots kept per environment and database after an export (older ones are
 *                         removed), in the snapshot directory or the bucket
 * @param snapshotMaxAge   an import refuses a snapshot sealed longer ago than this (a failed export must not
 *                         go unnoticed behind last week's copy); 0 accepts any age
 * @param copyComments     copy the source's comments (COMMENT ON ...) into the copy; a comment holding an email
 *                         address or a token-like string then stops the sync before anything is written
 */
public record SyncProperties(
        @DefaultValue("24h") Duration maxBackupAge,
        @DefaultValue("jobs/masking") Path rulesDirectory,
        @DefaultValue("NIGHTSHIFT_MASKING_SALT") String saltEnv,
        Path saltFile,
        @DefaultValue("/var/lib/nightshift/sync") Path workDirectory,
        Path reportDirectory,
        @DefaultValue("2") int threads,
        @DefaultValue("50000") int chunkRows,
        @DefaultValue("0ms") Duration chunkPause,
        @DefaultValue("512MB") DataSize partSize,
        @DefaultValue("1000") int contentSampleRows,
        @DefaultValue("false") boolean copyComments,
        Path snapshotDirectory,
        @DefaultValue("3") int snapshotsKept,
        @DefaultValue("8d") Duration snapshotMaxAge,
        @NestedConfigurationProperty @DefaultValue SnapshotStorageProperties snapshotStorage) {

    public Path reports() {
        return reportDirectory != null ? reportDirectory : workDirectory.resolve("reports");
    }

    public Path snapshots() {
        return snapshotDirectory != null ? snapshotDirectory : workDirectory.resolve("snapshots");
    }
}
