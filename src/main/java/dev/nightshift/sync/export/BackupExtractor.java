package dev.nightshift.sync.export;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.StopSignal;
import dev.nightshift.sync.snapshot.SpoolFiles;
import dev.nightshift.sync.snapshot.SpoolManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Spools a verified backup: the schema scripts from its table of contents, then one pass of
 * {@code pg_restore --data-only} split into a COPY file per table, masked on the way. Every read of the artifact proves its
 * checksum, so a damaged backup fails the extraction instead of feeding staging half a table.
 */
final class BackupExtractor {

    private static final Logger log = LoggerFactory.getLogger(BackupExtractor.class);

    private final BackupJobs backups;
    private final long partBytes;
    private final boolean copyComments;

    /**
     * @param partBytes    a table's rows go on in a new spool file after this many bytes
     * @param copyComments whether the copy gets the source's comments (see {@link CatalogScrub})
     */
    BackupExtractor(BackupJobs backups, long partBytes, boolean copyComments) {
        this.backups = backups;
        this.partBytes = partBytes;
        this.copyComments = copyComments;
    }

    SpoolManifest extract(CatalogEntry backup, PgClient client, MaskingSpool masking, SpoolFiles spool,
                          StopSignal stop) throws IOException {
        SchemaScripts.write(client, () -> backups.openArtifact(backup), spool, stop, copyComments);
        CopyDemultiplexer demultiplexer = new CopyDemultiplexer(spool, masking, partBytes);
        FailureRecordingStream artifact = new FailureRecordingStream(backups.openArtifact(backup));
        try (demultiplexer) {
            client.pgRestore(null, List.of("--data-only", "--file=-")).run(artifact, demultiplexer, stop);
        }
        artifact.rethrow();
        log.info("spooled {} tables from backup #{} ({}, taken {})", demultiplexer.tables().size(), backup.id(),
                backup.artifact(), backup.startedAt());
        return new SpoolManifest("backup #" + backup.id() + " of " + backup.environment() + "/"
                + backup.logicalDatabase() + " taken " + backup.startedAt(), backup.id(), demultiplexer.tables(),
                demultiplexer.sequences(), List.of());
    }
}
