package dev.nightshift.backup;

import java.time.Instant;
import java.util.Map;

/** What one pg_dump run produced; all of it taken from one snapshot of the source database. */
record DumpResult(String sha256, long sizeBytes, int tableCount, Map<String, Long> rowCounts,
                  String serverVersion, String pgDumpVersion, Instant startedAt, Instant finishedAt)
        implements java.io.Serializable {
}
