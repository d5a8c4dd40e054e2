package dev.nightshift.backup;

import java.time.Instant;

/**
 * One test restore: backup {@code backupId} restored into a throwaway database on the server of
 * {@code scratchEnvironment}.
 *
 * @param durationMs from the first byte read to the last row counted: the measured recovery time (RTO)
 * @param detail     what was compared and what differed, one line
 */
public record TestRestoreResult(long backupId, String environment, String logicalDatabase, String scratchEnvironment,
                                Instant startedAt, Instant finishedAt, long durationMs, boolean succeeded,
                                Integer tableCount, Long rowCount, String detail) {
}
