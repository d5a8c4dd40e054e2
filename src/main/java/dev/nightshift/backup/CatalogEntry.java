package dev.nightshift.backup;

import java.time.Instant;

/**
 * One published backup as the catalog knows it.
 *
 * @param artifact   name relative to the storage's root ({@code nightshift.backup.directory}, or the bucket's prefix)
 * @param storage    {@code local}, or {@code s3://bucket/prefix}; null for backups cataloged before storage was recorded
 * @param encryption null for a plain artifact, else the scheme ({@code tink-streaming-aead})
 * @param keyId      the Tink key id the artifact was encrypted with; the key itself is never recorded
 * @param rereadAt   when {@code nightshift backups verify} last re-read the stored artifact; null: never
 * @param rereadPassed whether that re-read found the artifact intact; a failed one also cleared {@code verified}
 * @param rereadDetail what that re-read checked or found, one line
 */
public record CatalogEntry(long id, String environment, String logicalDatabase, String database, String artifact,
                           String compression, long sizeBytes, String sha256, Instant startedAt, Instant finishedAt,
                           String serverVersion, String pgDumpVersion, int tableCount, boolean verified,
                           String verification, Long jobExecutionId, String storage, String encryption,
                           Long keyId, Instant rereadAt, Boolean rereadPassed, String rereadDetail) {

    RetentionCandidate asCandidate() {
        return new RetentionCandidate(id, startedAt, verified);
    }
}
