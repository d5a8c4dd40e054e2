package dev.nightshift.sync.load;

import dev.nightshift.jobs.Progress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The load's progress across all of a sync's table parts, which copy on several threads at once: rows
 * committed against the spooled rows (the source snapshot's counts), as a bar on a terminal or a log line
 * at least every 30 s with rate and ETA. One per running sync, ended by the post-data step.
 */
public final class LoadReporter {

    private static final Map<Long, Progress> RUNS = new ConcurrentHashMap<>();

    private LoadReporter() {
    }

    static Progress of(long executionId, String target, LongSupplier spooledRows) {
        return RUNS.computeIfAbsent(executionId,
                id -> Progress.count(target + " load", spooledRows.getAsLong(), "rows", Progress.interval()));
    }

    public static void finished(long executionId) {
        Progress progress = RUNS.remove(executionId);
        if (progress != null) {
            progress.close();
        }
    }
}
