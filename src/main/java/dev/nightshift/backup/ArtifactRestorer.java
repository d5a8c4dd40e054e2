package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Feeds an artifact to pg_restore through its stdin, decompressing on the way and checking the stored
 * checksum with the same read. Used by verification and by the restore job.
 */
final class ArtifactRestorer {

    /**
     * {@code pg_restore --list}: the table of contents, read from the start of the artifact. The rest is
     * not read again: its checksum was computed on the way to the disk, and a restore checks it in full.
     */
    String list(Path artifact, Compression compression, PgClient client) throws IOException {
        try (InputStream in = ArtifactCodec.decompress(new BufferedInputStream(Files.newInputStream(artifact), 1 << 16), compression)) {
            ByteArrayOutputStream toc = new ByteArrayOutputStream();
            client.pgRestore(null, List.of("--list")).run(in, toc, StopSignal.NEVER);
            return toc.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Restores the whole artifact into {@code database}, an existing empty database. Ownership and grants
     * are left out: roles differ between environments, and the restoring user owns what it creates.
     */
    void restore(Path artifact, Compression compression, PgClient client, PgTarget database, String expectedSha256,
                 StopSignal stop) throws IOException {
        ArtifactReader reader = ArtifactReader.open(artifact, compression);
        try {
            client.pgRestore(database, List.of("--no-owner", "--no-privileges", "--exit-on-error", "--no-password",
                    "--dbname=" + database.database())).run(reader, java.io.OutputStream.nullOutputStream(), stop);
            requireChecksum(artifact, reader.sha256(), expectedSha256);
        } finally {
            reader.closeFully();
        }
    }

    private static void requireChecksum(Path artifact, String actual, String expected) throws IOException {
        if (expected != null && !expected.equals(actual)) {
            throw new IOException("checksum mismatch for " + artifact.getFileName() + ": the catalog says " + expected
                    + " but the file has " + actual + "; the artifact is damaged, use another backup");
        }
    }
}
