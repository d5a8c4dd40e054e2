package dev.nightshift.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The run key of a scheduled run is its scheduled fire time in UTC ({@code 2026-12-02T02:00:00Z}): the same
 * for a run resumed after a shutdown or recovered after a crash, so Spring Batch continues that run.
 */
final class RunKeys {

    private RunKeys() {
    }

    static String of(Date scheduledFireTime) {
        return Instant.ofEpochMilli(scheduledFireTime.getTime()).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
