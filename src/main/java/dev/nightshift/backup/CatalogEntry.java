package dev.nightshift.backup;

import java.time.Instant;

/**
 * One published backup as the catalog knows it.
 *
 * @param artifact path relative to {@code nightshift.backup.directory}
 */
public record CatalogEntry(long id, String environment, String logicalDatabase, String database, String artifact,
                           String compression, long sizeBytes, String sha256, Instant startedAt, Instant finishedAt,
                           String serverVersion, String pgDumpVersion, int tableCount, boolean verified,
                           String verification, Long jobExecutionId) {

    RetentionCandidate asCandidate() {
        return new RetentionCandidate(id, startedAt, verified);
    }
}
