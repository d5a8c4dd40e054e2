package dev.nightshift.backup;

import dev.nightshift.jobs.Progress;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Feeds an artifact to pg_restore through its stdin, decrypting and decompressing on the way and checking
 * the stored checksum with the same read. Used by verification, test restores and the restore job.
 */
final class ArtifactRestorer {

    /**
     * {@code pg_restore --list}: the table of contents, read from the start of the artifact. The rest is
     * not read again: its checksum was computed on the way to the storage, and a restore checks it in full.
     */
    String list(StoredArtifact artifact, PgClient client) throws IOException {
        try (InputStream in = artifact.openPlain()) {
            ByteArrayOutputStream toc = new ByteArrayOutputStream();
            client.pgRestore(null, List.of("--list")).run(in, toc, StopSignal.NEVER);
            return toc.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Restores the whole artifact into {@code database}, an existing empty database. Ownership and grants
     * are left out: roles differ between environments, and the restoring user owns what it creates.
     */
    void restore(StoredArtifact artifact, PgClient client, PgTarget database, String expectedSha256,
                 StopSignal stop) throws IOException {
        Progress progress = Progress.bytes(database.describe() + " restore of " + artifact.name(), artifact.storedSize(),
                Progress.interval());
        ArtifactReader reader = artifact.open(progress);
        try (progress) {
            try {
                Failpoint.reach("restore.load.before-pg-restore");
                client.pgRestore(database, List.of("--no-owner", "--no-privileges", "--exit-on-error", "--no-password",
                        "--dbname=" + database.libpqConnectionString()))
                        .withStallWatch(database, "pg_restore into " + database.describe())
                        .run(reader, OutputStream.nullOutputStream(), stop);
            } catch (IOException e) {
                throw readFailure(artifact, reader).orElse(e);
            }
            // pg_restore may end fine on a stream cut at an entry boundary; the reader knows it was cut
            IOException cut = readFailure(artifact, reader).orElse(null);
            if (cut != null) {
                throw cut;
            }
            requireChecksum(artifact, reader.sha256(), expectedSha256);
        } finally {
            reader.closeFully();
        }
    }

    private static java.util.Optional<IOException> readFailure(StoredArtifact artifact, ArtifactReader reader) {
        IOException failure = reader.failure();
        if (failure == null) {
            return java.util.Optional.empty();
        }
        String what = artifact.cipher() == null ? "cannot read " : "cannot decrypt ";
        IOException clear = new IOException(what + artifact.describe() + ": " + failure.getMessage()
                + (artifact.cipher() == null ? "" : " (a wrong keyset or a damaged artifact); nothing was restored"));
        // suppressed, not the cause: the one-line outcome reports the root cause, and this line is the clear one
        clear.addSuppressed(failure);
        return java.util.Optional.of(clear);
    }

    private static void requireChecksum(StoredArtifact artifact, String actual, String expected) throws IOException {
        if (expected != null && !expected.equals(actual)) {
            throw new IOException("checksum mismatch for " + artifact.describe() + ": the catalog says " + expected
                    + " but the stored artifact has " + actual + "; the artifact is damaged, use another backup");
        }
    }
}
