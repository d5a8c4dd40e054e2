package dev.nightshift.backup;

import java.time.Instant;
import java.util.Map;

/**
 * What one pg_dump run produced; all of it taken from one snapshot of the source database.
 *
 * @param rowCounts       rows per table ({@code schema.table}) counted in the dump's own stream; empty when
 *                        counting failed
 * @param rowCountFailure why the stream could not be counted (it fails the verification); null when counted
 */
record DumpResult(String sha256, long sizeBytes, int tableCount, Map<String, Long> rowCounts, String rowCountFailure,
                  String serverVersion, String pgDumpVersion, Instant startedAt, Instant finishedAt)
        implements java.io.Serializable {
}
